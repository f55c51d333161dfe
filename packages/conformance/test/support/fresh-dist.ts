// The tests that load the built package (dist/) check first that it was built from the sources of this checkout:
// the build writes a digest of src/ (scripts/source-stamp.mjs), and a dist built from other sources is refused with
// the command that rebuilds it, instead of failing somewhere else on stale code. The test task builds the package
// first (turbo.json).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceDigest, STAMP_FILE } from '../../scripts/source-stamp.mjs';

function builtFrom(): string | undefined {
  try {
    return (JSON.parse(readFileSync(STAMP_FILE, 'utf8')) as { src?: string }).src;
  } catch {
    return undefined;
  }
}

/** The path of `file` under dist/ (`cli.js`); throws when dist/ is missing or was built from other sources. */
export function builtFile(file: string): string {
  if (builtFrom() !== sourceDigest())
    throw new Error(
      'dist/ is missing or was built from other sources than src/: build the package first (pnpm --filter @mlclose/conformance build, or pnpm test)',
    );
  return fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));
}
