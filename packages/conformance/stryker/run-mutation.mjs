// `pnpm --filter @mlclose/conformance run mutation`: mutation testing of the reference server's close-job rule
// modules, with the conformance suite as the test. Kept out of the default test command (it takes tens of minutes).
//
// 1. Compiles the suite's source (../src) into ./.build/dist with tsc (the suite runs on vitest, which loads the
//    suite module ./.build/dist/engine/suite.js by path), so that each mutant's run needs no build of this package
//    and sees one frozen copy of the suite.
// 2. Runs Stryker from packages/server (Stryker reads the project from its working directory) with
//    ./stryker.config.mjs. Stryker copies the server into a sandbox under /tmp (never in place: others work in
//    packages/server), instruments the modules it mutates, builds the sandbox once, and runs ./run-conformance.mjs
//    in it for every mutant.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const conformanceDir = path.resolve(here, '..');
const serverDir = path.resolve(conformanceDir, '../server');
/** @param {string} name */
const bin = (name) => path.join(conformanceDir, 'node_modules/.bin', name);

rmSync(path.join(here, '.build'), { recursive: true, force: true });
execFileSync(
  path.resolve(conformanceDir, '../../node_modules/.bin/tsc'),
  [
    '-p',
    path.join(conformanceDir, 'tsconfig.build.json'),
    '--outDir',
    path.join(here, '.build/dist'),
    '--sourceMap',
    'false',
    '--declaration',
    'false',
    '--declarationMap',
    'false',
  ],
  { stdio: 'inherit' },
);
// The suite reads its own version from ../package.json next to dist/ (src/version.ts).
copyFileSync(path.join(conformanceDir, 'package.json'), path.join(here, '.build/package.json'));

const child = spawn(
  bin('stryker'),
  ['run', path.join(here, 'stryker.config.mjs'), ...process.argv.slice(2)],
  { cwd: serverDir, stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
