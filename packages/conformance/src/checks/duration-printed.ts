// duration/printed/…: a time value as Elasticsearch prints it back (TimeValue.toString) where a response shows it:
// the timeout of a close that timed out, and the bucket_span that create-job rejects. Expected strings are worked
// out here from TimeValue's rules (the largest unit reached, one fraction digit cut not rounded, a zero fraction
// elided, nanos saturating at Long.MAX_VALUE), never taken from the reference server.
import type { CheckContext, CheckDefinition } from '../check.js';
import { jobConfig } from '../fixtures.js';
import { operation } from '../operations.js';
import { endsClosed, timedOutClose } from './case-factories.js';

const TIMED_OUT = 'Timed out when waiting for persistent tasks after ';

/** Every `reason` of an error body: the top level, each root_cause entry and each caused_by, depth first. */
function reasons(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const node = body as Record<string, unknown>;
  const own = typeof node.reason === 'string' ? [node.reason] : [];
  const rootCauses = Array.isArray(node.root_cause) ? node.root_cause.flatMap(reasons) : [];
  return [...own, ...rootCauses, ...reasons(node.caused_by)];
}

/**
 * An opened job whose close takes 1s, closed with `timeout`: the job's id and the answer. For a timeout whose
 * outcome may be either (200 or 500), so no margin decides the verdict.
 */
async function slowClose(ctx: CheckContext, timeout: string) {
  const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
  const id = fleet.ids.j!;
  await ctx.jobBehaviour(id, { close_delay: '1s' });
  return { id, response: await ctx.close(id, { query: { timeout } }) };
}

export function durationPrintedChecks(): CheckDefinition[] {
  return [
    {
      // Long.parseLong reads each char with Character.digit, so digits of different scripts mix: Arabic-Indic 2,
      // extended Arabic-Indic 5 and Devanagari 0 make 250. The message shows the value read, not the text sent.
      id: 'duration/printed/unicode-digits',
      title:
        'timeout=٢۵०ms (digits of three scripts) bounds a slower close at 250ms: "Timed out ... after 250ms"',
      requirements: ['CJ-DUR-010', 'CJ-TIMEOUT-002', 'CJ-TIMEOUT-003', 'CJ-TIMEOUT-004'],
      needs: ['job_behaviour', 'release_job'],
      async run(ctx) {
        const { id, response } = await timedOutClose(ctx, { query: { timeout: '\u0662\u06f5\u0966ms' } });
        ctx.expectError(
          response,
          {
            status: 500,
            type: 'illegal_state_exception',
            reason: `${TIMED_OUT}250ms`,
            causedBy: null,
          },
          ['CJ-DUR-010', 'CJ-TIMEOUT-002', 'CJ-TIMEOUT-004'],
        );
        ctx.verify(
          ['CJ-TIMEOUT-003'],
          await endsClosed(ctx, id),
          'the timed-out close goes on: the job ends closed',
        );
      },
    },
    ...(['-1', '-1s', '-01nanos'] as const).map(
      (timeout): CheckDefinition => ({
        // Whether a close with timeout -1 times out at once is unverified (CJ-TIMEOUT-005): 200 or 500 may come.
        // A timed-out answer prints the timeout with TimeValue.toString, which writes any negative duration as the
        // bare number, whatever its unit and leading zeros.
        id: `duration/printed/minus-one/${timeout}`,
        title: `timeout=${timeout} on a slow close: 200, or 500 "Timed out ... after -1"`,
        requirements: ['CJ-DUR-009', 'CJ-TIMEOUT-004', 'CJ-TIMEOUT-005'],
        needs: ['job_behaviour'],
        async run(ctx) {
          const { id, response } = await slowClose(ctx, timeout);
          ctx.verify(
            ['CJ-TIMEOUT-005'],
            response.status === 500 || response.status === 200,
            'an answer (500 timed out, or 200)',
            '500 or 200',
            response.status,
          );
          if (response.status === 500) {
            ctx.expectError(
              response,
              { status: 500, type: 'illegal_state_exception', reason: `${TIMED_OUT}-1`, causedBy: null },
              ['CJ-DUR-009', 'CJ-TIMEOUT-004'],
            );
          }
          await endsClosed(ctx, id);
        },
      }),
    ),
    {
      // TimeUtils.checkMultiple: "<field> has to be a multiple of 1s; actual was '<TimeValue.toString()>'". Only
      // the message is asserted, wherever it sits in the error (create-job may wrap it as a field's parse failure).
      id: 'duration/printed/bucket-span',
      title:
        'Create job prints a bucket_span that is not a whole number of seconds in its short form (1.5m, 1.5h, 1.5d, 106751.9d)',
      requirements: ['CJ-DUR-011'],
      async run(ctx) {
        const cases = [
          // 90.5 s: minutes, one fraction digit.
          ['90500ms', '1.5m'],
          // 5400.5 s is 1.50014 h: hours, cut to one digit.
          ['5400500ms', '1.5h'],
          // 129600.5 s is 1.5000058 d.
          ['129600500ms', '1.5d'],
          // Long.MAX_VALUE days: TimeUnit.DAYS.toNanos saturates at Long.MAX_VALUE nanoseconds, which is
          // 106751.99… days and not a whole number of seconds.
          ['9223372036854775807d', '106751.9d'],
        ] as const;
        for (const [bucketSpan, printed] of cases) {
          const base = jobConfig([]);
          const config = {
            ...base,
            analysis_config: { ...(base.analysis_config as object), bucket_span: bucketSpan },
          };
          const response = await ctx.send(
            {
              ...operation('ml-put-job', { job_id: ctx.name(`span-${printed.replace('.', '-')}`) }),
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(config),
            },
            { operationId: 'ml-put-job' },
            ['CJ-DUR-011'],
          );
          const message = `bucket_span has to be a multiple of 1s; actual was '${printed}'`;
          ctx.verify(
            ['CJ-DUR-011'],
            response.status === 400,
            `bucket_span ${bucketSpan}: status`,
            400,
            response.status,
          );
          const all = reasons((response.json as { error?: unknown } | undefined)?.error);
          ctx.verify(
            ['CJ-DUR-011'],
            all.includes(message),
            `bucket_span ${bucketSpan}: an error reason is the message`,
            message,
            all,
          );
        }
      },
    },
  ];
}
