// What every REST handler shares: the request context, the reply, and the body readers. Each handler reads its
// parameters and body first, so the pipeline can reject unconsumed parameters before anything runs
// (CJ-PARAM-007, CJ-PARAM-008), and returns the action, which authorizes and then acts.
import type { Cluster } from '../../cluster/cluster.js';
import { esError } from '../../rules/error-envelope.js';
import { parseTimeValue, type TimeValue } from '../../rules/duration.js';
import { parseJsonBody, xContentError, type FieldSpec } from '../../rules/object-parser.js';
import type { RestParams } from '../rest-params.js';
import type { Principal } from '../security.js';

export interface RequestContext {
  readonly params: RestParams;
  /** The non-empty body, or null (a zero-length body is no body, CJ-MODE-004). */
  readonly body: Buffer | null;
  readonly cluster: Cluster;
  readonly principal: Principal | null;
  readonly version: string;
}

export interface Reply {
  readonly status?: number;
  readonly body: unknown;
  /** `body` as compact JSON, when the handler has it ready (a constant body); used unless filtered or pretty. */
  readonly json?: string;
}

export type Action = () => Promise<Reply> | Reply;
export type Handler = (ctx: RequestContext) => Action;

export function timeField(setting: string): FieldSpec<TimeValue> {
  return { kind: 'string', convert: (text) => parseTimeValue(text, setting) };
}

export function requireBody(ctx: RequestContext): Buffer {
  if (ctx.body === null) throw esError(400, 'parse_exception', 'request body is required');
  return ctx.body;
}

/** A JSON object body (put job, put datafeed, create index), with positioned parse errors. */
export function objectBody(body: Buffer, parserName: string): Record<string, unknown> {
  const parsed = parseJsonBody(body);
  if (parsed.type !== 'START_OBJECT') {
    throw xContentError(
      parsed.location,
      `[${parserName}] Expected START_OBJECT but was: ${parsed.type ?? 'null'}`,
    );
  }
  return parsed.value as Record<string, unknown>;
}
