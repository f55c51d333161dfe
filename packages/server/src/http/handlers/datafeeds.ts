// The supporting datafeed APIs: create, delete, start, stop and stats.
import type { DatafeedStatsResponse } from '@mlclose/schema';
import type { TimeValue } from '../../rules/duration.js';
import { esError } from '../../rules/error-envelope.js';
import { buildDatafeed } from '../../rules/datafeed-config.js';
import { parseOptionsBody } from '../../rules/object-parser.js';
import { authorizeMlAction } from '../security.js';
import { objectBody, requireBody, timeField, type Handler } from './request.js';

const DEFAULT_DATAFEED_TIMEOUT: TimeValue = { duration: 20n, unit: 's' };

const ACTIONS = {
  putDatafeed: 'cluster:admin/xpack/ml/datafeeds/put',
  deleteDatafeed: 'cluster:admin/xpack/ml/datafeeds/delete',
  startDatafeed: 'cluster:admin/xpack/ml/datafeed/start',
  stopDatafeed: 'cluster:admin/xpack/ml/datafeed/stop',
} as const;

export const putDatafeed: Handler = (ctx) => {
  const id = ctx.params.get('datafeed_id') ?? '';
  for (const name of ['ignore_unavailable', 'allow_no_indices', 'ignore_throttled', 'expand_wildcards'])
    ctx.params.get(name);
  const config = buildDatafeed(id, objectBody(requireBody(ctx), 'datafeed_config'));
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.putDatafeed);
    if (ctx.cluster.hasDatafeed(id)) {
      throw esError(400, 'resource_already_exists_exception', `A datafeed with id [${id}] already exists`);
    }
    if (!ctx.cluster.hasJob(config.job_id)) {
      throw esError(404, 'resource_not_found_exception', `No known job with id '${config.job_id}'`);
    }
    return { body: ctx.cluster.createDatafeed(config) };
  };
};

export const deleteDatafeed: Handler = (ctx) => {
  const id = ctx.params.get('datafeed_id') ?? '';
  const force = ctx.params.boolean('force', false);
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.deleteDatafeed);
    ctx.cluster.deleteDatafeed(id, force);
    return { body: { acknowledged: true } };
  };
};

export const startDatafeed: Handler = (ctx) => {
  const id = ctx.params.get('datafeed_id') ?? '';
  if (ctx.body !== null) {
    parseOptionsBody(ctx.body, 'datafeed_params', {
      datafeed_id: { kind: 'string' },
      start: { kind: 'string' },
      end: { kind: 'string' },
      timeout: timeField('timeout'),
    });
  } else {
    ctx.params.get('start');
    ctx.params.get('end');
    ctx.params.time('timeout', DEFAULT_DATAFEED_TIMEOUT);
  }
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.startDatafeed);
    return { body: { started: true, node: ctx.cluster.startDatafeed(id) } };
  };
};

export const stopDatafeed: Handler = (ctx) => {
  const expression = ctx.params.get('datafeed_id') ?? '';
  let force = false;
  let allowNoMatch = true;
  if (ctx.body !== null) {
    const fields = parseOptionsBody(ctx.body, ACTIONS.stopDatafeed, {
      datafeed_id: { kind: 'string' },
      timeout: timeField('timeout'),
      force: { kind: 'boolean' },
      allow_no_match: { kind: 'boolean' },
      close_job: { kind: 'boolean' },
    });
    if (fields.force !== undefined) force = fields.force as boolean;
    if (fields.allow_no_match !== undefined) allowNoMatch = fields.allow_no_match as boolean;
  } else {
    if (ctx.params.has('timeout')) ctx.params.time('timeout', DEFAULT_DATAFEED_TIMEOUT);
    if (ctx.params.has('force')) force = ctx.params.boolean('force', false);
    allowNoMatch = ctx.params.boolean('allow_no_match', true);
    if (ctx.params.has('close_job')) ctx.params.boolean('close_job', false);
  }
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.stopDatafeed);
    ctx.cluster.stopDatafeeds(expression, { force, allowNoMatch });
    return { body: { stopped: true } };
  };
};

export const datafeedStats: Handler = (ctx) => {
  const expression = ctx.params.get('datafeed_id') ?? '_all';
  const allowNoMatch = ctx.params.boolean('allow_no_match', true);
  return () => {
    const datafeeds = ctx.cluster.datafeedStats(expression, allowNoMatch);
    const body = { count: datafeeds.length, datafeeds } as DatafeedStatsResponse;
    return { body };
  };
};
