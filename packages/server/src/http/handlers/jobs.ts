// The supporting job APIs: create, get, delete, open and stats.
import type { JobStatsResponse } from '@mlclose/schema';
import type { Cluster } from '../../cluster/cluster.js';
import type { StoredJob } from '../../cluster/store.js';
import type { TimeValue } from '../../rules/duration.js';
import { esError } from '../../rules/error-envelope.js';
import { buildJob } from '../../rules/job-config.js';
import { parseOptionsBody } from '../../rules/object-parser.js';
import { authorizeMlAction } from '../security.js';
import { DEFAULT_CLOSE_TIMEOUT } from './close-job.js';
import { objectBody, requireBody, timeField, type Handler } from './request.js';

const ACTIONS = {
  openJob: 'cluster:admin/xpack/ml/job/open',
  putJob: 'cluster:admin/xpack/ml/job/put',
  deleteJob: 'cluster:admin/xpack/ml/job/delete',
} as const;

/** The cluster-level checks of create-job (JobManager.putJob): the id and group names must be free. */
function checkJobIsNew(job: StoredJob, cluster: Cluster): void {
  const id = job.job_id;
  const groups = job.groups ?? [];
  if (cluster.hasJob(id)) {
    throw esError(
      400,
      'resource_already_exists_exception',
      `The job cannot be created with the Id '${id}'. The Id is already used.`,
    );
  }
  // Job ids and group names share one namespace, or expansion would be ambiguous.
  const clash = cluster.isGroup(id) ? id : groups.find((group) => group === id || cluster.hasJob(group));
  if (clash !== undefined) {
    throw esError(
      400,
      'resource_already_exists_exception',
      `job and group names must be unique but job [${clash}] and group [${clash}] have the same name`,
    );
  }
}

export const putJob: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  for (const name of ['ignore_unavailable', 'allow_no_indices', 'ignore_throttled', 'expand_wildcards'])
    ctx.params.get(name);
  const job = buildJob(id, objectBody(requireBody(ctx), 'job_details'));
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.putJob);
    checkJobIsNew(job, ctx.cluster);
    return { body: ctx.cluster.createJob({ ...job, create_time: Date.now() }) };
  };
};

export const getJobs: Handler = (ctx) => {
  const expression = ctx.params.get('job_id') ?? '_all';
  const allowNoMatch = ctx.params.boolean('allow_no_match', true);
  ctx.params.get('exclude_generated');
  return () => {
    const jobs = ctx.cluster.getJobs(expression, allowNoMatch);
    return { body: { count: jobs.length, jobs } };
  };
};

export const deleteJob: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  const force = ctx.params.boolean('force', false);
  ctx.params.get('wait_for_completion');
  ctx.params.get('delete_user_annotations');
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.deleteJob);
    ctx.cluster.deleteJob(id, force);
    return { body: { acknowledged: true } };
  };
};

export const openJob: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  let timeout: TimeValue = DEFAULT_CLOSE_TIMEOUT;
  if (ctx.body !== null) {
    const fields = parseOptionsBody(ctx.body, 'job_params', {
      job_id: { kind: 'string' },
      timeout: timeField('timeout'),
    });
    if (fields.timeout !== undefined) timeout = fields.timeout as TimeValue;
  } else if (ctx.params.has('timeout')) {
    timeout = ctx.params.time('timeout', DEFAULT_CLOSE_TIMEOUT);
  }
  return async () => {
    authorizeMlAction(ctx.principal, ACTIONS.openJob);
    const node = await ctx.cluster.openJob(id, timeout);
    return { body: { opened: true, node } };
  };
};

export const jobStats: Handler = (ctx) => {
  const expression = ctx.params.get('job_id') ?? '_all';
  const allowNoMatch = ctx.params.boolean('allow_no_match', true);
  return () => {
    const jobs = ctx.cluster.jobStats(expression, allowNoMatch);
    const body = { count: jobs.length, jobs } as JobStatsResponse;
    return { body };
  };
};
