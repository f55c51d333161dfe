import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countReport, countReports, reportLines, summaryLine } from '../../../.ci/count-results.mjs';
import { repoRoot } from '../src/workspace.js';

// The reports these tests count are written by vitest itself: each fixture package below is a small project that
// the real vitest of this repository runs with its JSON reporter. A change in what vitest writes shows up here.
const vitestBin = join(
  dirname(createRequire(join(repoRoot, 'package.json')).resolve('vitest/package.json')),
  'vitest.mjs',
);
const script = join(repoRoot, '.ci/count-results.mjs');

/** Test files per fixture package. They use vitest's globals, so they import nothing and need no node_modules. */
const fixtures: Record<string, Record<string, string>> = {
  'packages/passing': {
    'a.test.ts': `it('one', () => {}); it('two', () => {}); it('three', () => {});`,
  },
  // One failing test inside two nested describes: vitest marks both describes and the file failed as well.
  'packages/nested': {
    'nested.test.ts': `
      describe('outer', () => {
        describe('inner', () => {
          it('fails', () => { expect(1).toBe(2); });
          it('passes', () => {});
        });
      });
      it.skip('is skipped', () => {});
      it.todo('is to do');`,
  },
  // A file that cannot load (its import does not exist) beside a file that passes.
  'packages/import-error': {
    'broken.test.ts': `import './does-not-exist.js'; it('never runs', () => {}); it('nor this', () => {});`,
    'fine.test.ts': `it('passes', () => {});`,
  },
  // A hook outside every test fails: every test passed, the file did not.
  'apps/hook-error': {
    'hook.test.ts': `afterAll(() => { throw new Error('cleanup failed'); }); it('passes', () => {});`,
  },
};

let root = '';

function writePackage(base: string, dir: string, files: Record<string, string>, testScript = true): string {
  const pkg = join(base, dir);
  mkdirSync(join(pkg, 'test'), { recursive: true });
  const scripts = testScript ? { test: 'vitest run' } : {};
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: dir, private: true, scripts }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(pkg, 'test', name), text);
  return pkg;
}

function runVitest(pkg: string): void {
  // The outer vitest's variables would make the inner one think it is a worker of the outer run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  const result = spawnSync(
    process.execPath,
    [
      vitestBin,
      'run',
      '--root',
      pkg,
      '--globals',
      '--reporter=json',
      '--outputFile=test-results/vitest.json',
    ],
    { cwd: pkg, env: { ...env, CI: 'true', NO_COLOR: '1' }, encoding: 'utf8' },
  );
  if (result.error) throw result.error;
  // Sanity: the report exists whatever the outcome (vitest exits 1 when a test fails).
  readFileSync(join(pkg, 'test-results/vitest.json'), 'utf8');
}

