#!/usr/bin/env node
// Totals every vitest JSON report under packages/*/test-results and apps/*/test-results and prints one plain
// line, "N passed, M failed". Vitest's own summaries are per package; CI reads only this line.
// Usage: node .ci/count-results.mjs [ROOT] [--exit-code RC]
//   RC is the exit code of the test command; a non-zero RC with no failing test counts as one failure
//   (a lint, typecheck or build task failed), so the line never reads "0 failed" for a failing run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function countReports(root) {
  const totals = { passed: 0, failed: 0, skipped: 0, reports: [] };
  for (const group of ['packages', 'apps']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const report = join(groupDir, name, 'test-results', 'vitest.json');
      if (!existsSync(report)) continue;
      const data = JSON.parse(readFileSync(report, 'utf8'));
      const passed = Number(data.numPassedTests ?? 0);
      // Suites that failed to load count as failures even when no test inside them ran.
      const failed = Number(data.numFailedTests ?? 0) + Number(data.numFailedTestSuites ?? 0);
      const skipped = Number(data.numPendingTests ?? 0) + Number(data.numTodoTests ?? 0);
      totals.passed += passed;
      totals.failed += failed;
      totals.skipped += skipped;
      totals.reports.push({ package: `${group}/${name}`, passed, failed, skipped });
    }
  }
  return totals;
}

export function summaryLine(totals, exitCode) {
  const failed = totals.failed === 0 && exitCode !== 0 ? 1 : totals.failed;
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  return `${totals.passed} passed, ${failed} failed${skipped}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let root = process.cwd();
  let exitCode = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--exit-code') exitCode = Number(args[++i]);
    else root = resolve(args[i]);
  }
  const totals = countReports(root);
  for (const report of totals.reports) {
    console.log(
      `  ${report.package}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`,
    );
  }
  if (totals.reports.length === 0) console.log('  no vitest reports found');
  console.log(summaryLine(totals, totals.reports.length === 0 ? exitCode || 1 : exitCode));
}
