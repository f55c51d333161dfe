// The packages' lint (scripts/lint-packages.mjs) packs every published package and checks the tarball with publint
// (strict) and attw (profile esm-only), as the four per-package `publint` and `attw --profile esm-only` runs did. Small
// repositories in a temporary folder show that it fails on what either tool finds, and passes what the esm-only
// profile allows; the lint task itself runs it on this repository's packages.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../scripts/lint-packages.mjs';
import { capturedOutput, scratchRepos } from './support/scratch.js';

const { scratch, repo } = scratchRepos('mlclose-lint-packages-test-');

/** An ESM-only package with types, as this repository's are. */
function esmPackage(name: string, exports: object): Record<string, string | object> {
  return {
    [`packages/${name}/package.json`]: {
      name,
      version: '1.0.0',
      license: 'MIT',
      type: 'module',
      exports,
      files: ['index.js', 'index.d.ts', 'index.d.cts'],
    },
    [`packages/${name}/index.js`]: 'export const value = 1;\n',
    [`packages/${name}/index.d.ts`]: 'export declare const value: number;\n',
    [`packages/${name}/index.d.cts`]: 'export declare const value: number;\n',
  };
}

async function run(...args: string[]) {
  const output = capturedOutput();
  const status = await main(args, output.io);
  return { status, stdout: output.stdout(), stderr: output.stderr() };
}

describe('the packages lint', () => {
  it('passes an ESM-only package that only old and CJS resolutions cannot load, and skips private packages', async () => {
    const root = repo('good', {
      ...esmPackage('good', { '.': { types: './index.d.ts', default: './index.js' } }),
      // Private: never packed (its package.json would fail publint).
      'apps/private/package.json': { name: 'private', private: true, exports: './missing.js' },
    });
    const result = await run(root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'lint-packages: 1 package packed and checked by publint and attw: no problems\n',
    );
    expect(result.status).toBe(0);
  });

  it("fails on publint's and attw's problems, each on a line naming the package", async () => {
    const order = esmPackage('order', { '.': { default: './index.js', types: './index.d.ts' } });
    // ESM code under CJS types only: attw's "masquerading as CJS", which publint does not see.
    const masquerade = esmPackage('masquerade', { '.': { types: './index.d.cts', default: './index.js' } });
    delete masquerade['packages/masquerade/index.d.ts'];
    // A pack script that prints lines like the start of pnpm's JSON list of tarballs, before it.
    masquerade['packages/masquerade/package.json'] = {
      ...(masquerade['packages/masquerade/package.json'] as object),
      scripts: { prepack: 'echo [ && echo {' },
    };
    const result = await run(repo('bad', { ...order, ...masquerade }));
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^packages\/order: publint EXPORTS_TYPES_SHOULD_BE_FIRST: pkg\.exports\["\."\]\.types /,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^packages\/masquerade: attw FalseCJS: Types are CJS, but implementation is ESM \(.*types /,
      ),
    );
    expect(lines.filter((line) => line.startsWith('packages/masquerade: publint '))).toEqual([]);
    expect(lines.at(-1)).toBe(
      'lint-packages: 2 packages packed and checked by publint and attw: 2 with problems',
    );
    expect(result.status).toBe(1);
  });

  it('fails on a publint warning too (strict), which publint alone only prints', async () => {
    // `main` with no root entry in `exports`: publint's EXPORTS_MISSING_ROOT_ENTRYPOINT, a warning; attw finds nothing.
    const files = esmPackage('warn', { './sub': { types: './index.d.ts', default: './index.js' } });
    const manifest = files['packages/warn/package.json'] as object;
    files['packages/warn/package.json'] = { ...manifest, main: './index.js' };
    const result = await run(repo('warn', files));
    expect(result.stdout).toMatch(/^packages\/warn: publint EXPORTS_MISSING_ROOT_ENTRYPOINT: /);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(result.status).toBe(1);
  });

  it('packs every package, and one whose pack fails is reported as its own failure beside the others', async () => {
    const broken = esmPackage('broken', { '.': { types: './index.d.ts', default: './index.js' } });
    const manifest = broken['packages/broken/package.json'] as object;
    broken['packages/broken/package.json'] = { ...manifest, scripts: { prepack: 'exit 3' } };
    const result = await run(
      repo('one-broken', {
        ...broken,
        ...esmPackage('fine', { '.': { types: './index.d.ts', default: './index.js' } }),
      }),
    );
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^packages\/broken: pnpm pack failed \(exit 3\):/);
    expect(lines.filter((line) => line.startsWith('packages/fine:'))).toEqual([]);
    expect(lines.at(-1)).toBe(
      'lint-packages: 2 packages packed and checked by publint and attw: 1 with problems',
    );
    expect(result.status).toBe(1);
  });

  it('refuses a folder without published packages, a missing folder and an option, with exit 2', async () => {
    const root = repo('none', { 'packages/private/package.json': { name: 'p', private: true } });
    expect(await run(root)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/no published package/),
    });
    expect(await run(join(scratch, 'missing'))).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/not a directory/),
    });
    expect(await run('--fix')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^usage: /) });
  });
});
