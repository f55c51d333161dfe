#!/usr/bin/env node
// @ts-check
// Totals the vitest JSON report of every package under packages/ and apps/ that has a test script, and prints
// one plain line, "N passed, M failed". Vitest's own summaries are per package; CI reads only this line.
// Usage: node .ci/count-results.mjs [ROOT] [--exit-code RC]
//   RC is the exit code of the test command; a non-zero RC with no failing test counts as one failure
//   (a lint, typecheck or build task failed), so the line never reads "0 failed" for a failing run.
//
// What counts: tests, never suites. Vitest marks every describe around a failing test, and its file, as a failed
// suite too, so numFailedTestSuites would count one failing test several times. A test file that fails without a
// failing test inside it (it did not load, or a hook outside every test threw) counts once. A package with a test
// script whose report is missing or unreadable counts once: its tests did not run, or their result is lost.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * @typedef {object} PackageCount
 * @property {string} package  the package folder, relative to the root (`packages/server`)
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped  skipped and todo tests
 * @property {Failure[]} failures  what failed, so that a CI log names it
 * @property {string} [problem]  why the report could not be read, when it could not
 */

/**
 * One failure: a failing test, or a file that failed outside every test.
 * @typedef {object} Failure
 * @property {string} file  the test file, relative to its package when it lies inside it
 * @property {string} [test]  the test's full name; absent for a file that failed outside every test
 * @property {string} message  the first line of the first failure message (or of the file's error)
 */

/**
 * @typedef {object} Totals
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped
 * @property {PackageCount[]} reports  one entry per package with a test script
 */

/**
 * The fields of a vitest JSON report that the count reads.
 * @typedef {object} VitestFile
 * @property {string} [name]  the test file's absolute path
 * @property {string} status  `passed` or `failed` for the file as a whole
 * @property {string} [message]  why the file failed, when it failed outside every test
 * @property {{ status: string, fullName?: string, failureMessages?: unknown[] }[]} assertionResults  one per test
 */

/** The longest failure message printed, in characters: one line each, whatever the error. */
const MESSAGE_LIMIT = 300;

/**
 * The first non-empty line of a failure message, cut to MESSAGE_LIMIT characters.
 * @param {unknown} text
 * @returns {string}
 */
function firstLine(text) {
  const line =
    String(text ?? '')
      .split('\n')
      .map((part) => part.trim())
      .find((part) => part !== '') ?? '(no message)';
  return line.length > MESSAGE_LIMIT ? `${line.slice(0, MESSAGE_LIMIT - 1)}…` : line;
}

const SKIPPED = new Set(['skipped', 'pending', 'todo', 'disabled']);

/**
 * Counts one vitest JSON report (the parsed `test-results/vitest.json`) and names what failed.
 * @param {unknown} report
 * @param {string} [packageDir]  the package's folder: file paths inside it are printed relative to it
 * @returns {{ passed: number, failed: number, skipped: number, failures: Failure[] }}
 */
export function countReport(report, packageDir) {
  const files = /** @type {{ testResults?: unknown }} */ (report)?.testResults;
  if (!Array.isArray(files)) throw new Error('not a vitest JSON report: no testResults array');
  /** @type {{ passed: number, failed: number, skipped: number, failures: Failure[] }} */
  const count = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const file of /** @type {VitestFile[]} */ (files)) {
    if (!Array.isArray(file?.assertionResults))
      throw new Error('not a vitest JSON report: a file has no assertionResults');
    const name = String(file.name ?? '(unnamed file)');
    const inside = packageDir === undefined ? '' : relative(packageDir, name);
    const fileName = inside !== '' && !inside.startsWith('..') && !inside.startsWith('/') ? inside : name;
    let failedInFile = 0;
    for (const test of file.assertionResults) {
      if (test.status === 'passed') count.passed++;
      else if (test.status === 'failed') {
        failedInFile++;
        count.failures.push({
          file: fileName,
          test: String(test.fullName ?? '(unnamed test)'),
          message: firstLine(test.failureMessages?.[0]),
        });
      } else if (SKIPPED.has(test.status)) count.skipped++;
      else throw new Error(`not a vitest JSON report: a test has status ${JSON.stringify(test.status)}`);
    }
    // A failed file with no failed test: it did not load, or a hook outside every test failed. It counts once.
    if (file.status === 'failed' && failedInFile === 0) {
      count.failed++;
      count.failures.push({
        file: fileName,
        message: file.message
          ? firstLine(file.message)
          : '(the report has no message: a beforeAll hook failed or the file did not load; the test output says why)',
      });
    } else count.failed += failedInFile;
  }
  return count;
}

