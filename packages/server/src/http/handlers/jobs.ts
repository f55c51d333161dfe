// The supporting job APIs: create, get, delete, open and stats.
import type { JobStatsResponse } from '@mlclose/schema';
import type { Cluster } from '../../cluster/cluster.js';
import type { StoredJob } from '../../cluster/store.js';
import type { TimeValue } from '../../rules/duration.js';
import { esError } from '../../rules/error-envelope.js';
import { buildDatafeed, renderDatafeed } from '../../rules/datafeed-config.js';
import { applyCreateDefaults, buildJob, DATE_WORDS, renderJob } from '../../rules/job-config.js';
import { parseObjectFields, parseOptionsBody } from '../../rules/object-parser.js';
import type { RestParams } from '../rest-params.js';
import { authorizeMlAction } from '../security.js';
import { DEFAULT_CLOSE_TIMEOUT } from './close-job.js';
import { requireBody, timeField, type Handler } from './request.js';

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

/**
 * IndicesOptions.fromRequest over SearchRequest.DEFAULT_INDICES_OPTIONS: the indices options a put-job
 * request gives its embedded datafeed when the datafeed sets none (Job.Builder.setDatafeedIndicesOptionsIfRequired).
 */
function indicesOptionsFromRequest(params: RestParams): Record<string, unknown> {
  const wildcards = params.get('expand_wildcards');
  return {
    expand_wildcards:
      wildcards === undefined ? ['open'] : wildcards.split(',').filter((value) => value !== 'none'),
    ignore_unavailable: params.boolean('ignore_unavailable', false),
    allow_no_indices: params.boolean('allow_no_indices', true),
    ignore_throttled: params.boolean('ignore_throttled', true),
  };
}

export const putJob: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  const indicesOptions = indicesOptionsFromRequest(ctx.params);
  const request = buildJob(id, parseObjectFields(requireBody(ctx), 'job_details'));
  const datafeed =
    request.datafeed === undefined
      ? undefined
      : buildDatafeed(String(request.datafeed.datafeed_id), request.datafeed, indicesOptions);
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.putJob);
    // JobManager.putJob: defaults and the max model memory check, then the id and group checks.
    const job = applyCreateDefaults(request.job, {
      maxModelMemoryLimitMb: ctx.cluster.maxModelMemoryLimitMb,
      now: Date.now(),
    });
    checkJobIsNew(job, ctx.cluster);
    if (datafeed !== undefined && ctx.cluster.hasDatafeed(datafeed.datafeed_id)) {
      throw esError(
        400,
        'resource_already_exists_exception',
        `A datafeed with id [${datafeed.datafeed_id}] already exists`,
      );
    }
    const created = ctx.cluster.createJob(job);
    // TransportPutJobAction creates the embedded datafeed once the job exists, and answers with both.
    if (datafeed === undefined) return { body: renderJob(created) };
    return {
      body: renderJob({ ...created, datafeed_config: renderDatafeed(ctx.cluster.createDatafeed(datafeed)) }),
    };
  };
};

export const getJobs: Handler = (ctx) => {
  const expression = ctx.params.get('job_id') ?? '_all';
  const allowNoMatch = ctx.params.boolean('allow_no_match', true);
  ctx.params.get('exclude_generated');
  return () => {
    // GetJobsAction answers each job with its datafeed's configuration, if it has one.
    const jobs = ctx.cluster.getJobs(expression, allowNoMatch).map((job) => {
      const datafeed = ctx.cluster.datafeedConfigOfJob(job.job_id ?? '');
      return renderJob(datafeed === undefined ? job : { ...job, datafeed_config: renderDatafeed(datafeed) });
    });
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

/**
 * GET _ml/info (TransportMlInfoAction): defaults and the limits the ML node's memory gives
 * (`effective_max_model_memory_limit`, `total_ml_memory`, and `max_model_memory_limit` when the setting is set).
 */
export const mlInfo: Handler = (ctx) => () => {
  const memory = ctx.cluster.mlMemory;
  const limits: Record<string, unknown> = {};
  if (ctx.cluster.maxModelMemoryLimitMb !== undefined && ctx.cluster.maxModelMemoryLimitMb > 0) {
    limits.max_model_memory_limit = `${ctx.cluster.maxModelMemoryLimitMb}mb`;
  }
  limits.max_single_ml_node_processors = 2;
  limits.total_ml_processors = 2;
  limits.effective_max_model_memory_limit = `${memory.effectiveMaxModelMemoryLimitMb()}mb`;
  limits.total_ml_memory = `${Math.floor(memory.mlMemory / (1024 * 1024))}mb`;
  return {
    body: {
      defaults: {
        anomaly_detectors: {
          categorization_analyzer: {
            char_filter: ['first_line_with_letters'],
            tokenizer: 'ml_standard',
            filter: [
              {
                type: 'stop',
                stopwords: DATE_WORDS,
              },
              { type: 'limit', max_token_count: '100' },
            ],
          },
          model_memory_limit: `${Math.min(1024, memory.effectiveMaxModelMemoryLimitMb())}mb`,
          categorization_examples_limit: 4,
          model_snapshot_retention_days: 10,
          daily_model_snapshot_retention_after_days: 1,
        },
        datafeeds: { scroll_size: 1000 },
      },
      upgrade_mode: ctx.cluster.upgradeMode,
      native_code: { version: ctx.version, build_hash: 'mlclose' },
      limits,
    },
  };
};
