// Zero false alarms: 20 FULL runs against the faithful reference server, each with its own seed, shuffled order and
// its own embedded server, all pass: no check fails or warns. Each run has its own server, so runs share no state.
// Every run's problems are reported with its seed, and a run that throws does not hide the others. Nothing here
// asserts timing.
//
// The 20 runs are two test files of 10 (test/repeat-1.test.ts, test/repeat-2.test.ts), so that the package's two
// vitest workers can share them. As one file of 20 they ended the package's run alone: in the last two cold test
// commands, the package's other worker had run out of files 15 and 19 s before it. Measured alone, the package's
// tests took 181 and 185 s of CPU in 110 and 107 s with the two files, against 199 and 191 s in 120 and 114 s with
// one (two pairs, alternated). In the cold test command the machine then stayed busy to its end (idle 5 and 6 s of
// it, against 15 s), but that did not shorten it: 283.8 and 285.8 s, against 284.2 s in between.
import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../src/cleanup.js';
import { allChecks, runConformance } from './built-suite.js';

const RUNS = 20;
const PARTS = 2;
/**
 * One at a time in a file: each run takes the warm worker thread of the run before (src/engine/threads.ts), and a
 * second thread has its own copy of the suite to load and to warm up. The test command keeps both cores busy, so CPU
 * is what counts there. Measured alone with the 20 runs in one file: one at a time took 51-64 s of CPU (three runs),
 * two at a time 72-74 s (two runs), in about the same time (43-57 s); four at a time took 83-87 s.
 */
const RUNS_AT_ONCE = 1;

/** Registers part `part` (1 or 2) of the repeated runs: runs 1-10 or 11-20, each with its own seed. */
export function repeatedRuns(part: 1 | 2): void {
  const size = RUNS / PARTS;
  const runs = Array.from({ length: size }, (_, i) => (part - 1) * size + i);
  describe('repeated runs', () => {
    it(`full runs ${runs[0]! + 1}-${runs.at(-1)! + 1} of ${RUNS}, with different seeds and shuffled order, all pass`, async () => {
      const problems: string[] = [];
      const orders = new Set<string>();
      const total = allChecks().length;
      const seeds = runs.map((run) => 1000 + run * 7919);
      // Each task catches its own errors, so that one run that throws neither stops nor hides the others.
      await mapLimit(seeds, RUNS_AT_ONCE, async (seed) => {
        const started: string[] = [];
        try {
          const report = await runConformance({
            seed,
            shuffle: true,
            // vitest's view of the run: the order the tests (checks) started in.
            vitestReporters: [{ onTestCaseReady: (testCase) => void started.push(testCase.name) }],
          });
          // Every check of the catalogue ran or was skipped for a stated reason (only the credential checks are).
          if (report.checks.length !== total)
            problems.push(
              `seed ${seed}: ${report.checks.length} checks in the report, ${total} in the catalogue`,
            );
          for (const check of report.checks.filter((c) => c.status === 'skipped'))
            if (!/credentials/.test(check.skipReason ?? ''))
              problems.push(
                `seed ${seed} ${check.id}: skipped for '${check.skipReason}', not for credentials`,
              );
          if (started.length !== total)
            problems.push(`seed ${seed}: vitest started ${started.length} of ${total}`);
          orders.add(started.join(' '));
          for (const check of report.checks.filter((c) => c.status === 'failed' || c.status === 'warned'))
            problems.push(`seed ${seed} ${check.id}: ${check.failures.map((f) => f.message).join('; ')}`);
          for (const error of report.cleanup.errors) problems.push(`seed ${seed} cleanup: ${error}`);
        } catch (error) {
          problems.push(
            `seed ${seed}: the run threw ${error instanceof Error ? error.stack : String(error)}`,
          );
        }
      });
      expect(problems).toEqual([]);
      // The seeds gave as many different orders as there were runs.
      expect(orders.size).toBe(size);
    }, 900_000);
  });
}
