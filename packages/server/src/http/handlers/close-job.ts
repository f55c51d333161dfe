// The subject: POST /_ml/anomaly_detectors/{job_id}/_close.
import { CLOSE_JOB_ACTION, type CloseJobResponse } from '@mlclose/schema';
import type { TimeValue } from '../../rules/duration.js';
import { parseOptionsBody, type FieldSpec } from '../../rules/object-parser.js';
import { authorizeMlAction } from '../security.js';
import { requireBody, timeField, type Handler, type Reply } from './request.js';

/** STATE_PERSIST_RESTORE_TIMEOUT, the default close timeout (CJ-DUR-007). */
export const DEFAULT_CLOSE_TIMEOUT: TimeValue = { duration: 30n, unit: 'm' };

const CLOSE_FIELDS: Record<string, FieldSpec> = {
  // Read and checked, then unused: the path's id wins (CloseJobAction.Request.parseRequest).
  job_id: {},
  timeout: timeField('timeout'),
  force: { kind: 'boolean' },
  allow_no_match: { kind: 'boolean' },
};

/** RestCloseJobAction: query mode or body mode, never both (CJ-MODE-001, CJ-MODE-002). */
export const closeJob: Handler = (ctx) => {
  // The route's template has {job_id}, so the parameter is always there.
  const expression = ctx.params.get('job_id')!;
  let force = false;
  let timeout = DEFAULT_CLOSE_TIMEOUT;
  let allowNoMatch = true;
  if (ctx.body !== null || ctx.params.has('source')) {
    // Body mode: only the body is read; `source` never works for this API (CJ-MODE-005, CJ-MODE-006).
    const fields = parseOptionsBody(requireBody(ctx), CLOSE_JOB_ACTION, CLOSE_FIELDS);
    if (fields.timeout !== undefined) timeout = fields.timeout as TimeValue;
    force = fields.force === true;
    if (fields.allow_no_match !== undefined) allowNoMatch = fields.allow_no_match as boolean;
  } else {
    // Query mode, in the handler's order: timeout, force (only when present), allow_no_match (always read).
    if (ctx.params.has('timeout')) timeout = ctx.params.time('timeout', DEFAULT_CLOSE_TIMEOUT);
    if (ctx.params.has('force')) force = ctx.params.boolean('force', false);
    allowNoMatch = ctx.params.boolean('allow_no_match', true);
  }
  return () => {
    authorizeMlAction(ctx.principal, CLOSE_JOB_ACTION);
    ctx.cluster.checkUpgradeMode(CLOSE_JOB_ACTION);
    // A close with nothing to wait for (the job is already closed, or force) answers without an async step.
    const pending = ctx.cluster.startCloseJobs(expression, { force, timeout, allowNoMatch });
    return pending === null ? closedReply() : pending.then(closedReply);
  };
};

const CLOSED_BODY: CloseJobResponse = Object.freeze({ closed: true });
/** The reply of every close that succeeds, made once: nothing changes a reply (filter_path builds a new body). */
const CLOSED_REPLY: Reply = Object.freeze({ body: CLOSED_BODY, json: JSON.stringify(CLOSED_BODY) });

function closedReply(): Reply {
  return CLOSED_REPLY;
}
