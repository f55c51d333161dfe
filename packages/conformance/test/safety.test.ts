// Safety on shared clusters: _all/* checks are skipped while the target holds jobs the run did not create, unless
// --allow-destructive; nothing of the run is left behind, even when it is interrupted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';
import { startTarget, type Target } from './support/target.js';
import { expectConformant } from './support/verdict.js';

let server: Target;

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    ...(body !== undefined
      ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
  return response.json();
}

async function jobStates(expression: string): Promise<Record<string, string>> {
  const stats = (await call('GET', `/_ml/anomaly_detectors/${expression}/_stats?allow_no_match=true`)) as {
    jobs: Array<{ job_id: string; state: string }>;
  };
  return Object.fromEntries(stats.jobs.map((job) => [job.job_id, job.state]));
}

beforeEach(async () => {
  server = await startTarget();
  // Someone else's job, opened.
  await call('PUT', '/_ml/anomaly_detectors/someone-else', {
    analysis_config: { detectors: [{ function: 'count' }] },
    data_description: {},
  });
  await call('POST', '/_ml/anomaly_detectors/someone-else/_open');
});

afterEach(async () => {
  await server.close();
});

const DESTRUCTIVE = [
  'expand-all/_all/query/anm-absent/force-false',
  'metamorphic/all-star-blank',
  'expand-all/no-jobs',
];

describe('destructive checks', () => {
  it('are skipped, with the reason, while the target holds a job the run did not create', async () => {
    const report = await runConformance({ target: server.url, seed: 3, only: DESTRUCTIVE });
    const destructive = report.checks.filter((check) => check.id !== 'safety/bystanders-untouched');
    expect(destructive.length).toBe(4);
    for (const check of destructive) {
      expect(check.status).toBe('skipped');
      expect(check.skipReason).toMatch(/job\(s\) this run did not create/);
    }
    // Every selected check skipped itself: nothing failed, and nothing was verified either.
    expect(report.verdict).toBe('incomplete');
    expect(await jobStates('someone-else')).toEqual({ 'someone-else': 'opened' });
  }, 120_000);

  it('run with allowDestructive, close the foreign job too, but never delete it', async () => {
    const report = await runConformance({
      target: server.url,
      seed: 4,
      only: DESTRUCTIVE,
      allowDestructive: true,
    });
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(report.checks.find((c) => c.id === 'metamorphic/all-star-blank')?.status).toBe('passed');
    // The empty-target check still needs an empty target, whatever --allow-destructive says.
    expect(report.checks.find((c) => c.id === 'expand-all/no-jobs')?.status).toBe('skipped');
    expect(await jobStates('someone-else')).toEqual({ 'someone-else': 'closed' });
  }, 120_000);
});

describe('cleanup', () => {
  it('leaves nothing of the run behind, and nothing else is touched', async () => {
    const report = await runConformance({
      target: server.url,
      seed: 5,
      only: ['datafeed', 'expand/group/query'],
    });
    expectConformant(report);
    expect(await jobStates(`mlc-${report.runId}-*`)).toEqual({});
    expect(await jobStates('someone-else')).toEqual({ 'someone-else': 'opened' });
  }, 120_000);

  it('still runs when the run is interrupted, and the report says so', async () => {
    const controller = new AbortController();
    // Interrupts on an event, the first finished check, so that no clock decides whether the run was under way.
    const report = await runConformance({
      target: server.url,
      seed: 6,
      only: ['expand'],
      reporters: [{ onCheckEnd: () => controller.abort() }],
      signal: controller.signal,
    });
    expect(report.interrupted).toBe(true);
    expect(report.verdict).toBe('incomplete');
    expect(report.checks.some((check) => check.skipReason === 'the run was interrupted')).toBe(true);
    expect(await jobStates(`mlc-${report.runId}-*`)).toEqual({});
    expect(await jobStates('someone-else')).toEqual({ 'someone-else': 'opened' });
  }, 120_000);
});
