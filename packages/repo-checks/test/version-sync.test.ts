import { describe, expect, it } from 'vitest';
import { SPEC_VERSION } from '@mlclose/schema';
import { checkVersionSync } from '../src/version-sync.js';
import {
  publishablePackages,
  readChangesetConfig,
  readSpecVersion,
  type WorkspacePackage,
} from '../src/workspace.js';

const pkg = (name: string, version: string): WorkspacePackage => ({
  dir: `packages/${name}`,
  manifest: { name, version },
});

describe('version sync', () => {
  it('the repository is in sync: one fixed group, one version, the spec says the same', () => {
    const publishable = publishablePackages();
    expect(publishable.map((p) => p.manifest.name).sort()).toEqual([
      '@mlclose/client',
      '@mlclose/conformance',
      '@mlclose/schema',
      '@mlclose/server',
    ]);
    const problems = checkVersionSync({
      publishable,
      fixed: readChangesetConfig().fixed ?? [],
      specVersion: readSpecVersion(),
    });
    expect(problems).toEqual([]);
  });

  it('the generated SPEC_VERSION matches the spec source', () => {
    expect(SPEC_VERSION).toBe(readSpecVersion());
  });

  const fixed = [['@a/one', '@a/two']];
  const cases = [
    {
      description: 'the spec version differs',
      given: { publishable: [pkg('@a/one', '1.0.0'), pkg('@a/two', '1.0.0')], fixed, specVersion: '0.9.0' },
      want: /spec info.version 0.9.0 differs from @a\/one@1.0.0/,
    },
    {
      description: 'two packages disagree',
      given: { publishable: [pkg('@a/one', '1.0.0'), pkg('@a/two', '1.1.0')], fixed, specVersion: '1.0.0' },
      want: /disagree on the version/,
    },
    {
      description: 'a publishable package is outside the fixed group',
      given: { publishable: [pkg('@a/one', '1.0.0'), pkg('@a/three', '1.0.0')], fixed, specVersion: '1.0.0' },
      want: /@a\/three is publishable but not in the fixed group/,
    },
    {
      description: 'there is no fixed group',
      given: { publishable: [pkg('@a/one', '1.0.0')], fixed: [], specVersion: '1.0.0' },
      want: /no changesets fixed group/,
    },
  ];
  it.each(cases)('fails when $description', ({ given, want }) => {
    const problems = checkVersionSync(given);
    expect(problems.join('\n')).toMatch(want);
  });
});
