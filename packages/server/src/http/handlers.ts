// The REST handlers. Each one reads its parameters and body first (prepareRequest), so the pipeline can reject
// unconsumed parameters before anything runs (close-job-behaviour.md §1.5, §1.7), and returns the action,
// which authorizes and then acts.
import {
  CLOSE_JOB_ACTION,
  type CloseJobResponse,
  type Job,
  type JobStatsResponse,
  type DatafeedStatsResponse,
  type TestControlInfo,
} from '@mlclose/schema';
import type { Cluster } from '../cluster/cluster.js';
import type { PersistedDatafeed, StoredJob } from '../cluster/store.js';
import { esError, illegalArgument, type EsError } from '../rules/error-envelope.js';
import { parseTimeValue, toMillis, type TimeValue } from '../rules/duration.js';
import { invalidIdMessage, isValidId, jobIdProblem } from '../rules/job-id.js';
import { parseJsonBody, parseOptionsBody, xContentError, type FieldSpec } from '../rules/object-parser.js';
import type { RestParams } from './rest-params.js';
import { authorizeMlAction, type Principal } from './security.js';

export interface RequestContext {
  readonly params: RestParams;
  /** The non-empty body, or null (a zero-length body is no body, §1.2). */
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

/** STATE_PERSIST_RESTORE_TIMEOUT, the default close timeout (§1.3). */
const DEFAULT_CLOSE_TIMEOUT: TimeValue = { duration: 30n, unit: 'm' };
const DEFAULT_DATAFEED_TIMEOUT: TimeValue = { duration: 20n, unit: 's' };

const ACTIONS = {
  openJob: 'cluster:admin/xpack/ml/job/open',
  putJob: 'cluster:admin/xpack/ml/job/put',
  deleteJob: 'cluster:admin/xpack/ml/job/delete',
  putDatafeed: 'cluster:admin/xpack/ml/datafeeds/put',
  deleteDatafeed: 'cluster:admin/xpack/ml/datafeeds/delete',
  startDatafeed: 'cluster:admin/xpack/ml/datafeed/start',
  stopDatafeed: 'cluster:admin/xpack/ml/datafeed/stop',
} as const;

function timeField(setting: string): FieldSpec<TimeValue> {
  return { kind: 'string', convert: (text) => parseTimeValue(text, setting) };
}

function requireBody(ctx: RequestContext): Buffer {
  if (ctx.body === null) throw esError(400, 'parse_exception', 'request body is required');
  return ctx.body;
}

/** A JSON object body (put job, put datafeed, create index), with positioned parse errors. */
function objectBody(body: Buffer, parserName: string): Record<string, unknown> {
  const parsed = parseJsonBody(body);
  if (parsed.type !== 'START_OBJECT') {
    throw xContentError(
      parsed.location,
      `[${parserName}] Expected START_OBJECT but was: ${parsed.type ?? 'null'}`,
    );
  }
  return parsed.value as Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// ---- close (the subject) -------------------------------------------------------------------------------------

const CLOSE_FIELDS: Record<string, FieldSpec> = {
  job_id: { kind: 'string' },
  timeout: timeField('timeout'),
  force: { kind: 'boolean' },
  allow_no_match: { kind: 'boolean' },
};

/** RestCloseJobAction: query mode or body mode, never both (§1.2). */
export const closeJob: Handler = (ctx) => {
  const expression = ctx.params.get('job_id') ?? '';
  let force = false;
  let timeout = DEFAULT_CLOSE_TIMEOUT;
  let allowNoMatch = true;
  if (ctx.body !== null || ctx.params.has('source')) {
    // Body mode: only the body is read; `source` never works for this API (§1.2).
    const fields = parseOptionsBody(requireBody(ctx), CLOSE_JOB_ACTION, CLOSE_FIELDS);
    if (fields.timeout !== undefined) timeout = fields.timeout as TimeValue;
    if (fields.force !== undefined) force = fields.force as boolean;
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

const CLOSED_JSON = JSON.stringify({ closed: true } satisfies CloseJobResponse);

function closedReply(): Reply {
  const body: CloseJobResponse = { closed: true };
  return { body, json: CLOSED_JSON };
}

// ---- cluster info ---------------------------------------------------------------------------------------------

export const info: Handler = (ctx) => () => ({
  body: {
    name: ctx.cluster.node.name,
    cluster_name: 'mlclose',
    cluster_uuid: ctx.cluster.clusterUuid,
    version: {
      number: '9.1.0',
      build_flavor: 'default',
      build_type: 'tar',
      build_hash: '0000000000000000000000000000000000000000',
      build_date: '2026-01-01T00:00:00.000Z',
      build_snapshot: false,
      lucene_version: '10.2.2',
      minimum_wire_compatibility_version: '8.19.0',
      minimum_index_compatibility_version: '8.0.0',
    },
    tagline: 'You Know, for Search',
  },
});

// ---- jobs -----------------------------------------------------------------------------------------------------

function detectorDescription(detector: Record<string, unknown>): string {
  // DefaultDetectorDescription.
  let text = String(detector.function);
  if (typeof detector.field_name === 'string') text += `(${detector.field_name})`;
  if (typeof detector.by_field_name === 'string') text += ` by ${detector.by_field_name}`;
  if (typeof detector.over_field_name === 'string') text += ` over ${detector.over_field_name}`;
  if (typeof detector.partition_field_name === 'string')
    text += ` partitionfield=${detector.partition_field_name}`;
  return text;
}

/**
 * Job.Builder.validateInputFields and build(), with Elasticsearch's defaults and messages. Runs while the
 * request is parsed, so an invalid job is a 400 even for a user who may not create jobs (§1.7).
 */
function buildJob(id: string, input: Record<string, unknown>): StoredJob {
  if (input.job_id !== undefined && input.job_id !== id) {
    throw illegalArgument(
      `Inconsistent job_id; '${String(input.job_id)}' specified in the body differs from '${id}' specified as a URL argument`,
    );
  }
  const problem = jobIdProblem(id);
  if (problem) throw illegalArgument(problem);
  const analysis = input.analysis_config;
  if (!isObject(analysis)) throw illegalArgument('An analysis_config must be set');
  const dataDescription = input.data_description;
  if (!isObject(dataDescription)) throw illegalArgument('A data_description must be set');
  const detectorsIn = analysis.detectors;
  if (!Array.isArray(detectorsIn) || detectorsIn.length === 0)
    throw illegalArgument('No detectors configured');
  const detectors = detectorsIn.map((raw, index) => {
    if (!isObject(raw) || typeof raw.function !== 'string' || raw.function === '') {
      throw illegalArgument("Unknown function ''");
    }
    const { detector_description, function: fn, ...rest } = raw;
    return {
      detector_description:
        typeof detector_description === 'string' ? detector_description : detectorDescription(raw),
      function: fn,
      ...rest,
      detector_index: index,
    };
  });
  const groupsIn = input.groups ?? [];
  if (!Array.isArray(groupsIn) || groupsIn.some((group) => typeof group !== 'string')) {
    throw illegalArgument('[groups] must be an array of strings');
  }
  const groups = [...new Set(groupsIn as string[])];
  for (const group of groups) {
    if (!isValidId(group)) {
      throw illegalArgument(
        `Invalid group id '${group}'; must contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric`,
      );
    }
  }
  if (typeof analysis.bucket_span === 'string')
    parseTimeValue(analysis.bucket_span, 'analysis_config.bucket_span');
  const {
    job_id: _ignored,
    groups: _groups,
    description,
    analysis_config: _analysis,
    analysis_limits,
    data_description: _dataDescription,
    results_index_name,
    allow_lazy_open,
    ...other
  } = input;
  const job: StoredJob = {
    job_id: id,
    job_type: 'anomaly_detector',
    job_version: '12.0.0',
    ...(groups.length > 0 ? { groups } : {}),
    ...(typeof description === 'string' ? { description } : {}),
    create_time: Date.now(),
    analysis_config: {
      bucket_span: '5m',
      ...analysis,
      detectors,
      influencers: analysis.influencers ?? [],
    } as Job['analysis_config'],
    analysis_limits: {
      model_memory_limit: '1024mb',
      categorization_examples_limit: 4,
      ...(isObject(analysis_limits) ? analysis_limits : {}),
    },
    data_description: { time_field: 'time', time_format: 'epoch_ms', ...dataDescription },
    model_snapshot_retention_days: 10,
    daily_model_snapshot_retention_after_days: 1,
    results_index_name: typeof results_index_name === 'string' ? results_index_name : 'shared',
    allow_lazy_open: allow_lazy_open === true,
    ...other,
  };
  return job;
}

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

// ---- datafeeds --------------------------------------------------------------------------------------------------

/** DatafeedConfig.Builder.build: id and field validation while parsing (400 before 403, §1.7). */
function buildDatafeed(id: string, input: Record<string, unknown>): PersistedDatafeed['config'] {
  if (input.datafeed_id !== undefined && input.datafeed_id !== id) {
    throw illegalArgument(
      `Inconsistent datafeed_id; '${String(input.datafeed_id)}' specified in the body differs from '${id}' specified as a URL argument`,
    );
  }
  if (!isValidId(id)) throw esError(400, 'status_exception', invalidIdMessage('datafeed_id', id));
  if (typeof input.job_id !== 'string') throw illegalArgument('[job_id] must not be null.');
  const indices = input.indices ?? input.indexes;
  if (
    !Array.isArray(indices) ||
    indices.length === 0 ||
    indices.some((index) => typeof index !== 'string' || index === '')
  ) {
    throw esError(
      400,
      'status_exception',
      `Invalid indices value '${JSON.stringify(indices ?? null)}' in datafeed configuration`,
    );
  }
  const { datafeed_id: _id, job_id, indices: _indices, indexes: _indexes, ...rest } = input;
  return {
    datafeed_id: id,
    job_id,
    query_delay: '60s',
    indices: indices as string[],
    query: { match_all: { boost: 1.0 } },
    scroll_size: 1000,
    chunking_config: { mode: 'auto' },
    delayed_data_check_config: { enabled: true },
    indices_options: {
      expand_wildcards: ['open'],
      ignore_unavailable: false,
      allow_no_indices: true,
      ignore_throttled: true,
    },
    ...rest,
  };
}

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

// ---- indices ----------------------------------------------------------------------------------------------------

function invalidIndexName(name: string, why: string): EsError {
  return esError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${why}`, undefined, {
    metadata: { index_uuid: '_na_', index: name },
  });
}

/** MetadataCreateIndexService.validateIndexOrAliasName and the lowercase check. */
function validateIndexName(name: string): void {
  if (/[\\/*?"<>| ,#]/u.test(name)) {
    throw invalidIndexName(name, 'must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]');
  }
  if (name.includes(':')) throw invalidIndexName(name, "must not contain ':'");
  if (name.startsWith('_') || name.startsWith('-') || name.startsWith('+')) {
    throw invalidIndexName(name, "must not start with '_', '-', or '+'");
  }
  if (name === '.' || name === '..') throw invalidIndexName(name, "must not be '.' or '..'");
  if (name !== name.toLowerCase()) throw invalidIndexName(name, 'must be lowercase');
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > 255) throw invalidIndexName(name, `index name is too long, (${bytes} > 255)`);
}

export const createIndex: Handler = (ctx) => {
  const name = ctx.params.get('index') ?? '';
  for (const param of ['wait_for_active_shards', 'timeout', 'master_timeout']) ctx.params.get(param);
  const body = ctx.body === null ? {} : objectBody(ctx.body, 'create_index');
  for (const key of Object.keys(body)) {
    if (key !== 'settings' && key !== 'mappings' && key !== 'aliases') {
      throw esError(400, 'parse_exception', `unknown key [${key}] for create index`);
    }
  }
  return () => {
    validateIndexName(name);
    const uuid = ctx.cluster.indexUuid(name);
    if (uuid !== undefined) {
      throw esError(
        400,
        'resource_already_exists_exception',
        `index [${name}/${uuid}] already exists`,
        undefined,
        {
          metadata: { index_uuid: uuid, index: name },
        },
      );
    }
    ctx.cluster.createIndex(name, body);
    return { body: { acknowledged: true, shards_acknowledged: true, index: name } };
  };
};

export const deleteIndex: Handler = (ctx) => {
  const expression = ctx.params.get('index') ?? '';
  for (const param of [
    'allow_no_indices',
    'expand_wildcards',
    'ignore_unavailable',
    'timeout',
    'master_timeout',
  ]) {
    ctx.params.get(param);
  }
  return () => {
    const names = expression.split(',').filter((name) => name.length > 0);
    for (const name of names) {
      if (!ctx.cluster.hasIndex(name)) {
        throw esError(404, 'index_not_found_exception', `no such index [${name}]`, undefined, {
          metadata: {
            'resource.type': 'index_or_alias',
            'resource.id': name,
            index_uuid: '_na_',
            index: name,
          },
        });
      }
    }
    for (const name of names) ctx.cluster.deleteIndex(name);
    return { body: { acknowledged: true } };
  };
};

// ---- test control (spec tag "test control") ---------------------------------------------------------------------

export const testControlInfo: Handler = (ctx) => () => {
  const body: TestControlInfo = {
    test_control: true,
    version: ctx.version,
    capabilities: ['fail_job', 'job_behaviour', 'datafeed_behaviour', 'upgrade_mode', 'reset'],
  };
  return { body };
};

export const testControlReset: Handler = (ctx) => () => {
  ctx.cluster.reset();
  return { body: { acknowledged: true } };
};

export const testControlUpgradeMode: Handler = (ctx) => {
  const fields = parseOptionsBody(requireBody(ctx), 'upgrade_mode', { enabled: { kind: 'boolean' } });
  if (fields.enabled === undefined) throw illegalArgument('Required [enabled]');
  return () => {
    ctx.cluster.upgradeMode = fields.enabled as boolean;
    return { body: { acknowledged: true } };
  };
};

export const testControlFailJob: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  return () => {
    ctx.cluster.failJob(id);
    return { body: { acknowledged: true } };
  };
};

function delayMs(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = toMillis(value as TimeValue);
  return ms < 0 ? 0 : ms;
}

export const testControlJobBehaviour: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  const fields = parseOptionsBody(requireBody(ctx), 'job_behaviour', {
    close_delay: timeField('close_delay'),
    open_delay: timeField('open_delay'),
    close_failure: { kind: 'boolean' },
  });
  return () => {
    ctx.cluster.setJobBehaviour(id, {
      closeDelayMs: delayMs(fields.close_delay),
      openDelayMs: delayMs(fields.open_delay),
      closeFailure: fields.close_failure as boolean | undefined,
    });
    return { body: { acknowledged: true } };
  };
};

export const testControlDatafeedBehaviour: Handler = (ctx) => {
  const id = ctx.params.get('datafeed_id') ?? '';
  const fields = parseOptionsBody(requireBody(ctx), 'datafeed_behaviour', {
    refuse_stop: { kind: 'boolean' },
    stop_failure_reason: { kind: 'string' },
  });
  return () => {
    ctx.cluster.setDatafeedBehaviour(id, {
      refuseStop: fields.refuse_stop as boolean | undefined,
      stopFailureReason: fields.stop_failure_reason as string | undefined,
    });
    return { body: { acknowledged: true } };
  };
};
