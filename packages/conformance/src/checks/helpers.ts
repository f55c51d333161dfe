// Building blocks shared by the check files.
import type { RequirementId } from '@mlclose/schema';
import type { CheckContext, CheckDefinition, CloseOptions, ErrorExpectation, Need } from '../check.js';

/** The transport action name Elasticsearch puts in body-parse errors (behaviour §1.4). */
export const ACTION = 'cluster:admin/xpack/ml/job/close';

/** The decoded close path of a job id, as Elasticsearch prints it in messages. */
export function closePath(id: string): string {
  return `/_ml/anomaly_detectors/${id}/_close`;
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The "Failed to parse value" message of a strict boolean (behaviour §1.3). */
/** The 404 for required tokens that matched nothing (§2.3): Elasticsearch's exact error, without a cause. */
export function jobNotFound(expression: string): ErrorExpectation {
  return {
    status: 404,
    type: 'resource_not_found_exception',
    reason: `No known job with id '${expression}'`,
    causedBy: null,
  };
}

/** Polls until the job is closed (a timed-out close goes on in the background); false if it never is. */
export function endsClosed(ctx: CheckContext, id: string): Promise<boolean> {
  return ctx.poll(
    `${id} to end closed`,
    async () => (await ctx.jobStates(id)).get(id) === 'closed',
    100,
    100,
  );
}

export function booleanMessage(value: string): string {
  return `Failed to parse value [${value}] as only [true] or [false] are allowed.`;
}

/** The "unit is missing" message of a timeout (behaviour §1.3). */
export function unitMissingMessage(value: string): string {
  return `failed to parse setting [timeout] with value [${value}] as a time value: unit is missing or unrecognized`;
}

/** Fields a close-job ML exception may carry (behaviour §5.1: no extra metadata). */
export function checkNoMetadata(ctx: CheckContext, body: unknown): void {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (!error || typeof error !== 'object') return;
  const extra = Object.keys(error).filter(
    (key) => !['root_cause', 'type', 'reason', 'caused_by', 'stack_trace'].includes(key),
  );
  ctx.verify(
    ['CJ-ENV-005'],
    extra.length === 0,
    'ML exceptions of close carry no extra metadata fields',
    [],
    extra,
  );
  const roots = error.root_cause as Array<Record<string, unknown>> | undefined;
  const rootExtra = (roots ?? []).flatMap((root) =>
    Object.keys(root).filter((key) => !['type', 'reason'].includes(key)),
  );
  ctx.verify(
    ['CJ-ENV-005', 'CJ-ENV-002'],
    rootExtra.length === 0,
    'root_cause entries carry type and reason only',
    [],
    rootExtra,
  );
}

interface RejectedCase {
  id: string;
  title: string;
  requirements: readonly RequirementId[];
  needs?: readonly Need[];
  /** The expression to close; defaults to the opened job's id. */
  expression?: (jobId: string, ctx: CheckContext) => string;
  request: (jobId: string) => CloseOptions;
  expected: (jobId: string, ctx: CheckContext) => ErrorExpectation;
  /** Requirements the error shape is attributed to (default: the check's). */
  attribute?: readonly RequirementId[];
  /** Extra assertions on the response. */
  also?: (ctx: CheckContext, response: Awaited<ReturnType<CheckContext['close']>>, jobId: string) => void;
}

/**
 * A request that must be rejected before the action runs: an opened job, the request, the expected error, and
 * the job still opened afterwards (behaviour §1.5: a 400 has no side effects).
 */
export function rejected(spec: RejectedCase): CheckDefinition {
  return {
    id: spec.id,
    title: spec.title,
    requirements: [...new Set([...spec.requirements, 'CJ-PARAM-007' as RequirementId])],
    ...(spec.needs ? { needs: spec.needs } : {}),
    async run(ctx) {
      const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
      const jobId = fleet.ids.j!;
      const expression = spec.expression ? spec.expression(jobId, ctx) : jobId;
      const response = await ctx.close(expression, spec.request(jobId));
      ctx.expectError(response, spec.expected(jobId, ctx), spec.attribute ?? spec.requirements);
      spec.also?.(ctx, response, jobId);
      await ctx.expectStates(new Map([[jobId, 'opened']]), ['CJ-PARAM-007'], 'after the rejected request');
    },
  };
}

interface AcceptedCase {
  id: string;
  title: string;
  requirements: readonly RequirementId[];
  /** @default 'opened' (the job must end closed) */
  state?: 'opened' | 'closed';
  request: (jobId: string) => CloseOptions;
  also?: (ctx: CheckContext, response: Awaited<ReturnType<CheckContext['close']>>) => void;
}

/** A request that must be accepted: 200 {"closed":true} and the job closed. */
export function accepted(spec: AcceptedCase): CheckDefinition {
  return {
    id: spec.id,
    title: spec.title,
    requirements: spec.requirements,
    async run(ctx) {
      const fleet = await ctx.fleet([{ name: 'j', state: spec.state ?? 'opened' }]);
      const jobId = fleet.ids.j!;
      const response = await ctx.close(jobId, spec.request(jobId));
      ctx.expectClosed(response, spec.requirements);
      spec.also?.(ctx, response);
      await ctx.expectStates(new Map([[jobId, 'closed']]), spec.requirements, 'after the close');
    },
  };
}

/** A slug usable in a check id. */
export function slug(value: string): string {
  const cleaned = value.replace(
    /[^A-Za-z0-9_-]+/g,
    (match) => `~${[...match].map((c) => c.charCodeAt(0).toString(16)).join('')}~`,
  );
  return cleaned.length > 0 ? cleaned : 'empty';
}

/**
 * ElasticsearchException.getExceptionName for a Java binary class name: the simple name (after the package and
 * any enclosing class), a leading `Elasticsearch` dropped, then Strings.toUnderscoreCase (every upper-case
 * letter after the first becomes `_` and its lower case).
 */
export function exceptionName(javaClass: string): string {
  let simple = javaClass.slice(javaClass.lastIndexOf('.') + 1);
  simple = simple.slice(simple.lastIndexOf('$') + 1);
  if (simple.startsWith('Elasticsearch')) simple = simple.slice('Elasticsearch'.length);
  let out = '';
  for (let i = 0; i < simple.length; i++) {
    const c = simple.charAt(i);
    const upper = c !== c.toLowerCase() && c === c.toUpperCase();
    out += upper ? `${i === 0 ? '' : '_'}${c.toLowerCase()}` : c;
  }
  return out;
}

// A Java binary class name at the start of a Throwable.toString() line. ElasticsearchException.toString() puts
// the index (and shard) first when the exception carries them: `[index] ` or `[index][0] `.
const JAVA_CLASS = /^(?:\[[^\]\n]*\](?:\[\d+\])? )?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/u;

