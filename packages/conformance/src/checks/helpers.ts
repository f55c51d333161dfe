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
