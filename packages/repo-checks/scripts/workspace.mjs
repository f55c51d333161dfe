// What the repository-wide scripts (typecheck.mjs, lint-packages.mjs) share: where the workspace packages are, and
// how a command takes the repository root from its arguments.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where workspace packages live (pnpm-workspace.yaml's globs). */
export const PACKAGE_PARENTS = ['packages', 'apps'];

/**
 * Every folder under the package parents of `root` that holds `file` (absolute paths), sorted.
 * @param {string} root
 * @param {string} file
 */
export function packageDirsWith(root, file) {
  return PACKAGE_PARENTS.flatMap((parent) => {
    const dir = join(root, parent);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, file)))
      .map((entry) => join(dir, entry.name));
  }).sort();
}

/**
 * @typedef {object} Output
 * @property {{ write(text: string): unknown, isTTY?: boolean }} stdout
 * @property {{ write(text: string): unknown }} stderr
 */

/**
 * The repository a command's `args` name: its one argument, or this repository. Undefined after a usage error, which
 * it prints to `io` as `name: ...` with the usage line.
 * @param {string} name the command, as `scripts/NAME.mjs`
 * @param {string[]} args
 * @param {Output} io
 */
export function repositoryRoot(name, args, io) {
  const usage = `usage: node scripts/${name}.mjs [repository root]`;
  if (args.length > 1 || args.some((arg) => arg.startsWith('-'))) {
    io.stderr.write(`${usage}\n`);
    return undefined;
  }
  const root = resolve(args[0] ?? join(dirname(fileURLToPath(import.meta.url)), '../../..'));
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.stderr.write(`${name}: ${root} is not a directory\n${usage}\n`);
    return undefined;
  }
  return root;
}