/**
 * The exceptions a printStackTrace text names: the first line (`start` 0) and every `Caused by: ` line, as
 * Throwable.toString() wrote them (`<binary class name>: <message>`). `at` is where the class name starts.
 */
function tracedExceptions(trace: string): { javaClass: string; at: number; start: number }[] {
  const found: { javaClass: string; at: number; start: number }[] = [];
  const starts = [0];
  for (let at = trace.indexOf('\nCaused by: '); at >= 0; at = trace.indexOf('\nCaused by: ', at + 1))
    starts.push(at + '\nCaused by: '.length);
  for (const start of starts) {
    const match = JAVA_CLASS.exec(trace.slice(start));
    if (match) found.push({ javaClass: match[1]!, at: start + match[0].length - match[1]!.length, start });
  }
  return found;
}

/** Does `trace` name, at `at`, an exception of `type` with the message `reason` (Throwable.toString())? */
function namesException(
  trace: string,
  at: number,
  javaClass: string,
  type: unknown,
  reason: unknown,
): boolean {
  if (exceptionName(javaClass) !== type) return false;
  const rest = trace.slice(at + javaClass.length);
  // A null message prints the class name alone; ElasticsearchException.toString() trims the line's end.
  if (reason === null) return rest === '' || rest.startsWith('\n') || rest.startsWith('\r\n');
  return typeof reason === 'string' && rest.startsWith(`: ${reason}`.trimEnd());
}

