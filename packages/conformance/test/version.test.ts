// The version in run reports is the package's own, as its package.json says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { builtFile } from './support/fresh-dist.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

describe('VERSION', () => {
  it('is the version of package.json', () => {
    expect(manifest.name).toBe('@mlclose/conformance');
    expect(VERSION).toBe(manifest.version);
  });

  it('is what the built package reports', async () => {
    const built = (await import(builtFile('version.js'))) as { VERSION: string };
    expect(built.VERSION).toBe(manifest.version);
  });
});
