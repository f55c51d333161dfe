#!/usr/bin/env node
// Type-checks every workspace package, as `tsc -p tsconfig.json --noEmit` in each would, but in one TypeScript
// program per set of compiler options instead of one `tsc` per package. Each package's tsconfig.json stays the source
// of truth for its files and options; what the packages share (Node's and vitest's types, the built packages'
// declarations) is parsed and bound once, not once per package.
//
//   node scripts/typecheck.mjs [root]    root: the repository (default: the one this script is in)
//
// Prints the diagnostics as tsc does, then one summary line. Exit 0 without errors, 1 with any, 2 on a usage error.
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { PACKAGE_PARENTS, packageDirsWith, repositoryRoot } from './workspace.mjs';

/** Options that only name a package's config file: packages that differ in these alone share a program. */
const CONFIG_OWN = new Set(['configFilePath', 'pathsBasePath']);

/**
 * Every workspace package's tsconfig.json (absolute paths), in the workspace's order.
 * @param {string} root
 */
export function packageConfigs(root) {
  return packageDirsWith(root, 'tsconfig.json').map((dir) => join(root, dir, 'tsconfig.json'));
}

/**
 * A key equal for two packages exactly when their compiler options are, apart from the config file's own name.
 * @param {ts.CompilerOptions} options
 */
function optionsKey(options) {
  return JSON.stringify(
    Object.keys(options)
      .filter((name) => !CONFIG_OWN.has(name))
      .sort()
      .map((name) => [name, options[name]]),
  );
}

/**
 * What `tsc --noEmit` reports for a program, in its order: syntax errors stop there; then the options' and global
 * errors; the semantic errors only without those; and the declaration errors when declarations are on (as tsc adds
 * them when it emits nothing) and nothing else failed.
 * @param {ts.Program} program
 */
function diagnosticsOf(program) {
  const options = program.getCompilerOptions();
  /** @type {ts.Diagnostic[]} */
  const all = [...program.getSyntacticDiagnostics()];
  if (all.length > 0) return all;
  all.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
  if (all.length > 0) return all;
  all.push(...program.getSemanticDiagnostics());
  if (all.length === 0 && options.noEmit && (options.declaration || options.composite))
    all.push(...program.getDeclarationDiagnostics());
  return all;
}

/**
 * @typedef {object} Program
 * @property {ts.CompilerOptions} options the options its packages share
 * @property {string[]} rootNames every file its packages' tsconfig.json files include
 * @property {string[]} packages its packages' folders, relative to the root
 */

/**
 * The programs that check the packages under `root`: one per set of options. Undefined when there is no package.
 * @param {string} root
 * @returns {{ programs: Program[], configDiagnostics: ts.Diagnostic[] } | undefined}
 */
export function plan(root) {
  const configs = packageConfigs(root);
  if (configs.length === 0) return undefined;
  /** @type {ts.Diagnostic[]} */
  const configDiagnostics = [];
  /** @type {Map<string, Program>} */
  const programs = new Map();
  for (const config of configs) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      config,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => configDiagnostics.push(diagnostic) },
    );
    if (!parsed) continue;
    configDiagnostics.push(...parsed.errors);
    const key = optionsKey(parsed.options);
    let program = programs.get(key);
    if (!program) {
      program = { options: parsed.options, rootNames: [], packages: [] };
      programs.set(key, program);
    }
    program.rootNames.push(...parsed.fileNames);
    program.packages.push(relative(root, dirname(config)));
  }
  return { programs: [...programs.values()], configDiagnostics };
}

/**
 * @typedef {object} TypecheckResult
 * @property {readonly ts.Diagnostic[]} diagnostics every package's, sorted and without duplicates
 * @property {string[][]} programs the packages of each program
 * @property {number} files the source files the programs read, declaration files included
 */

/**
 * Checks every package under `root`; undefined when there is none.
 * @param {string} root
 * @returns {TypecheckResult | undefined}
 */
export function typecheck(root) {
  const planned = plan(root);
  if (!planned) return undefined;
  const diagnostics = [...planned.configDiagnostics];
  let files = 0;
  for (const { rootNames, options } of planned.programs) {
    const program = ts.createProgram({ rootNames, options });
    diagnostics.push(...diagnosticsOf(program));
    files += program.getSourceFiles().length;
  }
  return {
    diagnostics: ts.sortAndDeduplicateDiagnostics(diagnostics),
    programs: planned.programs.map((program) => program.packages),
    files,
  };
}

/**
 * The command: checks the repository `args` names (or this one), prints to `io`, and returns the exit code.
 * @param {string[]} args
 * @param {import('./workspace.mjs').Output} io
 */
export function main(args, io = process) {
  const root = repositoryRoot('typecheck', args, io);
  if (root === undefined) return 2;
  const result = typecheck(root);
  if (!result) {
    io.stderr.write(`typecheck: no package with a tsconfig.json under ${root}/{${PACKAGE_PARENTS}}/*\n`);
    return 2;
  }
  const host = {
    getCurrentDirectory: () => root,
    getCanonicalFileName: (/** @type {string} */ name) => name,
    getNewLine: () => ts.sys.newLine,
  };
  if (result.diagnostics.length > 0) {
    const format = io.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    io.stdout.write(format(result.diagnostics, host));
  }
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  const packages = result.programs.flat().length;
  const programs = result.programs.length === 1 ? 'one program' : `${result.programs.length} programs`;
  io.stdout.write(
    `typecheck: ${packages} ${packages === 1 ? 'package' : 'packages'} in ${programs} (${result.files} files): ` +
      `${errors === 0 ? 'no errors' : `${errors} ${errors === 1 ? 'error' : 'errors'}`}\n`,
  );
  return errors === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
