// Runs every JavaScript sample as the docs print it against the reference server: the ones
// @elastic/request-converter wrote for @elastic/elasticsearch, and our @mlclose/client ones, and compares what
// each printed with the answer the docs show. The @mlclose/client samples (and the getting-started guide) are
// also type-checked against the client's published types with `tsc --noEmit`, as a user's editor would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import { mlcloseClientSample } from '../scripts/lib/samples.mjs';
import { isCloseJob } from '../scripts/lib/examples.mjs';
import { docsRoot } from './support/paths.js';
import { compileProject } from './support/typescript.js';
import { prepare, useReferenceServer } from './support/reference-server.js';
import { exampleCases, expectDocumented, useJavaScriptRunner } from './support/samples-run.js';

const cases = exampleCases();
const closeCases = cases.filter((c) => isCloseJob(spec, c.example));

const reference = useReferenceServer();
const runJavaScript = useJavaScriptRunner();

describe('@elastic/elasticsearch samples', () => {
  it.each(cases)('$id answers what the docs show', async ({ id, example, samples, documented }) => {
    await prepare(reference.server, example.setup);
    const outcome = await runJavaScript(
      `es-${id}`,
      samples.javascript!,
      reference.server.url,
      'elasticsearch',
    );
    expectDocumented(outcome, documented);
  });
});

describe('@mlclose/client samples', () => {
  it('every close-job example has one, and no other example does', () => {
    for (const { example, samples } of cases) {
      expect('mlclose-client' in samples, example.id).toBe(isCloseJob(spec, example));
    }
  });

  it.each(closeCases)('$id answers what the docs show', async ({ id, example, samples, documented }) => {
    await prepare(reference.server, example.setup);
    const outcome = await runJavaScript(
      `mlclose-${id}`,
      samples['mlclose-client']!,
      reference.server.url,
      'none',
    );
    expectDocumented(outcome, documented);
  });
});

/** The ```js blocks of a guide, in order: they build on each other, like a reader's file. */
function guideBlocks(name: string): string {
  const text = readFileSync(path.join(docsRoot, 'content/guides', name), 'utf8');
  return [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

const one = 'POST _ml/anomaly_detectors/low_request_rate/_close';
/** Samples the client must refuse: an unknown option, a numeric job_id. */
const NEGATIVE: Record<string, string> = {
  'negative-unknown-option.ts': mlcloseClientSample(one).replace(
    "job_id: 'low_request_rate',",
    "job_id: 'low_request_rate',\n  forse: true,",
  ),
  'negative-numeric-id.ts': mlcloseClientSample(one).replace("'low_request_rate'", '42'),
};
const SAMPLES = Object.fromEntries(
  closeCases.map(({ id, samples }) => [`${id}.ts`, samples['mlclose-client']!]),
);
const GUIDE = { 'getting-started.ts': guideBlocks('getting-started.md') };

/**
 * Every file below in one project under test-results (so `@mlclose/client` resolves from apps/docs), type-checked
 * by one tsc run: each file is a module of its own, so a diagnostic names the file it is in, and the tests read
 * their own files' diagnostics (three runs cost three times the CPU, mostly loading the same declarations).
 */
let checked: ReturnType<typeof compileProject> | undefined;
function typecheck() {
  checked ??= compileProject(
    'js-samples',
    { ...SAMPLES, ...GUIDE, ...NEGATIVE },
    { lib: ['ES2022', 'DOM'], noEmit: true },
  );
  return checked;
}

/**
 * tsc's diagnostics (`--pretty false`: `path(line,col): error TSnnnn: ...`, continuation lines indented), by the name
 * of the file they are in. Output of any other shape (a TS5xxx option error, a crash) throws: no test reads past it.
 */
function diagnostics(): { file: string; text: string }[] {
  return typecheck()
    .output.split('\n')
    .filter((line) => line !== '' && !/^\s/.test(line))
    .map((line) => {
      const head = /^(\S[^(]*)\(\d+,\d+\): /.exec(line);
      if (!head) throw new Error(`tsc printed something other than a diagnostic: ${line}`);
      return { file: path.basename(head[1]!), text: line };
    });
}

/** The diagnostics in `files`. The negative test shows that this finds them. */
function diagnosticsIn(files: Record<string, string>): string[] {
  return diagnostics()
    .filter(({ file }) => file in files)
    .map(({ text }) => text);
}

describe('@mlclose/client samples type-check', () => {
  it('tsc reports nothing outside the negative samples, and fails because of them', () => {
    const stray = diagnostics().filter(({ file }) => !(file in NEGATIVE));
    expect(stray.map(({ text }) => text)).toEqual([]);
    expect(typecheck().status).not.toBe(0);
  });

  it('every close-job example type-checks against @mlclose/client', () => {
    expect(Object.keys(SAMPLES).length).toBe(closeCases.length);
    expect(diagnosticsIn(SAMPLES)).toEqual([]);
  });

  it('the code of the getting-started guide type-checks against @mlclose/client and @mlclose/server', () => {
    expect(GUIDE['getting-started.ts']).toContain('client.ml.closeJob');
    expect(diagnosticsIn(GUIDE)).toEqual([]);
  });

  it('the check fails on a sample the client does not accept (an unknown option, a numeric job_id)', () => {
    for (const [file, source] of Object.entries(NEGATIVE))
      expect(source, `${file} differs from the sample it breaks`).not.toBe(mlcloseClientSample(one));
    const found = diagnosticsIn(NEGATIVE).join('\n');
    expect(found).toMatch(/negative-unknown-option\.ts\(\d+,\d+\): error TS(2353|2561)/);
    expect(found).toMatch(/negative-numeric-id\.ts\(\d+,\d+\): error TS2322/);
  });
});
