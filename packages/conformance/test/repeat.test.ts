// Zero false alarms: 20 FULL runs against the faithful reference server, each with its own seed, shuffled order and
// its own embedded server, all pass: no check fails or warns. One run at a time (each is itself concurrent), so that
// the machine's load stays that of a single user's run; nothing here asserts timing.
import { describe, expect, it } from 'vitest';
import { allChecks, runConformance } from '../src/index.js';

describe('repeated runs', () => {
  it('20 full runs with different seeds and shuffled order all pass', async () => {
    const failures: string[] = [];
    const orders = new Set<string>();
    const total = allChecks().length;
    for (let run = 0; run < 20; run++) {
      const seed = 1000 + run * 7919;
      const started: string[] = [];
      const report = await runConformance({
        seed,
        shuffle: true,
        // vitest's view of the run: the order the tests (checks) started in.
        vitestReporters: [{ onTestCaseReady: (testCase) => void started.push(testCase.name) }],
      });
      // Every check of the catalogue ran or was skipped for a stated reason (only the credential checks are).
      expect(report.checks).toHaveLength(total);
      for (const check of report.checks.filter((c) => c.status === 'skipped'))
        expect(check.skipReason, check.id).toMatch(/credentials/);
      expect(started).toHaveLength(total);
      orders.add(started.join(' '));
      for (const check of report.checks.filter((c) => c.status === 'failed' || c.status === 'warned'))
        failures.push(`seed ${seed} ${check.id}: ${check.failures.map((f) => f.message).join('; ')}`);
      expect(report.cleanup.errors).toEqual([]);
    }
    expect(failures).toEqual([]);
    // The seeds gave 20 different orders.
    expect(orders.size).toBe(20);
  }, 900_000);
});
