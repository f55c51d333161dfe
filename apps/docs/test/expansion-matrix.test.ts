// Replays every row of the allow_no_match × expression table that the semantics guide shows
// (content/expansion-matrix.json) against the reference server, so the table cannot say one thing while the
// server does another.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsRoot } from './support/paths.js';
import { useReferenceServer } from './support/reference-server.js';

interface Outcome {
  closes?: string[];
  notFound?: string;
}
/** The close path with each comma-separated token percent-encoded, keeping `,` and `*` readable. */
function closePath(jobId: string): string {
  const encoded = jobId
    .split(',')
    .map((token) => encodeURIComponent(token).replace(/%2A/g, '*'))
    .join(',');
  return `/_ml/anomaly_detectors/${encoded}/_close`;
}

const matrix = JSON.parse(readFileSync(path.join(docsRoot, 'content/expansion-matrix.json'), 'utf8'));
const cases: { name: string; row: any; allow: 'true' | 'false'; want: Outcome }[] = matrix.rows.flatMap(
  (row: any) =>
    (['true', 'false'] as const).map((allow) => ({
      name: `${row.expression}${row.jobs === 'none' ? ' (no jobs)' : ''} with allow_no_match=${allow}`,
      row,
      allow,
      want: row[allow] as Outcome,
    })),
);

const reference = useReferenceServer();

describe('the expansion matrix of the semantics guide', () => {
  it('has both allow_no_match outcomes on every row', () => {
    for (const row of matrix.rows) {
      for (const allow of ['true', 'false']) {
        const outcome = row[allow];
        expect(Array.isArray(outcome.closes) !== (typeof outcome.notFound === 'string'), row.expression).toBe(
          true,
        );
      }
    }
  });

  it.each(cases)('$name', async ({ row, allow, want }) => {
    await reference.cluster.reset();
    const jobs: { job_id: string; groups: string[] }[] = row.jobs === 'none' ? [] : matrix.jobs;
    for (const job of jobs) await reference.cluster.createJob({ ...job, state: 'opened' });

    const answer = await reference.cluster.request(
      'POST',
      `${closePath(row.expression)}?allow_no_match=${allow}`,
    );

    const states = await reference.cluster.states();
    if (want.notFound !== undefined) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.type).toBe('resource_not_found_exception');
      expect(answer.body.error.reason).toBe(`No known job with id '${want.notFound}'`);
      expect(Object.values(states).every((s) => s === 'opened')).toBe(true);
    } else {
      expect(answer).toEqual({ status: 200, body: { closed: true } });
      const closed = Object.keys(states)
        .filter((id) => states[id] === 'closed')
        .sort();
      expect(closed).toEqual([...want.closes!].sort());
    }
  });
});
