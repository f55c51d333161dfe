// Replays every row of the allow_no_match × expression table that the semantics guide shows
// (content/expansion-matrix.json) against the reference server, so the table cannot say one thing while the
// server does another.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closePath, errorOf } from '@mlclose/server/testing';
import { docsRoot } from './support/paths.js';
import { createJob, useReferenceServer } from './support/reference-server.js';

interface Outcome {
  closes?: string[];
  notFound?: string;
}
/** The expression with each comma-separated token percent-encoded, keeping `,` and `*` readable. */
function encodeExpression(jobId: string): string {
  return jobId
    .split(',')
    .map((token) => encodeURIComponent(token).replace(/%2A/g, '*'))
    .join(',');
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
    await reference.server.reset();
    const jobs: { job_id: string; groups: string[] }[] = row.jobs === 'none' ? [] : matrix.jobs;
    for (const job of jobs) await createJob(reference.server, { ...job, state: 'opened' });

    const answer = await reference.server.request(
      'POST',
      closePath(encodeExpression(row.expression), `?allow_no_match=${allow}`),
      { op: 'ml-close-job' },
    );

    const states = await reference.server.states();
    if (want.notFound !== undefined) {
      expect(errorOf(answer)).toEqual({
        status: 404,
        type: 'resource_not_found_exception',
        reason: `No known job with id '${want.notFound}'`,
      });
      expect(Object.values(states).every((s) => s === 'opened')).toBe(true);
    } else {
      expect({ status: answer.status, body: answer.json }).toEqual({ status: 200, body: { closed: true } });
      const closed = Object.keys(states)
        .filter((id) => states[id] === 'closed')
        .sort();
      expect(closed).toEqual([...want.closes!].sort());
    }
  });
});
