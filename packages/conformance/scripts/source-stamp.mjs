// The digest of src/ that the build writes to dist/source-stamp.json (`node scripts/source-stamp.mjs`), so that the
// tests that run the built suite (test/support/built-suite.ts) can refuse a dist built from other sources.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const STAMP_FILE = path.join(packageRoot, 'dist', 'source-stamp.json');

/** @returns {string} the SHA-256 of every file under src/, with its path, in path order */
export function sourceDigest() {
  const hash = createHash('sha256');
  const src = path.join(packageRoot, 'src');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(src, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(src, file)))
      .update('\0');
  return hash.digest('hex');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(STAMP_FILE, `${JSON.stringify({ src: sourceDigest() })}\n`);
}
