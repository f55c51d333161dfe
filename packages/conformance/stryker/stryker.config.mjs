// Stryker configuration for `pnpm --filter @mlclose/conformance run mutation` (see ./run-mutation.mjs, which runs
// Stryker with packages/server as its working directory). The test is the conformance suite (./run-conformance.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const esbuild = path.resolve(here, '../node_modules/.bin/esbuild');

// The close-job rule modules (behaviour reference §1.3, §2, §3, §4, §5) and the close handler, by name.
const MODULES = {
  'expand-ids': 'src/rules/expand-ids.ts',
  booleans: 'src/rules/booleans.ts',
  duration: 'src/rules/duration.ts',
  'error-envelope': 'src/rules/error-envelope.ts',
  // The close pipeline of the cluster model.
  'cluster-close': 'src/cluster/close.ts',
  // The close handler: query mode vs body mode and the options (§1.2).
  'close-handler': 'src/http/handlers/close-job.ts',
};
// MLCLOSE_MUTATE=expand-ids,duration mutates only those modules (reports get the names as a suffix).
const selected = process.env.MLCLOSE_MUTATE ? process.env.MLCLOSE_MUTATE.split(',') : Object.keys(MODULES);
const unknown = selected.filter((name) => !(name in MODULES));
if (unknown.length > 0)
  throw new Error(
    `MLCLOSE_MUTATE: unknown module(s) ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`,
  );
const suffix = process.env.MLCLOSE_MUTATE ? `-${selected.join('+')}` : '';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: selected.map((name) => MODULES[name]),
  // Only what the server needs at run time goes into the sandbox.
  ignorePatterns: ['dist', 'test', 'test-results', '.turbo', 'coverage', 'reports', '*.md'],
  // Never in place: other engineers work in packages/server. The sandbox lives outside the repository.
  inPlace: false,
  // MLCLOSE_STRYKER_TMP: another sandbox folder, so that two runs (two work trees) can go at once.
  tempDirName: process.env.MLCLOSE_STRYKER_TMP ?? path.join('/tmp', 'mlclose-stryker'),
  cleanTempDir: true,
  // One build per sandbox: transpile the instrumented TypeScript (tsc's settings that matter at run time: ES2022
  // class fields, imports kept as written).
  buildCommand: `${esbuild} src/**/*.ts --outdir=dist --platform=node --format=esm --target=node20 --log-level=warning --tsconfig-raw={"compilerOptions":{"useDefineForClassFields":true,"verbatimModuleSyntax":true}}`,
  testRunner: 'command',
  commandRunner: { command: `node ${path.join(here, 'run-conformance.mjs')}` },
  coverageAnalysis: 'off',
  plugins: [],
  concurrency: Number(process.env.MLCLOSE_STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 60_000,
  timeoutFactor: 1.5,
  dryRunTimeoutMinutes: 10,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: path.join(here, `reports/mutation${suffix}.html`) },
  jsonReporter: { fileName: path.join(here, `reports/mutation${suffix}.json`) },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 85, break: null },
};
