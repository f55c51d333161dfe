import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/workspace.js';

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
const { countReports, summaryLine } = (await import(join(repoRoot, '.ci/count-results.mjs'))) as {
  countReports: (root: string) => Totals;
  summaryLine: (totals: Totals, exitCode: number) => string;
};

let scratch = '';
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function fakeRepo(reports: Record<string, object>): string {
  scratch = mkdtempSync(join(tmpdir(), 'mlclose-count-'));
  for (const [dir, report] of Object.entries(reports)) {
    mkdirSync(join(scratch, dir, 'test-results'), { recursive: true });
    writeFileSync(join(scratch, dir, 'test-results/vitest.json'), JSON.stringify(report));
  }
  return scratch;
}

describe('the CI result line', () => {
  it('totals every package report', () => {
    const root = fakeRepo({
      'packages/a': { numPassedTests: 10, numFailedTests: 0, numPendingTests: 0, numFailedTestSuites: 0 },
      'apps/b': { numPassedTests: 5, numFailedTests: 2, numPendingTests: 1, numFailedTestSuites: 0 },
    });
    expect(summaryLine(countReports(root), 1)).toBe('15 passed, 2 failed, 1 skipped');
  });

  it('counts a suite that failed to load', () => {
    const root = fakeRepo({ 'packages/a': { numPassedTests: 3, numFailedTests: 0, numFailedTestSuites: 1 } });
    expect(summaryLine(countReports(root), 1)).toBe('3 passed, 1 failed');
  });

  it('never prints "0 failed" for a failing run', () => {
    const root = fakeRepo({ 'packages/a': { numPassedTests: 3, numFailedTests: 0 } });
    expect(summaryLine(countReports(root), 0)).toBe('3 passed, 0 failed');
    expect(summaryLine(countReports(root), 2)).toBe('3 passed, 1 failed');
  });
});
