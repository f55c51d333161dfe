// Every broken variant on a FULL run (every check, with the credentials the security checks need), not the restricted
// runs of variants.test.ts: each must be non-conformant and name one of its expected requirements; what else failed
// on it (collateral) is recorded. Too slow for the test command (about ten seconds per variant, 60+ variants), so it
// is its own script: `pnpm --filter @mlclose/conformance run variants:full`. Writes the table to
// test-results/variants-full-runs.md, which is not committed: a table no test re-checks would go stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS, type RequirementId } from '@mlclose/schema';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/index.js';
import { VARIANTS, type Variant } from './catalogue.js';
import { runVariant, SEED } from './run.js';

const fullRun = (variant: Variant | undefined) => runVariant(variant, { secured: true, concurrency: 8 });

const failedOf = (report: RunReport): RequirementId[] =>
  report.requirements.filter((r) => r.status === 'failed').map((r) => r.id);

const rows: string[] = [];

describe('full runs', () => {
  it('the faithful server through the same proxy is conformant, nothing skipped but a viewer-kind check', async () => {
    const report = await fullRun(undefined);
    expect(failedOf(report)).toEqual([]);
    // Only the 403 check for the other kind of viewer credentials (a run has one viewer: a user here) is skipped.
    for (const check of report.checks.filter((c) => c.status === 'skipped'))
      expect(check.skipReason, check.id).toMatch(/viewer/);
    rows.push(`| (faithful) | conformant | ${report.summary.checks.total} | 0 | | |`);
  }, 240_000);

  it.each(VARIANTS.map((variant) => [variant.name, variant] as const))(
    '%s is non-conformant and names an expected requirement',
    async (_name, variant) => {
      const report = await fullRun(variant);
      const failed = failedOf(report);
      const named = failed.filter((id) => variant.expectedRequirements.includes(id));
      const collateral = failed.filter((id) => !variant.expectedRequirements.includes(id));
      rows.push(
        `| ${variant.name} | ${report.verdict} | ${report.summary.checks.total} | ${report.summary.checks.failed ?? 0} | ${named.join(' ') || '**none**'} | ${collateral.join(' ')} |`,
      );
      expect(report.verdict, 'the suite passed a broken server').toBe('non-conformant');
      expect(named, `failed: ${failed.join(' ')}`).not.toEqual([]);
    },
    240_000,
  );
});

afterAll(() => {
  const out = fileURLToPath(new URL('../../test-results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(
    `${out}variants-full-runs.md`,
    [
      `# Broken variants on full runs (seed ${SEED}, ${REQUIREMENTS.length} requirements)`,
      '',
      '| variant | verdict | checks | failed checks | expected requirements failed | other requirements failed |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
});
