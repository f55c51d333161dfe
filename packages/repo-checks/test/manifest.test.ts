import { describe, expect, it } from 'vitest';
import { checkManifest } from '../src/manifest.js';
import { publishablePackages, type Manifest } from '../src/workspace.js';

const good: Manifest = {
  name: '@mlclose/example',
  version: '1.0.0',
  type: 'module',
  license: 'Apache-2.0',
  sideEffects: false,
  engines: { node: '>=20.19' },
  files: ['dist'],
  exports: {
    '.': { types: './dist/index.d.ts', default: './dist/index.js' },
    './package.json': './package.json',
  },
};

describe('package manifests', () => {
  it.each(publishablePackages().map((p) => ({ name: p.manifest.name, manifest: p.manifest })))(
    '$name follows the packaging rules',
    ({ manifest }) => {
      expect(checkManifest(manifest)).toEqual([]);
    },
  );

  it('a well-formed manifest passes, also with its CLI listed as a side effect', () => {
    expect(checkManifest(good)).toEqual([]);
    expect(checkManifest({ ...good, bin: { x: './dist/cli.js' }, sideEffects: ['./dist/cli.js'] })).toEqual(
      [],
    );
  });

  const broken = [
    {
      description: 'types not first',
      given: { ...good, exports: { '.': { default: './a.js', types: './a.d.ts' } } },
      want: /"types" first/,
    },
    {
      description: 'a wildcard export',
      given: { ...good, exports: { './*': { types: './a.d.ts', default: './a.js' } } },
      want: /wildcard/,
    },
    { description: 'no files allowlist', given: { ...good, files: undefined }, want: /"files" allowlist/ },
    { description: 'CommonJS', given: { ...good, type: 'commonjs' }, want: /ESM/ },
    {
      description: 'JavaScript without types',
      given: { ...good, exports: { '.': './dist/index.js' } },
      want: /without "types"/,
    },
    { description: 'a foreign name', given: { ...good, name: 'mlclose-x' }, want: /@mlclose\/<name>/ },
    {
      description: 'side effects outside the bin',
      given: { ...good, sideEffects: ['./dist/index.js'] },
      want: /sideEffects/,
    },
    {
      description: 'side effects left undeclared',
      given: { ...good, sideEffects: undefined },
      want: /sideEffects/,
    },
  ];
  it.each(broken)('rejects $description', ({ given, want }) => {
    expect(checkManifest(given as Manifest).join('\n')).toMatch(want);
  });
});
