// ?error_trace=true on every kind of close error (CJ-FMT-004, CJ-ENV-001..003): every rendered exception (the top
// level, each root_cause entry, each caused_by) carries a stack_trace whose text names the exception as
// Throwable.toString() does, `<java class>: <reason>`, with the class's simple name giving `type`, and every cause
// on a `Caused by:` line (CJ-FMT-007); a root_cause entry's trace starts with the exception itself, or, for a plain
// Java exception, with Elasticsearch's wrapper (CJ-FMT-008). Only class names and messages are asserted (see
// checkStackTraces); frames are an implementation's own.
import type { RequirementId } from '@mlclose/schema';
import type { CheckContext, CheckDefinition, Need } from '../check.js';
import type { HttpResponse } from '../http.js';
import { endsClosed, timedOutClose } from './case-factories.js';
import { MEDIA_TYPE_HEADER } from './messages.js';
import { checkStackTraces, type RootTrace } from './stack-traces.js';

const TRACE: RequirementId = 'CJ-FMT-004';
const TRACE_TEXT: readonly RequirementId[] = ['CJ-FMT-007', 'CJ-FMT-008'];

interface TraceCase {
  readonly name: string;
  /** The check id when it is not format/error-trace/<name>. */
  readonly id?: string;
  readonly title: string;
  readonly requirements?: readonly RequirementId[];
  readonly needs?: readonly Need[];
  readonly status: number;
  readonly type: string;
  /** root_cause[0].type when it is not `type` (the inner-most Elasticsearch exception, CJ-ENV-002). */
  readonly rootCauseType?: string;
  /**
   * What the root cause is (ElasticsearchException.guessRootCauses): an Elasticsearch exception, or a plain Java
   * exception (IllegalArgumentException, IllegalStateException, and XContentParseException, which extends
   * IllegalArgumentException) whose root_cause trace is Elasticsearch's wrapper's.
   */
  readonly root: RootTrace;
  /** Provokes the error, with error_trace=true. */
  readonly provoke: (ctx: CheckContext) => Promise<HttpResponse>;
  /** Extra assertions on the error body. */
  readonly also?: (ctx: CheckContext, error: Record<string, unknown>) => void | Promise<void>;
}

