import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const docsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoRoot = path.resolve(docsRoot, '../..');
export const dist = path.join(docsRoot, 'dist');
export const artifacts = path.join(docsRoot, 'test-results');

/** The tests check the built site; they never build it themselves (turbo runs `build` before `test`). */
export function requireBuiltSite(): void {
  if (!existsSync(path.join(dist, 'index.html')) || !existsSync(path.join(dist, 'reference.html'))) {
    throw new Error(
      'apps/docs/dist is missing or incomplete: run `pnpm docs` (or `pnpm --filter @mlclose/docs build`) first',
    );
  }
}
