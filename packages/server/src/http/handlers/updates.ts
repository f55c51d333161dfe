// Update job, update datafeed and get datafeeds (RestUpdateJobAction and JobUpdate,
// RestUpdateDatafeedAction and DatafeedUpdate, RestGetDatafeedsAction).
import {
  checkMaxEmptySearchesUpdate,
  datafeedIndices,
  renderDatafeed,
  setMaxEmptySearches,
} from '../../rules/datafeed-config.js';
import { unknownFieldMessage } from '../../rules/did-you-mean.js';
import { conflict, esError, illegalArgument } from '../../rules/error-envelope.js';
import { isValidId } from '../../rules/job-id.js';
import { xContentError } from '../../rules/object-parser.js';
import { authorizeMlAction } from '../security.js';
import { objectBody, requireBody, type Handler } from './request.js';

const ACTIONS = {
  updateJob: 'cluster:admin/xpack/ml/job/update',
  updateDatafeed: 'cluster:admin/xpack/ml/datafeeds/update',
} as const;

/** JobUpdate.EXTERNAL_PARSER's fields. */
const JOB_UPDATE_FIELDS = [
  'job_id',
  'groups',
  'description',
  'detectors',
  'model_plot_config',
  'analysis_limits',
  'renormalization_window_days',
  'background_persist_interval',
  'results_retention_days',
  'model_snapshot_retention_days',
  'daily_model_snapshot_retention_after_days',
  'categorization_filters',
  'custom_settings',
  'allow_lazy_open',
  'model_prune_window',
  'per_partition_categorization',
];

/** DatafeedUpdate.PARSER's fields (`indexes` is the deprecated name of `indices`). */
const DATAFEED_UPDATE_FIELDS = [
  'datafeed_id',
  'job_id',
  'indices',
  'indexes',
  'query_delay',
  'frequency',
  'query',
  'aggregations',
  'aggs',
  'script_fields',
  'scroll_size',
  'chunking_config',
  'delayed_data_check_config',
  'max_empty_searches',
  'indices_options',
  'runtime_mappings',
];

function checkFields(body: Record<string, unknown>, parser: string, fields: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!fields.includes(key))
      throw xContentError({ line: 1, column: 2 }, unknownFieldMessage(parser, key, [...fields]));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** DetectionRule defaults: actions `skip_result`, and a scope's filter_type `include`. */
function withRuleDefaults(rule: unknown): unknown {
  if (!isObject(rule)) return rule;
  const out: Record<string, unknown> = { actions: ['skip_result'], ...rule };
  if (isObject(rule.scope)) {
    out.scope = Object.fromEntries(
      Object.entries(rule.scope).map(([field, filter]) => [
        field,
        isObject(filter) ? { filter_type: 'include', ...filter } : filter,
      ]),
    );
  }
  return out;
}

/** Job.toXContent's order for the fields an update can add: groups and description come before create_time. */
function inJobOrder(config: Record<string, unknown>): Record<string, unknown> {
  const { groups, description, ...rest } = config;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'create_time') {
      if (groups !== undefined) out.groups = groups;
      if (description !== undefined) out.description = description;
    }
    out[key] = value;
  }
  if (!('create_time' in rest))
    Object.assign(
      out,
      groups === undefined ? {} : { groups },
      description === undefined ? {} : { description },
    );
  return out;
}

