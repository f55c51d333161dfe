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
/** Type-checks `files` in a fresh project under test-results (so `@mlclose/client` resolves from apps/docs). */
function typecheck(name: string, files: Record<string, string>) {
  return compileProject(name, files, { lib: ['ES2022', 'DOM'], noEmit: true });
}

/** The ```js blocks of a guide, in order: they build on each other, like a reader's file. */
function guideBlocks(name: string): string {
  const text = readFileSync(path.join(docsRoot, 'content/guides', name), 'utf8');
  return [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

describe('@mlclose/client samples type-check', () => {
  it('every close-job example type-checks against @mlclose/client', () => {
    const files = Object.fromEntries(
      closeCases.map(({ id, samples }) => [`${id}.ts`, samples['mlclose-client']!]),
    );
    const result = typecheck('js-samples', files);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('the code of the getting-started guide type-checks against @mlclose/client and @mlclose/server', () => {
    const code = guideBlocks('getting-started.md');
    expect(code).toContain('client.ml.closeJob');
    const result = typecheck('guide-samples', { 'getting-started.ts': code });
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('the check fails on a sample the client does not accept (an unknown option, a numeric job_id)', () => {
    const one = 'POST _ml/anomaly_detectors/low_request_rate/_close';
    const unknownOption = mlcloseClientSample(one).replace(
      "job_id: 'low_request_rate',",
      "job_id: 'low_request_rate',\n  forse: true,",
    );
    const numericId = mlcloseClientSample(one).replace("'low_request_rate'", '42');
    const result = typecheck('js-samples-negative', {
      'unknown-option.ts': unknownOption,
      'numeric-id.ts': numericId,
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/unknown-option\.ts\(\d+,\d+\): error TS(2353|2561)/);
    expect(result.output).toMatch(/numeric-id\.ts\(\d+,\d+\): error TS2322/);
  });
});
