// Job states, force, datafeeds, timeout and upgrade mode (CJ-STATE-*, CJ-FORCE-*, CJ-DATAFEED-*, CJ-TIMEOUT-*, CJ-UPG-001). Fixtures use standard
// APIs; failed jobs, slow closes, datafeeds that refuse to stop and upgrade mode use test control.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckContext, CheckDefinition } from '../check.js';
import type { HttpResponse } from '../http.js';
import { operation } from '../operations.js';
import { endsClosed, timedOutClose } from './case-factories.js';

/** Starts a close without awaiting it; the promise never rejects. */
function background(
  ctx: CheckContext,
  expression: string,
  query?: Record<string, string | boolean>,
): Promise<HttpResponse | Error> {
  return ctx
    .close(expression, query ? { query } : {})
    .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

async function waitForState(ctx: CheckContext, id: string, state: string): Promise<boolean> {
  return ctx.poll(`${id} to be ${state}`, async () => (await ctx.jobStates(id)).get(id) === state, 200, 25);
}

const DATAFEED_WRAPPER =
  'failed to close jobs as one or more had started datafeeds that could not be stopped';

export function lifecycleChecks(): CheckDefinition[] {
  return [
    {
      id: 'state/new-and-opened',
      title: 'A new job is closed; an opened job is opened; node and open_time only while it has a task',
      requirements: ['CJ-STATE-001', 'CJ-STATE-010', 'CJ-SUP-005', 'CJ-SUP-006'],
      async run(ctx) {
        const fleet = await ctx.fleet([
          { name: 'open', state: 'opened' },
          { name: 'shut', state: 'closed' },
        ]);
        const stats = await ctx.jobStats(`${ctx.prefix}*`);
        const open = stats.get(fleet.ids.open!);
        const shut = stats.get(fleet.ids.shut!);
        ctx.verify(
          ['CJ-STATE-010'],
          open !== undefined && 'node' in open && 'open_time' in open,
          'an opened job has node and open_time',
          'node, open_time',
          open,
        );
        ctx.verify(
          ['CJ-STATE-010'],
          shut !== undefined && !('node' in shut) && !('open_time' in shut),
          'a closed job has neither node nor open_time',
          'neither',
          shut,
        );
        ctx.expectClosed(await ctx.close(fleet.ids.open!), ['CJ-STATE-002']);
        const after = (await ctx.jobStats(fleet.ids.open!)).get(fleet.ids.open!);
        ctx.verify(
          ['CJ-STATE-010', 'CJ-STATE-002'],
          after?.state === 'closed' && !('node' in after) && !('open_time' in after),
          'after the close the job is closed, without node and open_time',
          'closed',
          after,
        );
      },
    },
    {
      id: 'state/reopen-after-close',
      title: 'A closed job can be opened again after a close, and closed again',
      requirements: ['CJ-STATE-011', 'CJ-STATE-002'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
        const id = fleet.ids.j!;
        ctx.expectClosed(await ctx.close(id), ['CJ-STATE-002']);
        await ctx.openJob(id);
        await ctx.expectStates(new Map([[id, 'opened']]), ['CJ-STATE-011'], 'after reopening');
        ctx.expectClosed(await ctx.close(id), ['CJ-STATE-011']);
        await ctx.expectStates(new Map([[id, 'closed']]), ['CJ-STATE-011'], 'after closing again');
      },
    },
    {
      id: 'state/closing-job-waited-for',
      title:
        'A closing job gets no new close request: a normal close waits for it and answers once it is closed',
      requirements: ['CJ-STATE-007', 'CJ-DATAFEED-005', 'CJ-STATE-002'],
      needs: ['job_behaviour', 'release_job', 'datafeed_behaviour'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened', datafeed: 'started' }]);
        const id = fleet.ids.j!;
        // Held closing (no close delay that a busy machine could outrun before the poll sees `closing`) until the
        // release below.
        await ctx.jobBehaviour(id, { hold_close: true });
        const first = background(ctx, id);
        ctx.must(
          ['CJ-STATE-002'],
          await waitForState(ctx, id, 'closing'),
          'the job should be closing while its close is held',
        );
        // The datafeed of a closing job is not touched: making it refuse to stop must not matter now.
        await ctx.datafeedBehaviour(fleet.datafeeds.j!, { refuse_stop: true });
        const second = ctx.close(id);
        // While the close is held the second close may not answer. It gets a second to (a wrong answer comes at
        // once); the close is held, so a faithful target never answers in that time, however busy the machine.
        const answeredEarly = await Promise.race([
          second.then(
            () => true,
            () => true,
          ),
          sleep(1_000, false),
        ]);
        ctx.verify(
          ['CJ-STATE-007'],
          !answeredEarly,
          'the second close answered while the job was still closing: it must wait until the job is closed',
        );
        await ctx.releaseJob(id);
        ctx.expectClosed(await second, ['CJ-STATE-007', 'CJ-DATAFEED-005']);
        const firstResult = await first;
        if (!(firstResult instanceof Error)) ctx.expectClosed(firstResult, ['CJ-STATE-002']);
      },
    },
    {
      id: 'force/closing-job',
      title: 'force=true closes a closing job immediately',
      requirements: ['CJ-FORCE-004', 'CJ-FORCE-001'],
      needs: ['job_behaviour', 'release_job'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
        const id = fleet.ids.j!;
        // Held closing (no close delay that a busy machine could outrun before the poll sees `closing`); only a
        // forced close ends it. The timeouts bound a target that ignores force.
        await ctx.jobBehaviour(id, { hold_close: true });
        const first = background(ctx, id, { timeout: '10s' });
        ctx.must(
          ['CJ-FORCE-004'],
          await waitForState(ctx, id, 'closing'),
          'the job should be closing while its close is held',
        );
        ctx.expectClosed(await ctx.close(id, { query: { force: true, timeout: '10s' } }), ['CJ-FORCE-004']);
        await ctx.expectStates(new Map([[id, 'closed']]), ['CJ-FORCE-004'], 'right after the forced close');
        await first;
      },
    },
    {
      id: 'state/opening-job',
      title: 'An opening job is closed too, with no process to fail closing',
      requirements: ['CJ-STATE-008', 'CJ-FORCE-001'],
      needs: ['job_behaviour', 'release_job'],
      async run(ctx) {
        const fleet = await ctx.fleet([
          { name: 'a', state: 'closed' },
          { name: 'b', state: 'closed' },
        ]);
        for (const [name, force] of [
          ['a', false],
          ['b', true],
        ] as const) {
          const id = fleet.ids[name]!;
          // Its process has not started, so there is nothing that could fail to close (close_failure is moot). Held
          // opening: no open delay that a busy machine could outrun before the poll sees `opening`.
          await ctx.jobBehaviour(id, { hold_open: true, close_failure: true });
          const opening = ctx
            .send(operation('ml-open-job', { job_id: id }), {
              none: 'the open may be interrupted by the close',
            })
            .catch(() => undefined);
          ctx.must(
            ['CJ-STATE-008'],
            await waitForState(ctx, id, 'opening'),
            'the job should be opening while its open is held',
          );
          ctx.expectClosed(await ctx.close(id, force ? { query: { force: true } } : {}), ['CJ-STATE-008']);
          await ctx.expectStates(
            new Map([[id, 'closed']]),
            ['CJ-STATE-008'],
            `after closing the opening job (force ${force})`,
          );
          await opening;
        }
      },
    },
    {
      id: 'state/process-close-failure',
      title: 'When the node fails to close the process: 500 status_exception, and the job is failed',
      requirements: ['CJ-STATE-009', 'CJ-ENV-003'],
      needs: ['job_behaviour'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
        const id = fleet.ids.j!;
        await ctx.jobBehaviour(id, { close_failure: true });
        const response = await ctx.close(id);
        ctx.expectError(
          response,
          {
            status: 500,
            type: 'status_exception',
            reason: 'Exception closing autodetect process',
            causedBy: { type: 'exception', reason: 'Exception closing autodetect process' },
            rootCauseType: 'exception',
          },
          ['CJ-STATE-009'],
        );
        await ctx.expectStates(new Map([[id, 'failed']]), ['CJ-STATE-009'], 'after the failed close');
      },
    },
    {
      id: 'force/failed-job-with-datafeed',
      title: 'force=true closes a failed job and force-stops its datafeed',
      requirements: ['CJ-FORCE-002', 'CJ-DATAFEED-002'],
      needs: ['fail_job'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'failed', datafeed: 'started' }]);
        ctx.expectClosed(await ctx.close(fleet.ids.j!, { query: { force: true } }), ['CJ-FORCE-002']);
        await ctx.expectStates(
          new Map([[fleet.ids.j!, 'closed']]),
          ['CJ-FORCE-002'],
          'after the forced close',
        );
        const datafeeds = await ctx.datafeedStates(fleet.datafeeds.j!);
        ctx.verify(
          ['CJ-DATAFEED-002'],
          datafeeds.get(fleet.datafeeds.j!) === 'stopped',
          'the datafeed is stopped',
          'stopped',
          datafeeds.get(fleet.datafeeds.j!),
        );
      },
    },
    ...([false, true] as const).map(
      (force): CheckDefinition => ({
        id: `datafeed/stopped-by-close/force-${force}`,
        title: `Closing a job (force ${force}) stops its started datafeed first`,
        requirements: force
          ? ['CJ-DATAFEED-002', 'CJ-FORCE-001', 'CJ-SUP-009', 'CJ-SUP-011']
          : ['CJ-DATAFEED-001', 'CJ-STATE-002', 'CJ-SUP-007', 'CJ-SUP-009', 'CJ-SUP-011', 'CJ-SUP-012'],
        async run(ctx) {
          const fleet = await ctx.fleet([{ name: 'j', state: 'opened', datafeed: 'started' }]);
          const datafeed = fleet.datafeeds.j!;
          ctx.equal(
            ['CJ-SUP-009', 'CJ-SUP-011'],
            (await ctx.datafeedStates(datafeed)).get(datafeed),
            'started',
            'the datafeed is started before the close',
          );
          const requirement = force ? 'CJ-DATAFEED-002' : 'CJ-DATAFEED-001';
          ctx.expectClosed(await ctx.close(fleet.ids.j!, force ? { query: { force: true } } : {}), [
            requirement,
          ]);
          ctx.equal(
            [requirement],
            (await ctx.datafeedStates(datafeed)).get(datafeed),
            'stopped',
            'the datafeed is stopped after the close',
          );
          await ctx.expectStates(new Map([[fleet.ids.j!, 'closed']]), [requirement], 'after the close');
        },
      }),
    ),
    {
      id: 'datafeed/refuses-to-stop',
      title:
        'A datafeed that cannot be stopped: 409 wrapper caused by the inner error, and nothing is closed',
      requirements: ['CJ-DATAFEED-003', 'CJ-DATAFEED-004', 'CJ-ENV-003'],
      needs: ['datafeed_behaviour'],
      async run(ctx) {
        // c's datafeed is already stopped: it is not among the "started datafeeds" (CJ-DATAFEED-005, TransportCloseJobAction).
        const fleet = await ctx.fleet([
          { name: 'a', groups: ['g'], state: 'opened', datafeed: 'started' },
          { name: 'b', groups: ['g'], state: 'opened' },
          { name: 'c', groups: ['g'], state: 'opened', datafeed: 'stopped' },
        ]);
        const datafeed = fleet.datafeeds.a!;
        const inner = `datafeed [${datafeed}] refused to stop (conformance)`;
        await ctx.datafeedBehaviour(datafeed, { refuse_stop: true, stop_failure_reason: inner });
        const response = await ctx.close(ctx.name('g'));
        ctx.expectError(
          response,
          {
            status: 409,
            type: 'status_exception',
            reason: `${DATAFEED_WRAPPER}: started datafeeds [${datafeed}], error stopping them [${inner}]`,
            causedBy: { type: 'status_exception', reason: inner },
            rootCauseType: 'status_exception',
          },
          ['CJ-DATAFEED-003'],
        );
        // CJ-DATAFEED-003, CJ-ENV-002: root_cause is the inner-most Elasticsearch exception, here the inner stop error.
        ctx.equal(
          ['CJ-DATAFEED-003', 'CJ-ENV-002'],
          (response.json as { error?: { root_cause?: Array<{ reason?: unknown }> } }).error?.root_cause?.[0]
            ?.reason,
          inner,
          'root_cause[0].reason is the inner error',
        );
        await ctx.expectStates(
          new Map([
            [fleet.ids.a!, 'opened'],
            [fleet.ids.b!, 'opened'],
            [fleet.ids.c!, 'opened'],
          ]),
          ['CJ-DATAFEED-004'],
          'after the 409',
        );
        ctx.equal(
          ['CJ-DATAFEED-004'],
          (await ctx.datafeedStates(datafeed)).get(datafeed),
          'started',
          'the datafeed is still started',
        );
        await ctx.datafeedBehaviour(datafeed, { refuse_stop: false });
      },
    },
    ...(
      [
        ['500ms', '500ms'],
        ['1500ms', '1.5s'],
        ['0', '0s'],
        // TimeValue.toString (CJ-TIMEOUT-004): the largest unit the value reaches, at most one fraction digit, a zero
        // fraction elided; the unit the value was sent in does not matter.
        ['1s', '1s'],
        ['1000ms', '1s'],
        ['250ms', '250ms'],
        ['1250ms', '1.2s'],
        ['750000micros', '750ms'],
        ['0ms', '0s'],
        ['0h', '0s'],
        ['0d', '0s'],
        ['1050ms', '1s'],
        // One fraction digit, cut rather than rounded: 1.999s prints as 1.9s.
        ['1999ms', '1.9s'],
        ['300000000nanos', '300ms'],
        ['500nanos', '500nanos'],
        ['1500nanos', '1.5micros'],
      ] as const
    ).map(
      ([timeout, printed]): CheckDefinition => ({
        id: `timeout/expires/${timeout}`,
        title: `A close slower than timeout=${timeout} is 500 "Timed out ... after ${printed}", and the job still ends closed`,
        requirements: ['CJ-TIMEOUT-001', 'CJ-TIMEOUT-002', 'CJ-TIMEOUT-003', 'CJ-TIMEOUT-004', 'CJ-ENV-003'],
        needs: ['job_behaviour', 'release_job'],
        async run(ctx) {
          const { id, response } = await timedOutClose(ctx, { query: { timeout } });
          ctx.expectError(response, { status: 500, type: 'illegal_state_exception', causedBy: null }, [
            'CJ-TIMEOUT-001',
            'CJ-TIMEOUT-002',
          ]);
          ctx.verify(
            ['CJ-TIMEOUT-004'],
            (response.json as { error?: { reason?: unknown } }).error?.reason ===
              `Timed out when waiting for persistent tasks after ${printed}`,
            'the timeout is printed in its short form',
            `Timed out when waiting for persistent tasks after ${printed}`,
            (response.json as { error?: { reason?: unknown } }).error?.reason,
          );
          const closed = await endsClosed(ctx, id);
          ctx.verify(['CJ-TIMEOUT-003'], closed, 'a timed-out close is not rolled back: the job ends closed');
        },
      }),
    ),
    {
      id: 'timeout/body-bounds-wait',
      title:
        'A body {"timeout":"500ms"} bounds the wait like the query parameter: 500 "Timed out ... after 500ms"',
      requirements: ['CJ-TIMEOUT-001', 'CJ-BODY-001', 'CJ-TIMEOUT-002', 'CJ-TIMEOUT-003'],
      needs: ['job_behaviour', 'release_job'],
      async run(ctx) {
        const { id, response } = await timedOutClose(ctx, { body: { timeout: '500ms' } });
        ctx.must(
          ['CJ-TIMEOUT-001', 'CJ-BODY-001'],
          response.status !== 200,
          'the body timeout (500ms) must bound the wait for a held close: it answered 200',
          500,
          response.status,
        );
        ctx.expectError(
          response,
          {
            status: 500,
            type: 'illegal_state_exception',
            reason: 'Timed out when waiting for persistent tasks after 500ms',
            causedBy: null,
          },
          ['CJ-TIMEOUT-002'],
        );
        const closed = await endsClosed(ctx, id);
        ctx.verify(['CJ-TIMEOUT-003'], closed, 'a timed-out close is not rolled back: the job ends closed');
      },
    },
    {
      id: 'state/waits-for-all-jobs',
      title:
        'A normal close of jobs with different close times answers only once every one of them is closed',
      requirements: ['CJ-STATE-002'],
      needs: ['job_behaviour'],
      async run(ctx) {
        const fleet = await ctx.fleet([
          { name: 'fast', groups: ['g'], state: 'opened' },
          { name: 'slow', groups: ['g'], state: 'opened' },
          { name: 'slower', groups: ['g'], state: 'opened' },
        ]);
        await ctx.jobBehaviour(fleet.ids.fast!, { close_delay: '100ms' });
        await ctx.jobBehaviour(fleet.ids.slow!, { close_delay: '700ms' });
        await ctx.jobBehaviour(fleet.ids.slower!, { close_delay: '1200ms' });
        ctx.expectClosed(await ctx.close(ctx.name('g')), ['CJ-STATE-002']);
        await ctx.expectStates(
          new Map(Object.values(fleet.ids).map((id) => [id, 'closed'] as const)),
          ['CJ-STATE-002'],
          'when the close answers',
        );
      },
    },
    {
      id: 'datafeed/two-refuse-to-stop',
      title:
        'Two started datafeeds that cannot be stopped: the 409 wrapper lists both, and nothing is closed',
      requirements: ['CJ-DATAFEED-003', 'CJ-DATAFEED-004'],
      needs: ['datafeed_behaviour'],
      async run(ctx) {
        const fleet = await ctx.fleet([
          { name: 'a', groups: ['g'], state: 'opened', datafeed: 'started' },
          { name: 'b', groups: ['g'], state: 'opened', datafeed: 'started' },
        ]);
        const datafeeds = [fleet.datafeeds.a!, fleet.datafeeds.b!];
        const inner = 'refused to stop (conformance)';
        for (const datafeed of datafeeds)
          await ctx.datafeedBehaviour(datafeed, { refuse_stop: true, stop_failure_reason: inner });
        const response = await ctx.close(ctx.name('g'));
        const pattern = /^(.*): started datafeeds \[(.*)\], error stopping them \[(.*)\]$/s;
        if (
          ctx.expectError(response, { status: 409, type: 'status_exception', reason: pattern }, [
            'CJ-DATAFEED-003',
          ])
        ) {
          const reason = (response.json as { error: { reason: string } }).error.reason;
          const [, wrapper, list = ''] = pattern.exec(reason)!;
          ctx.equal(['CJ-DATAFEED-003'], wrapper, DATAFEED_WRAPPER, 'the wrapper text');
          const listed = list.split(',').map((item) => item.trim());
          ctx.equal(
            ['CJ-DATAFEED-003'],
            [...listed].sort(),
            [...datafeeds].sort(),
            'started datafeeds [...] lists both datafeeds',
          );
          // CJ-STATE-005's message lists the jobs (TransportCloseJobAction); whether ES puts a space after the comma is not recorded, so only note it.
          if (list.includes(', ')) ctx.note(`the datafeed list is joined with ", ": [${list}]`);
        }
        await ctx.expectStates(
          new Map([
            [fleet.ids.a!, 'opened'],
            [fleet.ids.b!, 'opened'],
          ]),
          ['CJ-DATAFEED-004'],
          'after the 409',
        );
        for (const datafeed of datafeeds) await ctx.datafeedBehaviour(datafeed, { refuse_stop: false });
      },
    },
    {
      id: 'timeout/default-waits',
      title: 'Without timeout the default (30m) waits for a slow close to finish',
      requirements: ['CJ-DUR-007', 'CJ-STATE-002'],
      needs: ['job_behaviour'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
        const id = fleet.ids.j!;
        await ctx.jobBehaviour(id, { close_delay: '1s' });
        ctx.expectClosed(await ctx.close(id), ['CJ-DUR-007']);
        await ctx.expectStates(new Map([[id, 'closed']]), ['CJ-STATE-002'], 'when the close answers');
      },
    },
    {
      id: 'force/does-not-wait',
      title: 'Force close does not wait with timeout: a slow job is closed at once, no timeout error',
      requirements: ['CJ-FORCE-003', 'CJ-FORCE-001'],
      needs: ['job_behaviour'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
        const id = fleet.ids.j!;
        await ctx.jobBehaviour(id, { close_delay: '5s' });
        ctx.expectClosed(await ctx.close(id, { query: { force: true, timeout: '100ms' } }), ['CJ-FORCE-003']);
        await ctx.expectStates(new Map([[id, 'closed']]), ['CJ-FORCE-003'], 'right after the forced close');
      },
    },
    {
      id: 'upgrade-mode/rejects-close',
      title: 'In ML upgrade mode close is 429 status_exception and nothing is closed',
      requirements: ['CJ-UPG-001'],
      needs: ['upgrade_mode'],
      phase: 'exclusive',
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
        const id = fleet.ids.j!;
        await ctx.upgradeMode(true);
        try {
          for (const force of [false, true]) {
            const response = await ctx.close(id, force ? { query: { force: true } } : {});
            ctx.expectError(
              response,
              {
                status: 429,
                type: 'status_exception',
                reason:
                  'Cannot perform cluster:admin/xpack/ml/job/close action while upgrade mode is enabled',
                causedBy: null,
              },
              ['CJ-UPG-001'],
            );
          }
        } finally {
          await ctx.upgradeMode(false);
        }
        await ctx.expectStates(new Map([[id, 'opened']]), ['CJ-UPG-001'], 'after the 429');
        ctx.expectClosed(await ctx.close(id), ['CJ-UPG-001']);
      },
    },
  ];
}
