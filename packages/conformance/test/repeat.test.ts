// Zero false alarms: 20 runs against the faithful reference server with shuffled order and different seeds all
// pass. A full run takes several seconds on a shared 2-core machine, so each repetition runs a representative
// subset: every property-based and metamorphic check (where seeds matter most), plus checks from most families.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';

const SUBSET = [
  'model/random-fleets',
  'metamorphic/group-equals-members',
  'metamorphic/close-twice',
  'metamorphic/all-star-blank',
  'expand/group/query/anm-false',
  'expand/wildcard-partial/body/anm-false',
  'datafeed/refuses-to-stop',
  'body/unknown-field',
  'param/typo-with-candidate',
  'duration/invalid/xs',
  'route/percent-decoded',
  'upgrade-mode/rejects-close',
  'expand-all/_all/query/anm-false',
];

describe('repeated runs', () => {
  it('20 runs with different seeds and shuffled order all pass', async () => {
    const failures: string[] = [];
    // Two runs at a time, each with its own embedded server: they share nothing.
    for (let batch = 0; batch < 10; batch++) {
      const seeds = [0, 1].map((k) => 1000 + (batch * 2 + k) * 7919);
      const reports = await Promise.all(
        seeds.map((seed) => runConformance({ seed, only: SUBSET, shuffle: true })),
      );
      reports.forEach((report, k) => {
        expect(report.checks.length).toBeGreaterThan(15);
        for (const check of report.checks.filter((c) => c.status === 'failed' || c.status === 'warned')) {
          failures.push(`seed ${seeds[k]} ${check.id}: ${check.failures.map((f) => f.message).join('; ')}`);
        }
      });
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
