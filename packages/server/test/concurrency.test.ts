// Many concurrent open, close and force-close calls over overlapping expressions (bounded count). Every
// answer must be one a sequential order could give, the cluster must settle in stable states, and nothing
// may be left unhandled (vitest fails the run on an unhandled rejection).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closePath, startTestServer, type TestServer } from '../src/testing.js';

let server: TestServer;
const JOBS = ['a-1', 'a-2', 'b-1', 'b-2', 'c-1'];

beforeAll(async () => {
  server = await startTestServer({ closeDelayMs: 15, openDelayMs: 5 });
});
afterAll(async () => {
  await server.close();
});

type Op = { kind: 'open'; id: string } | { kind: 'close'; expression: string; force: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), id: fc.constantFrom(...JOBS.slice(0, 4)) }),
  fc.record({
    kind: fc.constant('close' as const),
    expression: fc.constantFrom('a-1', 'a-*', 'grp-a', 'b-*,a-2', '_all', '*-1', 'c-1'),
    force: fc.boolean(),
  }),
);

/** Polls until no job is opening or closing; the test's timeout bounds it, never a count of sleeps. */
async function settle(): Promise<Record<string, string>> {
  for (;;) {
    const states = await server.states();
    if (Object.values(states).every((state) => state === 'opened' || state === 'closed')) return states;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('concurrency', () => {
  it('concurrent opens and closes end in states a sequential order could produce', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
        await server.reset();
        for (const id of JOBS) await server.putJob(id, id.startsWith('a-') ? ['grp-a'] : []);
        const opened = new Set<string>();
        const results = await Promise.all(
          ops.map(async (op) => {
            if (op.kind === 'open') {
              const response = await server.request('POST', `/_ml/anomaly_detectors/${op.id}/_open`, {
                op: 'ml-open-job',
              });
              // An open overtaken by a close answers 409, as if the close came right after it.
              if (response.status === 200) opened.add(op.id);
              else
                expect(response.json.error.reason).toBe('The job has been closed while waiting to be opened');
              return response.status;
            }
            const response = await server.request(
              'POST',
              closePath(op.expression, op.force ? '?force=true' : ''),
              { op: 'ml-close-job' },
            );
            expect(response.json).toEqual({ closed: true });
            return response.status;
          }),
        );
        expect(results.every((status) => status === 200 || status === 409)).toBe(true);
        const states = await settle();
        for (const id of JOBS) {
          expect(['opened', 'closed']).toContain(states[id]);
          // A job is opened only if some open of it succeeded; c-1 is never opened.
          if (states[id] === 'opened') expect(opened.has(id)).toBe(true);
        }
        expect(states['c-1']).toBe('closed');
        // Afterwards a sequential close of everything always wins.
        expect((await server.request('POST', closePath('_all'), { op: 'ml-close-job' })).status).toBe(200);
        expect(Object.values(await server.states()).every((state) => state === 'closed')).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('a burst of concurrent normal and force closes of the same slow job all answer 200', async () => {
    await server.reset();
    await server.putJob('slow');
    await server.openJob('slow');
    await server.behaviour('slow', { hold_close: true });
    const calls = Array.from({ length: 20 }, (_, i) =>
      server.request('POST', closePath('slow', i % 5 === 4 ? '?force=true' : ''), { op: 'ml-close-job' }),
    );
    // The force closes answer and remove the task whenever they arrive; releasing afterwards ends any hold
    // left, so no request waits on a timer.
    const settled = Promise.all(calls);
    await Promise.all(calls.filter((_, i) => i % 5 === 4));
    await server.release('slow');
    const responses = await settled;
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(await server.state('slow')).toBe('closed');
  });
});
