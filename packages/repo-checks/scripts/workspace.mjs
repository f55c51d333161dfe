// Where the workspace packages are, for the checks (src/workspace.ts types and re-exports it) and for the scripts run
// by node (typecheck.mjs, lint-packages.mjs); and how a script takes the repository root from its arguments.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this package lives in packages/repo-checks). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where workspace packages live (pnpm-workspace.yaml's globs), in this order. */
export const PACKAGE_PARENTS = ['packages', 'apps'];

/**
 * Every folder under the package parents of `root` that holds `file`, relative to the root (`packages/server`):
 * packages/ first, then apps/, each sorted.
 * @param {string} root
 * @param {string} file
 */
export function packageDirsWith(root, file) {
  return PACKAGE_PARENTS.flatMap((parent) => {
    const dir = join(root, parent);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .sort()
      .filter((name) => existsSync(join(dir, name, file)))
      .map((name) => `${parent}/${name}`);
  });
}

/**
 * Every package under packages/ and apps/: its folder (relative to the root) and manifest.
 * @param {string} root
 * @returns {import('../src/workspace.js').WorkspacePackage[]}
 */
export function listWorkspacePackages(root = repoRoot) {
  return packageDirsWith(root, 'package.json').map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')),
  }));
}

/**
 * The packages that get published (not private).
 * @param {string} root
 */
export function publishablePackages(root = repoRoot) {
  return listWorkspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
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
  const root = args[0] === undefined ? repoRoot : resolve(args[0]);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.stderr.write(`${name}: ${root} is not a directory\n${usage}\n`);
    return undefined;
  }
  return root;
}
