// The verdict of a run, asserted with its reasons: a run that should be conformant and is not fails with whether it
// was interrupted, how many checks did not run, and its failed checks with their messages.
import { expect } from 'vitest';
import type { RunReport } from '../../src/index.js';

/** The failed checks of a run (at most `limit`), one line each: the id, then each failure's requirements and message. */
export function describeFailures(report: RunReport, limit = 5): string {
  return report.checks
    .filter((check) => check.status === 'failed')
    .slice(0, limit)
    .map(
      (check) =>
        `${check.id}: ${check.failures.map((f) => `[${f.requirements.join(',')}] ${f.message}`).join('; ')}`,
    )
    .join('\n');
}

/** Asserts that the run is conformant; otherwise fails with why: interrupted, checks not run, its failed checks. */
export function expectConformant(report: RunReport): void {
  const why = `interrupted: ${report.interrupted}, not run: ${report.notRun}\n${describeFailures(report)}`;
  expect(report.verdict, why).toBe('conformant');
}
