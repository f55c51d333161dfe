// The datafeed configuration of a create-datafeed request: DatafeedConfig.Builder's validation and defaults.
import type { PersistedDatafeed } from '../cluster/store.js';
import { esError, illegalArgument } from './error-envelope.js';
import { invalidIdMessage, isValidId } from './job-id.js';

/**
 * DatafeedConfig.Builder.build: id and field validation while parsing (400 before 403, as CJ-SEC-006 orders
 * close's checks).
 */
export function buildDatafeed(id: string, input: Record<string, unknown>): PersistedDatafeed['config'] {
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