function report(dir: string): unknown {
  return JSON.parse(readFileSync(join(root, dir, 'test-results/vitest.json'), 'utf8'));
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mlclose-count-'));
  for (const [dir, files] of Object.entries(fixtures)) runVitest(writePackage(root, dir, files));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('one vitest report', () => {
  it.each([
    { description: 'all passing', dir: 'packages/passing', want: { passed: 3, failed: 0, skipped: 0 } },
    {
      description: 'one failing test in two nested describes counts once; skip and todo are skipped',
      dir: 'packages/nested',
      want: { passed: 1, failed: 1, skipped: 2 },
    },
    {
      description: 'a file that fails to load counts once, beside the tests that ran',
      dir: 'packages/import-error',
      want: { passed: 1, failed: 1, skipped: 0 },
    },
    {
      description: 'a hook that fails outside every test counts once',
      dir: 'apps/hook-error',
      want: { passed: 1, failed: 1, skipped: 0 },
    },
  ])('$description', ({ dir, want }) => {
    const { failures, ...counts } = countReport(report(dir), join(root, dir));
    expect(counts).toEqual(want);
    expect(failures).toHaveLength(want.failed);
  });

  it('names each failure: its file inside the package, its test, and the first line of its message', () => {
    expect(countReport(report('packages/nested'), join(root, 'packages/nested')).failures).toEqual([
      {
        file: 'test/nested.test.ts',
        test: 'outer inner fails',
        message: 'AssertionError: expected 1 to be 2 // Object.is equality',
      },
    ]);
    const [loadFailure] = countReport(
      report('packages/import-error'),
      join(root, 'packages/import-error'),
    ).failures;
    expect(loadFailure).toEqual({
      file: 'test/broken.test.ts',
      message: expect.stringContaining('does-not-exist'),
    });
    const [hookFailure] = countReport(report('apps/hook-error'), join(root, 'apps/hook-error')).failures;
    expect(hookFailure).toEqual({
      file: 'test/hook.test.ts',
      message: expect.stringContaining('cleanup failed'),
    });
  });

  it('says where to look when a failed file has no message (vitest writes none for a failed beforeAll)', () => {
    const given = {
      testResults: [
        {
          name: '/repo/packages/x/test/a.test.ts',
          status: 'failed',
          message: '',
          assertionResults: [{ status: 'skipped' }],
        },
      ],
    };
    expect(countReport(given, '/repo/packages/x')).toEqual({
      passed: 0,
      failed: 1,
      skipped: 1,
      failures: [
        {
          file: 'test/a.test.ts',
          message: expect.stringMatching(/^\(the report has no message: a beforeAll/),
        },
      ],
    });
  });

  it('prints an absolute path for a file outside the package, and one line of a long message', () => {
    const long = `Error: ${'x'.repeat(500)}\nsecond line`;
    const given = {
      testResults: [
        {
          name: '/elsewhere/a.test.ts',
          status: 'failed',
          assertionResults: [{ status: 'failed', fullName: 'a', failureMessages: [`\n  ${long}`] }],
        },
      ],
    };
    const [failure] = countReport(given, '/repo/packages/x').failures;
    expect(failure?.file).toBe('/elsewhere/a.test.ts');
    expect(failure?.message).toHaveLength(300);
    expect(failure?.message).toMatch(/^Error: x+…$/);
  });

  it('the suite counts that vitest writes would count the nested failure more than once', () => {
    // Pins why the count reads tests: if vitest stopped counting enclosing describes, this would say so.
    const data = report('packages/nested') as { numFailedTests: number; numFailedTestSuites: number };
    expect(data.numFailedTests).toBe(1);
    expect(data.numFailedTestSuites).toBeGreaterThan(1);
  });

  it.each([
    { description: 'not an object', given: 'null' },
    { description: 'no testResults', given: '{"numPassedTests": 3}' },
    { description: 'a file without assertionResults', given: '{"testResults": [{"status": "passed"}]}' },
    {
      description: 'an unknown test status',
      given: '{"testResults": [{"status": "passed", "assertionResults": [{"status": "weird"}]}]}',
    },
  ])('rejects a report with $description', ({ given }) => {
    expect(() => countReport(JSON.parse(given))).toThrow(/not a vitest JSON report/);
  });
});

describe('the CI result line', () => {
  it('totals every tested package', () => {
    const totals = countReports(root);
    expect(totals.reports.map((r) => r.package)).toEqual([
      'packages/import-error',
      'packages/nested',
      'packages/passing',
      'apps/hook-error',
    ]);
    expect(summaryLine(totals, 1)).toBe('6 passed, 3 failed, 2 skipped');
  });

  it('prints a line per failure, before the summary line', () => {
    const lines = reportLines(countReports(root), 1);
    expect(lines.filter((line) => line.startsWith('  FAIL '))).toEqual([
      expect.stringMatching(/^ {2}FAIL packages\/import-error test\/broken\.test\.ts: .*does-not-exist/),
      '  FAIL packages/nested test/nested.test.ts > outer inner fails: AssertionError: expected 1 to be 2 // Object.is equality',
      expect.stringMatching(/^ {2}FAIL apps\/hook-error test\/hook\.test\.ts: .*cleanup failed/),
    ]);
    expect(lines.at(-1)).toBe('6 passed, 3 failed, 2 skipped');
  });

  describe('with a missing and an unreadable report', () => {
    let extended = '';
    beforeAll(() => {
      extended = mkdtempSync(join(tmpdir(), 'mlclose-count-broken-'));
      runVitest(writePackage(extended, 'packages/passing', fixtures['packages/passing'] ?? {}));
      writePackage(extended, 'packages/missing', {});
      const unreadable = writePackage(extended, 'packages/unreadable', {});
      mkdirSync(join(unreadable, 'test-results'));
      writeFileSync(join(unreadable, 'test-results/vitest.json'), '{"testResults": [');
      writePackage(extended, 'packages/untested', {}, false);
    }, 60_000);
    afterAll(() => rmSync(extended, { recursive: true, force: true }));

    it('counts each as one failure and still prints the line', () => {
      const totals = countReports(extended);
      expect(totals.reports.map((r) => [r.package, r.failed, r.problem])).toEqual([
        ['packages/missing', 1, 'no report'],
        ['packages/passing', 0, undefined],
        ['packages/unreadable', 1, expect.stringMatching(/^unreadable report: /)],
      ]);
      expect(summaryLine(totals, 1)).toBe('3 passed, 2 failed');
    });

    it('prints the same from the command line, with a line per package', () => {
      const output = execFileSync(process.execPath, [script, extended, '--exit-code', '1'], {
        encoding: 'utf8',
      });
      const lines = output.trimEnd().split('\n');
      expect(lines).toEqual(reportLines(countReports(extended), 1));
      expect(lines.at(-1)).toBe('3 passed, 2 failed');
      expect(lines[0]).toBe('  packages/missing: 0 passed, 1 failed, 0 skipped (no report)');
    });
  });

  it('says so when the test command failed without a failing test (lint, typecheck or build)', () => {
    const totals = {
      passed: 3,
      failed: 0,
      skipped: 0,
      reports: [{ package: 'packages/x', passed: 3, failed: 0, skipped: 0, failures: [] }],
    };
    expect(reportLines(totals, 2)).toEqual([
      '  packages/x: 3 passed, 0 failed, 0 skipped',
      '  FAIL the test command exited 2 with no failing test: a lint, typecheck or build task failed',
      '3 passed, 1 failed',
    ]);
    expect(reportLines(totals, 0).some((line) => line.includes('FAIL'))).toBe(false);
  });

  it('never prints "0 failed" for a failing run', () => {
    const totals = { passed: 3, failed: 0, skipped: 0 };
    expect(summaryLine(totals, 0)).toBe('3 passed, 0 failed');
    expect(summaryLine(totals, 2)).toBe('3 passed, 1 failed');
  });

  it('a root with no tested package is a failure', () => {
    const empty = mkdtempSync(join(tmpdir(), 'mlclose-count-empty-'));
    try {
      expect(reportLines(countReports(empty), 0)).toEqual([
        '  no tested packages found',
        '0 passed, 1 failed',
      ]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects an --exit-code that is not a number', () => {
    const result = spawnSync(process.execPath, [script, root, '--exit-code', 'x'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--exit-code needs a number/);
  });
});
