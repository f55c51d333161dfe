// The oracle's executable model of a close: expansion (./expression.ts), state validation and the resulting
// states. Written from the requirements CJ-STATE-*, CJ-FORCE-*, CJ-DATAFEED-* and CJ-TIMEOUT-* only.
import { expand, isAll, tokenize, type ExpandableJob } from './expression.js';

/** Job states as close-job sees them (CJ-STATE-001). */
export type ModelJobState = 'opening' | 'opened' | 'closing' | 'closed' | 'failed';

/** A job in the model: its id, groups and state. */
export interface ModelJob extends ExpandableJob {
  readonly state: ModelJobState;
}

/** The options of a close. */
export interface ModelCloseRequest {
  readonly expression: string;
  /** @default true */
  readonly allowNoMatch?: boolean;
  /** @default false */
  readonly force?: boolean;
}

/** Which rule of the behaviour reference decided the outcome; checks attribute failures with it. */
export type ModelRule =
  | 'closed'
  | 'noop'
  | 'not-found-exact'
  | 'not-found-wildcard'
  | 'not-found-all'
  | 'failed-single'
  | 'failed-multi';

/** The modelled answer and the states afterwards. */
export interface ModelCloseResult {
  readonly status: 200 | 404 | 409;
  readonly type?: 'resource_not_found_exception' | 'status_exception';
  readonly reason?: string;
  readonly rule: ModelRule;
  /** Job ids the expression expanded to (empty on 404). */
  readonly expanded: string[];
  /** Every job's state after the close. */
  readonly after: ReadonlyMap<string, ModelJobState>;
}

/** The close pipeline (TransportCloseJobAction): expand, validate failed jobs, close (normal or force). Closed jobs are no-ops. */
export function modelClose(jobs: readonly ModelJob[], request: ModelCloseRequest): ModelCloseResult {
  const allowNoMatch = request.allowNoMatch ?? true;
  const force = request.force ?? false;
  const unchanged = new Map(jobs.map((job) => [job.id, job.state] as const));
  const expansion = expand(request.expression, jobs, allowNoMatch);
  if (expansion.kind === 'not-found') {
    const rule: ModelRule =
      expansion.missing.length === 1 && expansion.missing[0] === '*' && isAllExpression(request.expression)
        ? 'not-found-all'
        : expansion.missing.some((token) => !token.includes('*'))
          ? 'not-found-exact'
          : 'not-found-wildcard';
    return {
      status: 404,
      type: 'resource_not_found_exception',
      reason: expansion.reason,
      rule,
      expanded: [],
      after: unchanged,
    };
  }
  const byId = new Map(jobs.map((job) => [job.id, job] as const));
  const expanded = expansion.ids.map((id) => byId.get(id)!);
  const failed = expanded.filter((job) => job.state === 'failed');
  if (!force && failed.length > 0) {
    // CJ-STATE-005: "more than one" counts every expanded job, closed ones included.
    const single = expanded.length === 1;
    return {
      status: 409,
      type: 'status_exception',
      reason: single
        ? `cannot close job [${failed[0]!.id}] because it failed, use force close`
        : 'one or more jobs have state failed, use force close',
      rule: single ? 'failed-single' : 'failed-multi',
      expanded: expansion.ids,
      after: unchanged,
    };
  }
  const after = new Map(unchanged);
  for (const job of expanded) after.set(job.id, 'closed');
  const anythingToClose = expanded.some((job) => job.state !== 'closed');
  return { status: 200, rule: anythingToClose ? 'closed' : 'noop', expanded: expansion.ids, after };
}

function isAllExpression(expression: string): boolean {
  return isAll(tokenize(expression));
}
