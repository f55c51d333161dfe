// The typecheck task (scripts/typecheck.mjs) checks every workspace package in one TypeScript program per set of
// compiler options. It must report what `tsc -p tsconfig.json --noEmit` in each package would: every package's files,
// each under its own options, and fail on any error. Small repositories in a temporary folder show that; the last
// tests hold the real repository to it (every package found, and one program for all of them).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, packageConfigs, plan } from '../scripts/typecheck.mjs';
import { listWorkspacePackages, repoRoot } from '../src/workspace.js';
import { capturedOutput, scratchRepos } from './support/scratch.js';

const script = join(repoRoot, 'packages/repo-checks/scripts/typecheck.mjs');
const { scratch, repo } = scratchRepos('mlclose-typecheck-');

// The smallest standard library, so that each check is quick: what is checked is the script, not TypeScript.
const BASE = { compilerOptions: { strict: true, noEmit: true, types: [], lib: ['es5'] } };

/** A package's tsconfig.json on the base, with more options. */
function tsconfig(options: object = {}, include = ['src']) {
  return { extends: '../../tsconfig.base.json', compilerOptions: options, include };
}

/** The command, run in this process: its exit code and what it printed. */
function run(...args: string[]) {
  const output = capturedOutput();
  const status = main(args, output.io);
  return { status, stdout: output.stdout(), stderr: output.stderr() };
}

/** The errors a run printed, as `file(line,col): TSnnnn` (a config error has no file). */
function errors(stdout: string): string[] {
  return [...stdout.matchAll(/^(?:(\S+\(\d+,\d+\)): )?error (TS\d+):/gm)].map(
    ([, where, code]) => `${where ?? '-'}: ${code}`,
  );
}

describe('the typecheck script', () => {
  const clean = repo('clean', {
    'tsconfig.base.json': BASE,
    'packages/a/tsconfig.json': tsconfig(),
    'packages/a/package.json': { type: 'module' },
    'packages/a/src/index.ts': 'export const a: number = 1;\n',
    'apps/b/tsconfig.json': tsconfig({ allowJs: true, checkJs: true }),
    'apps/b/package.json': { type: 'module' },
    'apps/b/src/index.mjs': '/** @type {string} */\nexport const b = "b";\n',
  });

  it('passes a repository without errors, with exit 0 and one summary line (as a command)', () => {
    const result = spawnSync(process.execPath, [script, clean], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^typecheck: 2 packages in 2 programs \(\d+ files\): no errors\n$/);
    expect(result.status).toBe(0);
  });

  it("reports an error in any package's files, at its file and line, with exit 1", () => {
    const root = repo('errors', {
      'tsconfig.base.json': BASE,
      'packages/a/tsconfig.json': tsconfig({}, ['src', 'test']),
      'packages/a/src/index.ts': 'export const a: number = 1;\n',
      'packages/a/test/a.test.ts': "export const wrong: number = 'a';\n",
      'apps/b/tsconfig.json': tsconfig({ allowJs: true, checkJs: true }),
      'apps/b/src/index.mjs': '/** @type {string} */\nexport const b = 2;\n',
    });
    const result = run(root);
    expect(errors(result.stdout)).toEqual([
      'apps/b/src/index.mjs(2,14): TS2322',
      'packages/a/test/a.test.ts(1,14): TS2322',
    ]);
    expect(result.stdout).toContain(
      "packages/a/test/a.test.ts(1,14): error TS2322: Type 'string' is not assignable",
    );
    expect(result.stdout).toMatch(/: 2 errors\n$/);
    expect(result.status).toBe(1);
  });

  it('checks each package under its own options: packages with the same options share a program', () => {
    const unused = 'const unused = 1;\nexport {};\n';
    const root = repo('options', {
      'tsconfig.base.json': BASE,
      'packages/lax/tsconfig.json': tsconfig(),
      'packages/lax/src/index.ts': unused,
      'packages/strict/tsconfig.json': tsconfig({ noUnusedLocals: true }),
      'packages/strict/src/index.ts': unused,
      'packages/strict-too/tsconfig.json': tsconfig({ noUnusedLocals: true }),
      'packages/strict-too/src/index.ts': unused,
    });
    expect(errors(run(root).stdout)).toEqual([
      'packages/strict-too/src/index.ts(1,7): TS6133',
      'packages/strict/src/index.ts(1,7): TS6133',
    ]);
    expect(plan(root)?.programs.map((program) => program.packages)).toEqual([
      ['packages/lax'],
      ['packages/strict', 'packages/strict-too'],
    ]);
  });

  it("reports a package's config errors: a tsconfig.json that includes no file fails", () => {
    const root = repo('config', {
      'tsconfig.base.json': BASE,
      'packages/a/tsconfig.json': tsconfig(),
      'packages/a/src/index.ts': 'export {};\n',
      'packages/empty/tsconfig.json': tsconfig(),
    });
    const result = run(root);
    expect(errors(result.stdout)).toEqual(['-: TS18003']);
    expect(result.status).toBe(1);
  });

  it('refuses a folder without packages, a missing folder and an option, with exit 2', () => {
    const empty = repo('empty', { 'README.md': 'no packages\n' });
    expect(run(empty)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/no package with a tsconfig\.json/),
    });
    expect(run(join(scratch, 'missing'))).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/not a directory/),
    });
    expect(run('--watch')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^usage: /) });
  });
});

describe('the repository', () => {
  it('has a tsconfig.json in every workspace package, and the typecheck finds each one', () => {
    const packages = listWorkspacePackages().map((pkg) => join(repoRoot, pkg.dir, 'tsconfig.json'));
    expect(packageConfigs(repoRoot)).toEqual(packages);
  });

  it('gives every package the same compiler options, so that one program checks them all', () => {
    const planned = plan(repoRoot);
    expect(planned?.configDiagnostics).toEqual([]);
    // A package whose options differ gets a program of its own, which parses the shared libraries again.
    expect(
      planned?.programs.map((program) => program.packages),
      "a package's tsconfig.json has compiler options the others do not: give them all the same ones",
    ).toEqual([listWorkspacePackages().map((pkg) => pkg.dir)]);
  });
});
