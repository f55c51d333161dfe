// Cluster health and cluster update settings, as far as the supporting tests use them
// (RestClusterHealthAction, RestClusterUpdateSettingsAction).
import { parseByteSize } from '../../rules/byte-size.js';
import { esError, illegalArgument } from '../../rules/error-envelope.js';
import { indexHealth, parseHealthLevel } from '../../rules/cluster-health.js';
import { objectBody, requireBody, type Handler } from './request.js';

const STATUS_ORDER = ['green', 'yellow', 'red'] as const;

/**
 * The settings the server knows, with their allowed values (null: any string). Others are refused as
 * Elasticsearch refuses unknown settings.
 */
const KNOWN_SETTINGS: Record<string, readonly string[] | null> = {
  'cluster.persistent_tasks.allocation.enable': ['all', 'none'],
  'cluster.routing.allocation.enable': ['all', 'primaries', 'new_primaries', 'none'],
  'action.auto_create_index': null,
  'action.destructive_requires_name': null,
  'xpack.ml.max_lazy_ml_nodes': null,
  'xpack.ml.max_model_memory_limit': null,
  'xpack.ml.max_ml_node_size': null,
  'xpack.ml.use_auto_machine_memory_percent': null,
  'xpack.ml.max_open_jobs': null,
  'xpack.ml.max_machine_memory_percent': null,
  'xpack.ml.node_concurrent_job_allocations': null,
};

/**
 * Loggers.LOG_LEVEL_SETTING: a prefix setting, so every `logger.<name>` is a known, dynamic setting (Elastic's ML tests
 * raise `logger.org.elasticsearch.xpack.ml.action.TransportSetUpgradeModeAction` in their set-up). The level is not
 * checked here.
 */
function isKnownSetting(key: string): boolean {
  return key in KNOWN_SETTINGS || (key.startsWith('logger.') && key.length > 'logger.'.length);
}

/** Settings.toXContent without flat_settings: dotted keys become nested objects. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return out;
}

/** Settings.builder().loadFromMap: nested objects flatten to dotted keys; values become strings. */
function flatten(
  value: unknown,
  prefix = '',
  out: Record<string, string | null> = {},
): Record<string, string | null> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value))
      flatten(item, prefix === '' ? key : `${prefix}.${key}`, out);
  } else {
    out[prefix] = value === null ? null : String(value);
  }
  return out;
}

function applySettings(
  scope: 'persistent' | 'transient',
  current: Record<string, unknown>,
  given: unknown,
): Record<string, unknown> {
  const updates = flatten(given ?? {});
  for (const [key, value] of Object.entries(updates)) {
    if (!isKnownSetting(key)) throw illegalArgument(`${scope} setting [${key}], not recognized`);
    const allowed = KNOWN_SETTINGS[key];
    if (value !== null && allowed && !allowed.includes(value.toLowerCase())) {
      throw illegalArgument(
        `Illegal value [${value}] for setting [${key}], allowed values: [${allowed.join(', ')}]`,
      );
    }
    // A byte-size setting must parse now, not when create-job reads it.
    if (value !== null && key === 'xpack.ml.max_model_memory_limit') parseByteSize(value, key);
  }
  const next = { ...current };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** PUT /_cluster/settings. */
export const putClusterSettings: Handler = (ctx) => {
  for (const name of ['flat_settings', 'master_timeout', 'timeout']) ctx.params.get(name);
  const flatSettings = ctx.params.has('flat_settings') && ctx.params.boolean('flat_settings', false);
  const body = objectBody(requireBody(ctx), 'cluster_update_settings');
  for (const key of Object.keys(body)) {
    if (key !== 'persistent' && key !== 'transient') {
      throw esError(
        400,
        'illegal_argument_exception',
        `request [/_cluster/settings] contains unrecognized field [${key}]`,
      );
    }
  }
  return () => {
    const settings = ctx.cluster.settings;
    const persistent = applySettings('persistent', settings.persistent, body.persistent);
    const transient = applySettings('transient', settings.transient, body.transient);
    const changedPersistent = flatten(body.persistent ?? {});
    const changedTransient = flatten(body.transient ?? {});
    ctx.cluster.settings = { persistent, transient };
    ctx.cluster.saveSettings();
    const shown = (
      changed: Record<string, string | null>,
      all: Record<string, unknown>,
    ): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(changed)) if (all[key] !== undefined) out[key] = all[key];
      return flatSettings ? out : nest(out);
    };
    return {
      body: {
        acknowledged: true,
        persistent: shown(changedPersistent, persistent),
        transient: shown(changedTransient, transient),
      },
    };
  };
};

/**
 * GET /_cluster/health and /_cluster/health/{index}: one node, so replicas are unassigned (yellow). With
 * `level=indices` (or `shards`) each index's health is listed under `indices`, hidden ones included
 * (ClusterHealthRequest's default IndicesOptions.lenientExpandHidden).
 */
export const clusterHealth: Handler = (ctx) => {
  const index = ctx.params.get('index');
  const waitFor = ctx.params.get('wait_for_status');
  const level = parseHealthLevel(ctx.params.get('level'));
  for (const name of [
    'timeout',
    'master_timeout',
    'local',
    'wait_for_active_shards',
    'wait_for_nodes',
    'wait_for_events',
    'wait_for_no_relocating_shards',
    'wait_for_no_initializing_shards',
    'expand_wildcards',
  ]) {
    ctx.params.get(name);
  }
  if (waitFor !== undefined && !(STATUS_ORDER as readonly string[]).includes(waitFor.toLowerCase())) {
    throw illegalArgument(`unknown cluster health status [${waitFor}]`);
  }
  return () => {
    const documents = ctx.cluster.documents;
    const targets = index === undefined ? documents.resolve('*') : documents.resolve(index);
    let unassigned = 0;
    for (const { index: name } of targets) unassigned += documents.shardCopies(name) - 1;
    const primaries = targets.length;
    const status = unassigned > 0 ? 'yellow' : 'green';
    // Nothing changes while waiting on one node: a wait for a better status can only time out (408).
    const timedOut =
      waitFor !== undefined &&
      STATUS_ORDER.indexOf(status) > STATUS_ORDER.indexOf(waitFor.toLowerCase() as 'green');
    return {
      status: timedOut ? 408 : 200,
      body: {
        cluster_name: 'mlclose',
        status,
        timed_out: timedOut,
        number_of_nodes: 1,
        number_of_data_nodes: 1,
        active_primary_shards: primaries,
        active_shards: primaries,
        relocating_shards: 0,
        initializing_shards: 0,
        unassigned_shards: unassigned,
        unassigned_primary_shards: 0,
        delayed_unassigned_shards: 0,
        number_of_pending_tasks: 0,
        number_of_in_flight_fetch: 0,
        task_max_waiting_in_queue_millis: 0,
        active_shards_percent_as_number:
          primaries + unassigned === 0 ? 100.0 : (100 * primaries) / (primaries + unassigned),
        ...(level === 'cluster'
          ? {}
          : {
              indices: Object.fromEntries(
                targets.map(({ index: name }) => [name, indexHealth(documents.shardCopies(name) - 1, level)]),
              ),
            }),
      },
    };
  };
};
