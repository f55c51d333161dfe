// The datafeed configuration of a create-datafeed request: DatafeedConfig.Builder's validation and defaults.
import type { PersistedDatafeed } from '../cluster/store.js';
import { esError, illegalArgument } from './error-envelope.js';
import { invalidIdMessage, isValidId } from './job-id.js';
import { asDouble } from './json-writer.js';

/**
 * DatafeedConfig.Builder.build: id and field validation while parsing (400 before 403, as CJ-SEC-006 orders
 * close's checks).
 */
export function buildDatafeed(
  id: string,
  input: Record<string, unknown>,
  /** The request's indices options (query parameters), used when the body has none. */
  indicesOptions?: Record<string, unknown>,
): PersistedDatafeed['config'] {
  if (input.datafeed_id !== undefined && input.datafeed_id !== id) {
    throw illegalArgument(
      `Inconsistent datafeed_id; '${String(input.datafeed_id)}' specified in the body differs from '${id}' specified as a URL argument`,
    );
  }
  if (!isValidId(id)) throw esError(400, 'status_exception', invalidIdMessage('datafeed_id', id));
  if (typeof input.job_id !== 'string') throw illegalArgument('[job_id] must not be null.');
  const indices = datafeedIndices(input.indices ?? input.indexes);
  const { datafeed_id: _id, job_id, indices: _indices, indexes: _indexes, ...rest } = input;
  setMaxEmptySearches(rest, rest.max_empty_searches);
  if (rest.indices_options === undefined && indicesOptions !== undefined) {
    rest.indices_options = indicesOptions;
  }
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

/** Messages.DATAFEED_CONFIG_INVALID_OPTION_VALUE: the 400 of a datafeed option with a value it refuses. */
function invalidOption(option: string, shown: string): Error {
  return esError(400, 'status_exception', `Invalid ${option} value '${shown}' in datafeed configuration`);
}

/**
 * DatafeedConfig.Builder.setIndices (create and update): a non-empty list of non-empty names. declareStringArray also
 * takes a single string (ObjectParser's array fields accept one value).
 */
export function datafeedIndices(given: unknown): string[] {
  const indices = typeof given === 'string' ? [given] : given;
  if (
    !Array.isArray(indices) ||
    indices.length === 0 ||
    indices.some((index) => typeof index !== 'string' || index === '')
  ) {
    throw invalidOption('indices', JSON.stringify(given ?? null));
  }
  return indices as string[];
}

/** MessageFormat (Locale.ROOT) shows a number with its digits grouped: `-1,000`. */
function invalidMaxEmptySearches(value: number): Error {
  return invalidOption(
    'max_empty_searches',
    new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(value),
  );
}

/**
 * DatafeedConfig.Builder.setMaxEmptySearches, for a create and for an update applied (DatafeedUpdate.apply): -1 means
 * none, 0 and other negative values are refused. A value that is not a number is kept as given.
 */
export function setMaxEmptySearches(config: Record<string, unknown>, value: unknown): void {
  if (value === undefined) return;
  if (value === -1) delete config.max_empty_searches;
  else if (typeof value === 'number' && value <= 0) throw invalidMaxEmptySearches(value);
  else config.max_empty_searches = value;
}

/** DatafeedUpdate.Builder.setMaxEmptySearches, while the update is parsed: 0 and values below -1 are refused. */
export function checkMaxEmptySearchesUpdate(value: unknown): void {
  if (typeof value === 'number' && (value < -1 || value === 0)) throw invalidMaxEmptySearches(value);
}

/** Every `boost` of a query is a float in Elasticsearch, written with its fraction (`"boost": 1.0`). */
function renderQuery(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renderQuery);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === 'boost' ? asDouble(item) : renderQuery(item);
  }
  return out;
}

/** The datafeed as written on the wire (query boosts as floats). */
export function renderDatafeed(config: PersistedDatafeed['config']): PersistedDatafeed['config'] {
  return config.query === undefined ? config : { ...config, query: renderQuery(config.query) };
}
