// The id-expansion case matrix, over real HTTP: jobs foo-1 and foo-2 (group
// grp) and bar-1, all opened. Each case checks the answer and exactly which jobs were closed.
import { describe, expect, it } from 'vitest';
import { useTestServer } from './use-test-server.js';
import { closePath, errorOf } from '../src/testing.js';

const op = 'ml-close-job';
const server = useTestServer(async (started) => {
  await started.putJob('foo-1', ['grp']);
  await started.putJob('foo-2', ['grp']);
  await started.putJob('bar-1');
  for (const id of ['foo-1', 'foo-2', 'bar-1']) await started.openJob(id);
});

type Outcome = { closes: string[] } | { notFound: string };
interface Case {
  expression: string;
  allowTrue: Outcome;
  allowFalse: Outcome;
}

const ALL = ['bar-1', 'foo-1', 'foo-2'];
const cases: Case[] = [
  { expression: 'foo-1', allowTrue: { closes: ['foo-1'] }, allowFalse: { closes: ['foo-1'] } },
  { expression: 'missing', allowTrue: { notFound: 'missing' }, allowFalse: { notFound: 'missing' } },
  {
    expression: 'missing1,missing2',
    allowTrue: { notFound: 'missing1,missing2' },
    allowFalse: { notFound: 'missing1,missing2' },
  },
  { expression: 'foo-1,missing', allowTrue: { notFound: 'missing' }, allowFalse: { notFound: 'missing' } },
  {
    expression: 'foo-*',
    allowTrue: { closes: ['foo-1', 'foo-2'] },
    allowFalse: { closes: ['foo-1', 'foo-2'] },
  },
  { expression: 'baz*', allowTrue: { closes: [] }, allowFalse: { notFound: 'baz*' } },
  { expression: 'foo-*,baz*', allowTrue: { closes: ['foo-1', 'foo-2'] }, allowFalse: { notFound: 'baz*' } },
  {
    expression: 'missing,baz*',
    allowTrue: { notFound: 'missing' },
    allowFalse: { notFound: 'missing,baz*' },
  },
  {
    expression: 'grp',
    allowTrue: { closes: ['foo-1', 'foo-2'] },
    allowFalse: { closes: ['foo-1', 'foo-2'] },
  },
  {
    expression: 'gr*',
    allowTrue: { closes: ['foo-1', 'foo-2'] },
    allowFalse: { closes: ['foo-1', 'foo-2'] },
  },
  { expression: 'nogroup', allowTrue: { notFound: 'nogroup' }, allowFalse: { notFound: 'nogroup' } },
  { expression: '_all', allowTrue: { closes: ALL }, allowFalse: { closes: ALL } },
  { expression: '*', allowTrue: { closes: ALL }, allowFalse: { closes: ALL } },
  { expression: '%20', allowTrue: { closes: ALL }, allowFalse: { closes: ALL } },
  { expression: '%2C', allowTrue: { closes: ALL }, allowFalse: { closes: ALL } },
  { expression: '_all,foo-1', allowTrue: { notFound: '_all' }, allowFalse: { notFound: '_all' } },
  { expression: 'Foo-1', allowTrue: { notFound: 'Foo-1' }, allowFalse: { notFound: 'Foo-1' } },
  { expression: 'foo%3F1', allowTrue: { notFound: 'foo?1' }, allowFalse: { notFound: 'foo?1' } },
  {
    expression: '%20foo-1%20,,bar-1',
    allowTrue: { closes: ['bar-1', 'foo-1'] },
    allowFalse: { closes: ['bar-1', 'foo-1'] },
  },
  {
    expression: '*-1',
    allowTrue: { closes: ['bar-1', 'foo-1'] },
    allowFalse: { closes: ['bar-1', 'foo-1'] },
  },
  { expression: 'f*o*2', allowTrue: { closes: ['foo-2'] }, allowFalse: { closes: ['foo-2'] } },
];

const rows = cases.flatMap(({ expression, allowTrue, allowFalse }) => [
  { expression, allowNoMatch: true, outcome: allowTrue },
  { expression, allowNoMatch: false, outcome: allowFalse },
]);

// CJ-EXPAND-001, CJ-EXPAND-002, CJ-EXPAND-003, CJ-EXPAND-004, CJ-EXPAND-005, CJ-EXPAND-006, CJ-EXPAND-007,
// CJ-MATCH-001, CJ-MATCH-002, CJ-MATCH-003, CJ-MATCH-004, CJ-MATCH-005, CJ-MATCH-006, CJ-MATCH-007
describe('case matrix', () => {
  it.each(rows)(
    '$expression with allow_no_match=$allowNoMatch',
    async ({ expression, allowNoMatch, outcome }) => {
      const response = await server.request(
        'POST',
        closePath(expression, `?allow_no_match=${allowNoMatch}`),
        {
          op,
        },
      );
      const states = await server.states();
      if ('notFound' in outcome) {
        expect(errorOf(response)).toEqual({
          status: 404,
          type: 'resource_not_found_exception',
          reason: `No known job with id '${outcome.notFound}'`,
        });
        // All-or-nothing: nothing was closed (CJ-MATCH-005).
        expect(states).toEqual({ 'bar-1': 'opened', 'foo-1': 'opened', 'foo-2': 'opened' });
      } else {
        expect(response.status, response.text).toBe(200);
        expect(response.json).toEqual({ closed: true });
        for (const id of ALL) expect(states[id], id).toBe(outcome.closes.includes(id) ? 'closed' : 'opened');
      }
    },
  );

  it('_all with no jobs at all and allow_no_match=true is a no-op 200', async () => {
    await server.reset();
    const response = await server.request('POST', closePath('_all'), { op });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ closed: true });
  });

  it('a closed job counts as matched (expansion ignores state)', async () => {
    await server.request('POST', closePath('foo-1'), { op });
    const response = await server.request('POST', closePath('foo-1,foo-2', '?allow_no_match=false'), { op });
    expect(response.status).toBe(200);
    expect(await server.state('foo-2')).toBe('closed');
  });

  it('the body job_id is ignored: the path wins', async () => {
    const response = await server.request('POST', closePath('foo-1'), { op, body: { job_id: 'bar-1' } });
    expect(response.status).toBe(200);
    expect(await server.states()).toEqual({ 'bar-1': 'opened', 'foo-1': 'closed', 'foo-2': 'opened' });
  });
});
