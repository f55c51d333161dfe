// The detail levels of the cluster health API (ClusterStatsLevel) and the health of one index on a one-node
// cluster (ClusterIndexHealth): one primary shard, always active; its replicas can never be assigned.
import { illegalArgument } from './error-envelope.js';

export type HealthLevel = 'cluster' | 'indices' | 'shards';
export type HealthStatus = 'green' | 'yellow' | 'red';

/** ClusterStatsLevel.of: `cluster`, `indices` or `shards`, any case; absent is `cluster`. */
export function parseHealthLevel(value: string | undefined): HealthLevel {
  if (value === undefined) return 'cluster';
  for (const level of ['cluster', 'indices', 'shards'] as const) {
    if (level === value.toLowerCase()) return level;
  }
  throw illegalArgument(
    `level parameter must be one of [cluster] or [indices] or [shards] but was [${value}]`,
  );
}

/**
 * ClusterIndexHealth.toXContent for an index with one primary and `replicas` replicas on one node; with
 * level `shards`, ClusterShardHealth of its one shard under `shards`.
 */
export function indexHealth(replicas: number, level: HealthLevel): Record<string, unknown> {
  const status: HealthStatus = replicas > 0 ? 'yellow' : 'green';
  const counts = {
    active_shards: 1,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: replicas,
    unassigned_primary_shards: 0,
  };
  return {
    status,
    number_of_shards: 1,
    number_of_replicas: replicas,
    active_primary_shards: 1,
    ...counts,
    ...(level === 'shards' ? { shards: { '0': { status, primary_active: true, ...counts } } } : {}),
  };
}
