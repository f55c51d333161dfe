#!/usr/bin/env node
// Lints every publishable workspace package as the registry would get it: packs them all with one pnpm process, then
// checks each tarball with publint (strict: its warnings fail too) and with attw, "are the types wrong" (profile
// esm-only: the packages are ESM only, so the node10 and node16-from-CJS resolutions are not checked). Both run here,
// in one process for every package, instead of a publint and an attw process per package.
//
//   node scripts/lint-packages.mjs [root]    root: the repository (default: the one this script is in)
//
// Prints each package's problems, then one summary line. Exit 0 without problems, 1 with any, 2 on a usage error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { problemKindInfo } from '@arethetypeswrong/core/problems';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { PACKAGE_PARENTS, publishablePackages, repositoryRoot } from './workspace.mjs';

/** attw's esm-only profile: the resolutions an ESM-only package need not support. */
const IGNORED_RESOLUTIONS = new Set(['node10', 'node16-cjs']);

/**
 * The fields of an attw problem that say where it is, and how each is printed.
 * @type {ReadonlyArray<readonly [string, string]>}
 */
const WHERE = [
  ['entrypoint', 'entrypoint'],
  ['resolutionKind', 'resolution'],
  ['typesFileName', 'types'],
  ['implementationFileName', 'implementation'],
  ['fileName', 'file'],
];

/**
 * Runs `pnpm ARGS pack --json` in `cwd`, into `destination`: what pnpm printed (stdout), or an Error saying how it
 * failed.
 * @param {string} cwd
 * @param {string[]} args
 * @param {string} destination
 */
function pnpmPack(cwd, args, destination) {
  const result = spawnSync('pnpm', [...args, 'pack', '--pack-destination', destination, '--json'], {
    cwd,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    return new Error(
      `pnpm pack failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}${result.stdout}`,
    );
  return result.stdout;
}

/**
 * The tarballs that `pnpm pack --json` says it made, by package name. Its JSON comes last, after anything the packages'
 * pack scripts print; it starts on the last line that is a bare `[` (several packages) or `{` (one).
 * @param {string} stdout
 * @returns {Map<string, string>}
 */
function packedFiles(stdout) {
  const lines = stdout.split('\n');
  let start = lines.length - 1;
  while (start >= 0 && lines[start] !== '[' && lines[start] !== '{') start--;
  /** @type {unknown} */
  const parsed = start < 0 ? undefined : JSON.parse(lines.slice(start).join('\n'));
  const entries = Array.isArray(parsed) ? parsed : parsed === undefined ? [] : [parsed];
  return new Map(entries.map((entry) => [String(entry.name), String(entry.filename)]));
}

/**
 * Packs every package of `packages` (folders under `root`, with their names) with pnpm into a new folder under
 * `scratch`, and returns each one's tarball bytes by folder, or the Error that kept it from being packed. One pnpm
 * process packs them all (a pnpm process costs about 0.7 s of CPU, most of it loading pnpm); when that fails, each
 * package is packed alone, so that the error is the package's own.
 * @param {string} root
 * @param {{ dir: string, name: string }[]} packages
 * @param {string} scratch
 * @returns {Map<string, Uint8Array | Error>}
 */
function packAll(root, packages, scratch) {
  /** @type {Map<string, Uint8Array | Error>} */
  const tarballs = new Map();
  /** @param {string} name @param {Map<string, string>} files */
  const read = (name, files) => {
    const file = files.get(name);
    return file === undefined
      ? new Error('pnpm pack made no tarball for this package')
      : new Uint8Array(readFileSync(file));
  };
  /** @param {string} stdout @returns {Map<string, string> | Error} */
  const parse = (stdout) => {
    try {
      return packedFiles(stdout);
    } catch (error) {
      return new Error(`pnpm pack --json printed no JSON that could be read (${error}):\n${stdout}`);
    }
  };
  const all = pnpmPack(
    root,
    ['-r', ...packages.flatMap(({ dir }) => ['--filter', `./${dir}`])],
    mkdtempSync(join(scratch, 'pack-')),
  );
  const files = all instanceof Error ? all : parse(all);
  if (!(files instanceof Error)) {
    for (const { dir, name } of packages) tarballs.set(dir, read(name, files));
    return tarballs;
  }
  for (const { dir, name } of packages) {
    const one = pnpmPack(join(root, dir), [], mkdtempSync(join(scratch, 'pack-')));
    const its = one instanceof Error ? one : parse(one);
    tarballs.set(dir, its instanceof Error ? its : read(name, its));
  }
  return tarballs;
}

/**
 * The problems publint and attw find in a package's tarball, one line each, and publint's suggestions (which do not
 * fail).
 * @param {Uint8Array} tarball
 */
export async function lintTarball(tarball) {
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const suggestions = [];
  const copy = tarball.slice().buffer;
  const { messages, pkg } = await publint({ pack: { tarball: copy } });
  // As `publint --strict`: a warning fails like an error; a suggestion is printed only.
  for (const message of messages) {
    const line = `publint ${message.code}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`;
    (message.type === 'suggestion' ? suggestions : problems).push(line);
  }
  const analysis = await checkPackage(createPackageFromTarballData(tarball));
  if (!analysis.types) problems.push('attw: the package ships no types, so attw could check nothing');
  else
    for (const problem of analysis.problems) {
      if ('resolutionKind' in problem && IGNORED_RESOLUTIONS.has(problem.resolutionKind)) continue;
      const fields = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (problem));
      const where = WHERE.filter(([field]) => field in fields).map(
        ([field, label]) => `${label} ${fields[field]}`,
      );
      problems.push(
        `attw ${problem.kind}: ${problemKindInfo[problem.kind].title}${where.length > 0 ? ` (${where.join(', ')})` : ''}`,
      );
    }
  return { problems, suggestions };
}

/**
 * The command: lints the published packages of the repository `args` names (or this one), prints to `io`, and
 * resolves to the exit code.
 * @param {string[]} args
 * @param {import('./workspace.mjs').Output} io
 */
export async function main(args, io = process) {
  const root = repositoryRoot('lint-packages', args, io);
  if (root === undefined) return 2;
  const packages = publishablePackages(root).map((pkg) => ({
    dir: pkg.dir,
    name: String(pkg.manifest.name),
  }));
  if (packages.length === 0) {
    io.stderr.write(`lint-packages: no published package under ${root}/{${PACKAGE_PARENTS}}/*\n`);
    return 2;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'mlclose-lint-packages-'));
  let failed = 0;
  try {
    const tarballs = packAll(root, packages, scratch);
    for (const { dir } of packages) {
      let found;
      try {
        const tarball = /** @type {Uint8Array | Error} */ (tarballs.get(dir));
        if (tarball instanceof Error) throw tarball;
        found = await lintTarball(tarball);
      } catch (error) {
        found = { problems: [error instanceof Error ? error.message : String(error)], suggestions: [] };
      }
      for (const line of found.problems) io.stdout.write(`${dir}: ${line}\n`);
      for (const line of found.suggestions) io.stdout.write(`${dir}: (suggestion) ${line}\n`);
      if (found.problems.length > 0) failed++;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  io.stdout.write(
    `lint-packages: ${packages.length} ${packages.length === 1 ? 'package' : 'packages'} packed and checked by publint and attw: ${
      failed === 0 ? 'no problems' : `${failed} with problems`
    }\n`,
  );
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main(process.argv.slice(2));