const cases: TraceCase[] = [
  {
    name: 'missing-job',
    root: 'elasticsearch',
    title: 'a 404 resource_not_found_exception',
    status: 404,
    type: 'resource_not_found_exception',
    provoke: (ctx) => ctx.close(ctx.name('missing'), { query: 'error_trace=true' }),
  },
  {
    name: 'unknown-parameter',
    root: 'wrapped',
    title: 'a 400 illegal_argument_exception (unrecognized parameter)',
    status: 400,
    type: 'illegal_argument_exception',
    provoke: (ctx) => ctx.close(ctx.name('j'), { query: 'error_trace=true&foo=bar' }),
  },
  {
    name: 'fractional-timeout',
    root: 'wrapped',
    title: 'a 400 illegal_argument_exception caused by number_format_exception (timeout=1.5s)',
    requirements: ['CJ-DUR-005'],
    status: 400,
    type: 'illegal_argument_exception',
    provoke: (ctx) => ctx.close(ctx.name('j'), { query: 'error_trace=true&timeout=1.5s' }),
  },
  {
    name: 'body-fractional-timeout',
    root: 'wrapped',
    title:
      'a 400 x_content_parse_exception caused by illegal_argument_exception caused by number_format_exception',
    requirements: ['CJ-BODY-004', 'CJ-ENV-003'],
    status: 400,
    type: 'x_content_parse_exception',
    provoke: (ctx) => ctx.close(ctx.name('j'), { query: 'error_trace=true', body: '{"timeout":"1.5s"}' }),
    also: (ctx, error) => {
      // CJ-BODY-004 + CJ-DUR-005: the field error wraps TimeValue's illegal_argument_exception, which wraps Long.parseLong's
      // number_format_exception; caused_by nests (CJ-ENV-003).
      const cause = error.caused_by as Record<string, unknown> | undefined;
      const inner = cause?.caused_by as Record<string, unknown> | undefined;
      ctx.equal(
        ['CJ-BODY-004'],
        cause?.reason,
        'failed to parse [1.5s], fractional time values are not supported',
        'caused_by.reason',
      );
      ctx.equal(
        ['CJ-ENV-003', 'CJ-BODY-004'],
        inner === undefined ? undefined : { type: inner.type, reason: inner.reason },
        { type: 'number_format_exception', reason: 'For input string: "1.5"' },
        'caused_by.caused_by is the number_format_exception (caused_by nests)',
      );
    },
  },
  {
    name: 'truncated-body',
    root: 'wrapped',
    title: 'a 400 x_content_e_o_f_exception (truncated JSON)',
    requirements: ['CJ-BODY-007'],
    status: 400,
    type: 'x_content_e_o_f_exception',
    provoke: (ctx) => ctx.close(ctx.name('j'), { query: 'error_trace=true', body: '{"force":true' }),
  },
  {
    name: 'malformed-body',
    title: 'a 400 x_content_parse_exception caused by json_parse_exception (malformed JSON)',
    requirements: ['CJ-BODY-006'],
    root: 'wrapped',
    status: 400,
    type: 'x_content_parse_exception',
    provoke: (ctx) => ctx.close(ctx.name('j'), { query: 'error_trace=true', body: '{force:true}' }),
  },
  {
    name: 'malformed-content-type',
    root: 'wrapped',
    title: 'a 400 media_type_header_exception (a malformed Content-Type)',
    requirements: ['CJ-CT-005'],
    status: 400,
    type: MEDIA_TYPE_HEADER,
    provoke: (ctx) =>
      ctx.close(ctx.name('j'), { query: 'error_trace=true', body: '{}', contentType: 'json' }),
  },
  {
    name: 'source-without-body',
    root: 'elasticsearch',
    title: 'a 400 parse_exception (?source without a body)',
    requirements: ['CJ-MODE-005'],
    status: 400,
    type: 'parse_exception',
    provoke: (ctx) => ctx.close(ctx.name('j'), { query: 'error_trace=true&source=%7B%7D' }),
  },
  {
    name: 'failed-job',
    root: 'elasticsearch',
    title: 'a 409 status_exception (failed job)',
    requirements: ['CJ-STATE-004'],
    needs: ['fail_job'],
    status: 409,
    type: 'status_exception',
    provoke: async (ctx) => {
      const fleet = await ctx.fleet([{ name: 'j', state: 'failed' }]);
      return ctx.close(fleet.ids.j!, { query: 'error_trace=true' });
    },
  },
  {
    name: 'process-close-failure',
    root: 'elasticsearch',
    title: 'a 500 status_exception caused by exception (the node fails to close the process)',
    requirements: ['CJ-STATE-009'],
    needs: ['job_behaviour'],
    status: 500,
    type: 'status_exception',
    rootCauseType: 'exception',
    provoke: async (ctx) => {
      const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
      await ctx.jobBehaviour(fleet.ids.j!, { close_failure: true });
      return ctx.close(fleet.ids.j!, { query: 'error_trace=true' });
    },
  },
  {
    name: 'timed-out',
    root: 'wrapped',
    title: 'a 500 illegal_state_exception (the wait timed out)',
    requirements: ['CJ-TIMEOUT-002'],
    needs: ['job_behaviour', 'release_job'],
    status: 500,
    type: 'illegal_state_exception',
    provoke: async (ctx) => {
      const { id, response } = await timedOutClose(ctx, { query: 'error_trace=true&timeout=100ms' });
      await endsClosed(ctx, id);
      return response;
    },
  },
  {
    name: 'datafeed-refuses-to-stop',
    root: 'elasticsearch',
    title: 'a 409 status_exception caused by the datafeed stop error',
    requirements: ['CJ-DATAFEED-003'],
    needs: ['datafeed_behaviour'],
    status: 409,
    type: 'status_exception',
    provoke: async (ctx) => {
      const fleet = await ctx.fleet([{ name: 'j', state: 'opened', datafeed: 'started' }]);
      const datafeed = fleet.datafeeds.j!;
      await ctx.datafeedBehaviour(datafeed, {
        refuse_stop: true,
        stop_failure_reason: `datafeed [${datafeed}] refused to stop (conformance)`,
      });
      const response = await ctx.close(fleet.ids.j!, { query: 'error_trace=true' });
      await ctx.datafeedBehaviour(datafeed, { refuse_stop: false });
      return response;
    },
  },
  {
    name: 'forbidden',
    root: 'elasticsearch',
    // Under security/ with the other checks that need credentials.
    id: 'security/forbidden/error-trace',
    title: 'a 403 security_exception (credentials without manage_ml)',
    requirements: ['CJ-SEC-003', 'CJ-SEC-004'],
    needs: ['credentials', 'viewer_credentials'],
    status: 403,
    type: 'security_exception',
    provoke: (ctx) =>
      ctx.close(ctx.name('j'), {
        query: 'error_trace=true',
        auth: { authorization: ctx.target.viewerAuthorization! },
      }),
  },
];

export function traceChecks(): CheckDefinition[] {
  return cases.map(
    (spec): CheckDefinition => ({
      id: spec.id ?? `format/error-trace/${spec.name}`,
      title: `?error_trace=true on ${spec.title}: each stack_trace names its exception as "<java class>: <reason>"`,
      requirements: [TRACE, ...TRACE_TEXT, ...(spec.requirements ?? [])],
      ...(spec.needs ? { needs: spec.needs } : {}),
      async run(ctx) {
        const response = await spec.provoke(ctx);
        const ok = ctx.expectError(
          response,
          {
            status: spec.status,
            type: spec.type,
            ...(spec.rootCauseType ? { rootCauseType: spec.rootCauseType } : {}),
          },
          spec.requirements ?? [TRACE],
        );
        if (!ok) return;
        const error = (response.json as { error: Record<string, unknown> }).error;
        checkStackTraces(ctx, response.json, spec.root);
        await spec.also?.(ctx, error);
      },
    }),
  );
}