/** POST /_ml/anomaly_detectors/{job_id}/_update. */
export const updateJob: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  const update = objectBody(requireBody(ctx), 'job_update');
  checkFields(update, 'job_update', JOB_UPDATE_FIELDS);
  // UpdateJobAction.Request: `_all` names no one job.
  if (id === '_all')
    throw illegalArgument(
      "Invalid job_id; '_all' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric",
    );
  if (update.job_id !== undefined && update.job_id !== id) {
    throw illegalArgument(
      `Inconsistent job_id; '${String(update.job_id)}' specified in the body differs from '${id}' specified as a URL argument`,
    );
  }
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.updateJob);
    const entry = ctx.cluster.jobEntry(id);
    if (!entry) throw esError(404, 'resource_not_found_exception', `No known job with id '${id}'`);
    const config = { ...entry.config } as Record<string, unknown>;
    if (update.groups !== undefined) {
      if (!Array.isArray(update.groups) || update.groups.some((g) => typeof g !== 'string')) {
        throw illegalArgument('[groups] must be an array of strings');
      }
      const groups = [...new Set(update.groups as string[])];
      for (const group of groups) {
        if (!isValidId(group)) {
          throw illegalArgument(
            `Invalid group id '${group}'; must contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric`,
          );
        }
        if (group === id || ctx.cluster.hasJob(group)) {
          throw esError(
            400,
            'resource_already_exists_exception',
            `job and group names must be unique but job [${group}] and group [${group}] have the same name`,
          );
        }
      }
      if (groups.length > 0) config.groups = groups;
      else delete config.groups;
    }
    if (update.analysis_limits !== undefined) {
      // JobManager.updateJob: the memory limit of an open job cannot change.
      if (ctx.cluster.jobState(id) !== 'closed') {
        throw esError(400, 'status_exception', 'Cannot update analysis_limits while the job is open');
      }
      const limits = isObject(update.analysis_limits) ? update.analysis_limits : {};
      const limit = limits.model_memory_limit;
      config.analysis_limits = {
        ...(config.analysis_limits as Record<string, unknown>),
        ...limits,
        ...(typeof limit === 'number' ? { model_memory_limit: `${limit}mb` } : {}),
      };
    }
    if (Array.isArray(update.detectors)) {
      const detectors = [
        ...((config.analysis_config as { detectors: Record<string, unknown>[] }).detectors ?? []),
      ];
      for (const change of update.detectors as Record<string, unknown>[]) {
        const index = change.detector_index;
        if (typeof index !== 'number' || index < 0 || index >= detectors.length) {
          throw illegalArgument(
            `Could not find a detector with index [${String(index)}]. The job has [${detectors.length}] detectors.`,
          );
        }
        const { detector_index: _index, description, custom_rules, ...rest } = change;
        detectors[index] = {
          ...detectors[index],
          ...(typeof description === 'string' ? { detector_description: description } : {}),
          ...(Array.isArray(custom_rules) ? { custom_rules: custom_rules.map(withRuleDefaults) } : {}),
          ...rest,
        };
      }
      config.analysis_config = { ...(config.analysis_config as object), detectors };
    }
    if (update.categorization_filters !== undefined) {
      config.analysis_config = {
        ...(config.analysis_config as object),
        categorization_filters: update.categorization_filters,
      };
    }
    if (update.per_partition_categorization !== undefined) {
      config.analysis_config = {
        ...(config.analysis_config as object),
        per_partition_categorization: update.per_partition_categorization,
      };
    }
    if (update.model_prune_window !== undefined) {
      config.analysis_config = {
        ...(config.analysis_config as object),
        model_prune_window: update.model_prune_window,
      };
    }
    if (isObject(update.model_plot_config)) {
      // ModelPlotConfig: annotations_enabled defaults to enabled.
      const plot = update.model_plot_config;
      config.model_plot_config = { annotations_enabled: plot.enabled === true, ...plot };
    }
    for (const key of [
      'description',
      'renormalization_window_days',
      'background_persist_interval',
      'results_retention_days',
      'model_snapshot_retention_days',
      'daily_model_snapshot_retention_after_days',
      'custom_settings',
      'allow_lazy_open',
    ]) {
      if (update[key] !== undefined) config[key] = update[key];
    }
    // Job.Builder.validateModelSnapshotRetentionSettings.
    const retention = config.model_snapshot_retention_days;
    const daily = config.daily_model_snapshot_retention_after_days;
    if (typeof retention === 'number' && typeof daily === 'number' && daily > retention) {
      throw esError(
        400,
        'status_exception',
        `The value of daily_model_snapshot_retention_after_days [${daily}] cannot be greater than model_snapshot_retention_days [${retention}]`,
      );
    }
    const ordered = inJobOrder(config);
    ctx.cluster.replaceJobConfig(ordered as typeof entry.config);
    return { body: ordered };
  };
};

/** POST /_ml/datafeeds/{datafeed_id}/_update. */
export const updateDatafeed: Handler = (ctx) => {
  const id = ctx.params.get('datafeed_id') ?? '';
  for (const name of ['ignore_unavailable', 'allow_no_indices', 'ignore_throttled', 'expand_wildcards'])
    ctx.params.get(name);
  const update = objectBody(requireBody(ctx), 'datafeed_update');
  checkFields(update, 'datafeed_update', DATAFEED_UPDATE_FIELDS);
  checkMaxEmptySearchesUpdate(update.max_empty_searches);
  if (update.datafeed_id !== undefined && update.datafeed_id !== id) {
    throw illegalArgument(
      `Inconsistent datafeed_id; '${String(update.datafeed_id)}' specified in the body differs from '${id}' specified as a URL argument`,
    );
  }
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.updateDatafeed);
    const [existing] = ctx.cluster.getDatafeeds(id, false);
    const state = ctx.cluster.datafeedState(id);
    if (state !== undefined && state !== 'stopped') {
      throw conflict(`Cannot update datafeed [${id}] while its status is ${state}`);
    }
    const { datafeed_id: _id, indexes, indices, aggs, max_empty_searches, ...rest } = update;
    const config: Record<string, unknown> = { ...existing!, ...rest };
    setMaxEmptySearches(config, max_empty_searches);
    const newIndices = indices ?? indexes;
    if (newIndices !== undefined) config.indices = datafeedIndices(newIndices);
    if (aggs !== undefined) config.aggregations = aggs;
    if (
      typeof config.job_id === 'string' &&
      config.job_id !== existing!.job_id &&
      !ctx.cluster.hasJob(config.job_id)
    ) {
      throw esError(404, 'resource_not_found_exception', `No known job with id '${config.job_id}'`);
    }
    ctx.cluster.replaceDatafeedConfig(config as typeof existing & object);
    return { body: renderDatafeed(config as typeof existing & object) };
  };
};

/** GET /_ml/datafeeds and /_ml/datafeeds/{datafeed_id}. */
export const getDatafeeds: Handler = (ctx) => {
  const expression = ctx.params.get('datafeed_id') ?? '_all';
  const allowNoMatch = ctx.params.boolean('allow_no_match', true);
  ctx.params.get('exclude_generated');
  return () => {
    const datafeeds = ctx.cluster.getDatafeeds(expression, allowNoMatch).map(renderDatafeed);
    return { body: { count: datafeeds.length, datafeeds } };
  };
};
