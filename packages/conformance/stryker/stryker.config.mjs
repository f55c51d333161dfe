// Stryker configuration for `pnpm --filter @mlclose/conformance run mutation` (see ./run-mutation.mjs, which runs
// Stryker with packages/server as its working directory). The test is the conformance suite (./run-conformance.mjs).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../../server');
const esbuild = path.resolve(here, '../node_modules/.bin/esbuild');

// The server files the suite mutates, by name: whole files only (a line range cut at a comment banner breaks
// silently when the file moves around it). The close-job rule modules (CJ-BOOL, CJ-DUR, CJ-EXPAND, CJ-MATCH, CJ-ENV),
// the close pipeline and the close handler.
/** @type {Record<string, string>} */
const MODULES = {
  'expand-ids': 'src/rules/expand-ids.ts',
  booleans: 'src/rules/booleans.ts',
  duration: 'src/rules/duration.ts',
  'error-envelope': 'src/rules/error-envelope.ts',
  // The close pipeline of the cluster model.
  'cluster-close': 'src/cluster/close.ts',
  // The close handler: query mode vs body mode and the options (CJ-MODE-*).
  'close-handler': 'src/http/handlers/close-job.ts',
};
for (const file of Object.values(MODULES))
  if (!existsSync(path.join(serverDir, file)))
    throw new Error(`stryker.config.mjs: ${file} is not in packages/server`);
// MLCLOSE_MUTATE=expand-ids,duration mutates only those modules (reports get the names as a suffix).
const selected = process.env.MLCLOSE_MUTATE ? process.env.MLCLOSE_MUTATE.split(',') : Object.keys(MODULES);
const unknown = selected.filter((name) => !Object.hasOwn(MODULES, name));
if (unknown.length > 0)
  throw new Error(
    `MLCLOSE_MUTATE: unknown module(s) ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`,
  );
const suffix = process.env.MLCLOSE_MUTATE ? `-${selected.join('+')}` : '';

// Stryker's own type for the options (its constructor's): @stryker-mutator/api, which declares it, is a dependency of
// @stryker-mutator/core, not of this package, so it does not resolve from here by name.
/** @type {ConstructorParameters<typeof import('@stryker-mutator/core').Stryker>[0]} */
export default {
  // Every selected name is a key of MODULES (checked above).
  mutate: selected.map((name) => /** @type {string} */ (MODULES[name])),
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
