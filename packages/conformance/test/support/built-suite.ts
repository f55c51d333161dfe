// The built suite (dist/), for the tests that make dozens of whole runs (test/repeat.test.ts, the variants). Each run
// starts its own Vitest worker, which loads the built suite natively; from the TypeScript sources every module would
// go through Vite first, which costs more CPU than a small run's checks. The test task builds the package first
// (turbo.json), and a dist built from other sources than src/ (its digest, scripts/source-stamp.mjs) is refused, so
// these tests never run stale code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceDigest, STAMP_FILE } from '../../scripts/source-stamp.mjs';
import type * as Suite from '../../src/index.js';

function builtFrom(): string | undefined {
  try {
    return (JSON.parse(readFileSync(STAMP_FILE, 'utf8')) as { src?: string }).src;
  } catch {
    return undefined;
  }
}

if (builtFrom() !== sourceDigest())
  throw new Error(
    'dist/ is missing or was built from other sources than src/: build the package first (pnpm --filter @mlclose/conformance build, or pnpm test)',
  );

const suite = (await import(fileURLToPath(new URL('../../dist/index.js', import.meta.url)))) as typeof Suite;
export const { allChecks, runConformance } = suite;
