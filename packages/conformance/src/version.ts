// The package's own version, read from its package.json at run time (one source: the version changesets bump).
import { readFileSync } from 'node:fs';

function packageVersion(): string {
  // src/version.ts and dist/version.js both sit one level below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  if (typeof pkg.version !== 'string') throw new Error('@mlclose/conformance: package.json has no version');
  return pkg.version;
}

/** The package version, reported in every run report. */
export const VERSION: string = packageVersion();
