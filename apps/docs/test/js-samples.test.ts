// Type-checks every generated JavaScript sample against the published types of @mlclose/client: the samples
// are written to files and compiled with `tsc --noEmit`, as a user's editor would.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import { javascriptSample } from '../scripts/lib/samples.mjs';
import { loadExamples } from '../scripts/lib/examples.mjs';
import { artifacts, docsRoot, repoRoot } from './support/paths.js';

const examples = loadExamples(path.join(docsRoot, 'samples/examples.json'), spec);
const tsc = path.join(repoRoot, 'node_modules/.bin/tsc');

/** Writes `files` into a fresh project under test-results (so `@mlclose/client` resolves from apps/docs). */
function typecheck(name: string, files: Record<string, string>) {
  const dir = path.join(artifacts, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      include: ['*.ts'],
    }),
  );
  for (const [file, source] of Object.entries(files)) writeFileSync(path.join(dir, file), source);
  const run = spawnSync(tsc, ['-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], {
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The ```js blocks of a guide, in order: they build on each other, like a reader's file. */
function guideBlocks(name: string): string {
  const text = readFileSync(path.join(docsRoot, 'content/guides', name), 'utf8');
  return [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

describe('JavaScript samples', () => {
  it('every example type-checks against @mlclose/client', () => {
    const files = Object.fromEntries(
      examples.map((ex: { id: string }) => [`${ex.id}.ts`, javascriptSample(ex)]),
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
    const unknownOption = javascriptSample({ id: 'x', job_id: 'low_request_rate' }).replace(
      "job_id: 'low_request_rate',",
      "job_id: 'low_request_rate',\n  forse: true,",
    );
    const numericId = javascriptSample({ id: 'y', job_id: 'low_request_rate' }).replace(
      "'low_request_rate'",
      '42',
    );
    const result = typecheck('js-samples-negative', {
      'unknown-option.ts': unknownOption,
      'numeric-id.ts': numericId,
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/unknown-option\.ts\(\d+,\d+\): error TS(2353|2561)/);
    expect(result.output).toMatch(/numeric-id\.ts\(\d+,\d+\): error TS2322/);
  });
});
