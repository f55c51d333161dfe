// The texts and error shapes Elasticsearch answers with, as the checks expect them.
import type { CheckContext, ErrorExpectation } from '../check.js';

/** The error type of a rejected parameter or value. */
export const ILLEGAL_ARGUMENT = 'illegal_argument_exception';

/** The error type of an Accept or Content-Type header that fails to parse. */
export const MEDIA_TYPE_HEADER = 'media_type_header_exception';

/**
 * RestRequest.MediaTypeHeaderException for one header: its reason names the header, its cause is the
 * IllegalArgumentException of the parse, and, not being an Elasticsearch exception, it is its own root cause.
 */
export function headerError(name: 'Accept' | 'Content-Type', causeReason: string): ErrorExpectation {
  return {
    status: 400,
    type: MEDIA_TYPE_HEADER,
    reason: `Invalid media-type value on headers [${name}]`,
    causedBy: { type: ILLEGAL_ARGUMENT, reason: causeReason },
    rootCauseType: MEDIA_TYPE_HEADER,
  };
}

/** The transport action name Elasticsearch puts in body-parse errors (CJ-BODY-002..004). */
export const ACTION = 'cluster:admin/xpack/ml/job/close';

/** The decoded close path of a job id, as Elasticsearch prints it in messages. */
export function closePath(id: string): string {
  return `/_ml/anomaly_detectors/${id}/_close`;
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The 404 for required tokens that matched nothing (CJ-MATCH-001): Elasticsearch's exact error, without a cause. */
export function jobNotFound(expression: string): ErrorExpectation {
  return {
    status: 404,
    type: 'resource_not_found_exception',
    reason: `No known job with id '${expression}'`,
    causedBy: null,
  };
}

/** The "Failed to parse value" message of a strict boolean (CJ-BOOL-002). */
export function booleanMessage(value: string): string {
  return `Failed to parse value [${value}] as only [true] or [false] are allowed.`;
}

/** The "unit is missing" message of a timeout (CJ-DUR-002). */
export function unitMissingMessage(value: string): string {
  return `failed to parse setting [timeout] with value [${value}] as a time value: unit is missing or unrecognized`;
}

/** Fields a close-job ML exception may carry (CJ-ENV-005: no extra metadata). */
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