/**
 * With ?error_trace=true (behaviour §5.1, §7), every error object carries `stack_trace`, the exception's
 * printStackTrace text: it starts with Throwable.toString(), `<fully qualified class>: <reason>`, where the
 * class's simple name gives `type` (ElasticsearchException.getExceptionName), and every cause appears in it as a
 * `Caused by: <class>: <reason>` line. root_cause entries are only required to name their exception somewhere
 * (Elasticsearch wraps a plain Java root cause, whose trace then names it on a `Caused by:` line). Only the
 * class names and messages are asserted; the frames are the implementation's own. An exception carrying an index
 * may put it first (`[index] <class>: <reason>`, ElasticsearchException.toString()).
 */
export function checkStackTraces(
  ctx: CheckContext,
  body: unknown,
  requirements: readonly RequirementId[],
): void {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null) {
    ctx.verify(requirements, false, 'the detailed error envelope', 'object', error);
    return;
  }
  type ErrorObject = Record<string, unknown>;
  const verifyOwn = (object: ErrorObject, where: string): string | undefined => {
    const trace = object.stack_trace;
    if (
      !ctx.verify(
        requirements,
        typeof trace === 'string',
        `${where}.stack_trace is a string`,
        'string',
        trace,
      )
    )
      return undefined;
    const text = trace as string;
    const first = tracedExceptions(text).find(({ start }) => start === 0);
    ctx.verify(
      requirements,
      first !== undefined && namesException(text, first.at, first.javaClass, object.type, object.reason),
      `${where}.stack_trace starts with "<java class>: <reason>", the class's simple name giving ${where}.type`,
      `<class named like ${String(object.type)}>: ${String(object.reason)}`,
      text.split('\n', 1)[0],
    );
    return text;
  };
  let object = error as ErrorObject;
  let where = 'error';
  let trace = verifyOwn(object, where);
  for (
    let depth = 0;
    depth < 10 && typeof object.caused_by === 'object' && object.caused_by !== null;
    depth++
  ) {
    const cause = object.caused_by as ErrorObject;
    if (trace !== undefined) {
      const parentTrace = trace;
      ctx.verify(
        requirements,
        tracedExceptions(parentTrace).some(
          ({ javaClass, at }) =>
            at > 0 && namesException(parentTrace, at, javaClass, cause.type, cause.reason),
        ),
        `${where}.stack_trace has a "Caused by: <java class>: <reason>" line for ${where}.caused_by`,
        `Caused by: <class named like ${String(cause.type)}>: ${String(cause.reason)}`,
        parentTrace.slice(0, 500),
      );
    }
    where = `${where}.caused_by`;
    object = cause;
    trace = verifyOwn(object, where);
  }
  const roots = (error as ErrorObject).root_cause;
  for (const [index, root] of (Array.isArray(roots) ? (roots as ErrorObject[]) : []).entries()) {
    const rootTrace = root.stack_trace;
    if (
      !ctx.verify(
        requirements,
        typeof rootTrace === 'string',
        `error.root_cause[${index}].stack_trace is a string`,
        'string',
        rootTrace,
      )
    )
      continue;
    const text = rootTrace as string;
    ctx.verify(
      requirements,
      tracedExceptions(text).some(({ javaClass, at }) =>
        namesException(text, at, javaClass, root.type, root.reason),
      ),
      `error.root_cause[${index}].stack_trace names its exception as "<java class>: <reason>"`,
      `<class named like ${String(root.type)}>: ${String(root.reason)}`,
      text.slice(0, 500),
    );
  }
}