/**
 * The packages under packages/ and apps/ whose package.json has a test script, sorted.
 * @param {string} root
 * @returns {string[]}
 */
export function testedPackages(root) {
  const found = [];
  for (const group of ['packages', 'apps']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const manifest = join(groupDir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const scripts = /** @type {{ scripts?: Record<string, string> }} */ (
        JSON.parse(readFileSync(manifest, 'utf8'))
      ).scripts;
      if (scripts?.test) found.push(`${group}/${name}`);
    }
  }
  return found;
}

/**
 * Totals the reports of every tested package under root.
 * @param {string} root
 * @returns {Totals}
 */
export function countReports(root) {
  /** @type {Totals} */
  const totals = { passed: 0, failed: 0, skipped: 0, reports: [] };
  for (const pkg of testedPackages(root)) {
    const path = join(root, pkg, 'test-results', 'vitest.json');
    /** @type {PackageCount} */
    let entry;
    try {
      entry = { package: pkg, ...countReport(JSON.parse(readFileSync(path, 'utf8')), join(root, pkg)) };
    } catch (error) {
      const problem = existsSync(path)
        ? `unreadable report: ${error instanceof Error ? error.message : String(error)}`
        : 'no report';
      entry = { package: pkg, passed: 0, failed: 1, skipped: 0, failures: [], problem };
    }
    totals.passed += entry.passed;
    totals.failed += entry.failed;
    totals.skipped += entry.skipped;
    totals.reports.push(entry);
  }
  return totals;
}

/**
 * The one line CI prints.
 * @param {Pick<Totals, 'passed' | 'failed' | 'skipped'>} totals
 * @param {number} exitCode  the exit code of the test command
 * @returns {string}
 */
export function summaryLine(totals, exitCode) {
  const failed = totals.failed === 0 && exitCode !== 0 ? 1 : totals.failed;
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  return `${totals.passed} passed, ${failed} failed${skipped}`;
}

/**
 * The lines the script prints: one per package, one per failure (package, file, test and the message's first line),
 * then the summary line.
 * @param {Totals} totals
 * @param {number} exitCode
 * @returns {string[]}
 */
export function reportLines(totals, exitCode) {
  const lines = totals.reports.map(
    (r) =>
      `  ${r.package}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.problem ? ` (${r.problem})` : ''}`,
  );
  if (totals.reports.length === 0) lines.push('  no tested packages found');
  for (const r of totals.reports)
    for (const f of r.failures)
      lines.push(`  FAIL ${r.package} ${f.file}${f.test === undefined ? '' : ` > ${f.test}`}: ${f.message}`);
  if (totals.failed === 0 && exitCode !== 0 && totals.reports.length > 0)
    lines.push(
      `  FAIL the test command exited ${exitCode} with no failing test: a lint, typecheck or build task failed`,
    );
  lines.push(summaryLine(totals, totals.reports.length === 0 ? exitCode || 1 : exitCode));
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  let root = process.cwd();
  let exitCode = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--exit-code') {
      const value = args[++i];
      if (value === undefined || !/^\d+$/.test(value)) {
        console.error(`count-results: --exit-code needs a number, got ${JSON.stringify(value)}`);
        process.exit(2);
      }
      exitCode = Number(value);
    } else root = resolve(args[i] ?? '.');
  }
  for (const line of reportLines(countReports(root), exitCode)) console.log(line);
}
