import { describe, expect, it } from 'vitest';
import { turboSummary } from '../src/benchmarks/build.js';

// Turbo 2's output for a run with one failed task, as printed here (colour codes included, as in a terminal).
const FAILED_RUN = [
  '@x/b:test: \x1b[32m✓\x1b[39m test/ok.test.ts (3 tests)',
  '@x/a:test:  \x1b[41m\x1b[1m FAIL \x1b[22m\x1b[49m test/smoke.test.ts > pnpm bench --smoke > runs every default benchmark',
  '@x/a:test: AssertionError: expected [] to deeply equal [ …(3) ]',
  '@x/a:test: Error: the CLI did not say where it wrote',
  '@x/a:test:  ELIFECYCLE  Test failed. See above for more details.',
  '@x/a#test:  ERROR  command (/tmp/tfail/packages/a) /usr/bin/pnpm run test exited (1)',
  '',
  ' Tasks:    1 successful, 2 total',
  'Cached:    0 cached, 2 total',
  '  Time:    692ms ',
  'Failed:    @x/a#test',
  '',
  ' ERROR  run failed: command  exited (1)',
].join('\n');

describe('turboSummary', () => {
  it("keeps turbo's summary lines, and names each failed task with its first FAIL and Error lines", () => {
    expect(turboSummary(FAILED_RUN)).toEqual({
      lines: ['Tasks: 1 successful, 2 total', 'Cached: 0 cached, 2 total', 'Failed: @x/a#test'],
      failures: [
        '@x/a#test failed: FAIL  test/smoke.test.ts > pnpm bench --smoke > runs every default benchmark | ' +
          'AssertionError: expected [] to deeply equal [ …(3) ] | Error: the CLI did not say where it wrote',
      ],
    });
  });

  it('names a failed task whose output has no FAIL or Error line, and every task of a Failed line', () => {
    const summary = turboSummary(
      '@x/a:test: killed\n Tasks:    0 successful, 2 total\nFailed:    @x/a#test, @x/c#lint\n',
    );
    expect(summary.failures).toEqual([
      '@x/a#test failed (its output says no FAIL or Error line)',
      '@x/c#lint failed (its output says no FAIL or Error line)',
    ]);
  });

  it('reports no failure for a run that passed', () => {
    const passed = turboSummary(
      ' Tasks:    25 successful, 25 total\nCached:    19 cached, 25 total\n  Time:    40.9s\n',
    );
    expect(passed).toEqual({
      lines: ['Tasks: 25 successful, 25 total', 'Cached: 19 cached, 25 total'],
      failures: [],
    });
  });
});
