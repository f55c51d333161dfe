// Post data and flush on an opened job (TransportPostDataAction, TransportFlushJobAction and
// AutodetectProcessManager): the job must have a task, and a process, which only an `opened` job has here.
import type { StoredJob } from './store.js';
import {
  alignToCeil,
  alignToFloor,
  openDataStream,
  writeRecords,
  type DataCounts,
  type DataJobConfig,
  type DataStream,
} from '../rules/data-counts.js';
import { toMillis, parseTimeValue } from '../rules/duration.js';
import { conflict, esError, illegalArgument } from '../rules/error-envelope.js';
import { epochParam } from '../rules/timestamps.js';
import type { Cluster, JobEntry } from './cluster.js';
import { persistDataCounts, readDataCounts } from './ml-indices.js';

/** AnalysisConfig.analysisFields without `mlcategory`, then the data description's time settings. */
export function dataJobConfig(job: StoredJob): DataJobConfig {
  const analysis = job.analysis_config as unknown as Record<string, unknown>;
  const fields = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string' && value !== '' && value !== 'mlcategory') fields.add(value);
  };
  for (const detector of (analysis.detectors as Record<string, unknown>[] | undefined) ?? []) {
    add(detector.by_field_name);
    add(detector.over_field_name);
    add(detector.partition_field_name);
  }
  for (const influencer of (analysis.influencers as unknown[] | undefined) ?? []) add(influencer);
  add(analysis.categorization_field_name);
  for (const detector of (analysis.detectors as Record<string, unknown>[] | undefined) ?? [])
    add(detector.field_name);
  add(analysis.summary_count_field_name);
  const description = (job.data_description ?? {}) as Record<string, unknown>;
  const span = (value: unknown, name: string, fallback: number): number =>
    typeof value === 'string' ? toMillis(parseTimeValue(value, name)) : fallback;
  return {
    jobId: job.job_id,
    bucketSpanMs: span(analysis.bucket_span, 'analysis_config.bucket_span', 300_000),
    latencyMs: span(analysis.latency, 'analysis_config.latency', 0),
    timeField: typeof description.time_field === 'string' ? description.time_field : 'time',
    timeFormat: typeof description.time_format === 'string' ? description.time_format : 'epoch_ms',
    analysisFields: [...fields],
  };
}

/** TransportJobTaskAction.doExecute, then the process lookup of AutodetectProcessManager. */
function processOf(job: JobEntry | undefined, id: string, what: string): NonNullable<JobEntry['task']> {
  const task = job?.task;
  if (!job || !task) throw conflict(`Cannot perform requested action because job [${id}] is not open`);
  if (task.state !== 'opened') {
    throw conflict(`Cannot ${what} because job [${id}] does not have a corresponding autodetect process`);
  }
  return task;
}

function stream(cluster: Cluster, job: JobEntry, task: NonNullable<JobEntry['task']>): DataStream {
  task.data ??= openDataStream(dataJobConfig(job.config), readDataCounts(cluster, job.config));
  return task.data;
}

/** An empty parameter is epoch 0 here, as TimeRange and FlushJobParams read it. */
function epochOrZero(name: string, value: string): number {
  return value === '' ? 0 : epochParam(name, value);
}

/** TimeRange.Builder.build: the start and end of a reset or interim range, in epoch seconds. */
export function timeRange(start: string, end: string): { start?: number; end?: number } {
  if (start !== '') {
    const epochStart = Math.trunc(epochOrZero('start', start) / 1000);
    let epochEnd = Math.trunc(epochOrZero('end', end) / 1000);
    if (end === '' || epochEnd === epochStart) epochEnd = epochStart + 1;
    if (epochEnd < epochStart) {
      throw illegalArgument(`Invalid time range: end time '${end}' is earlier than start time '${start}'.`);
    }
    return { start: epochStart, end: epochEnd };
  }
  return end === '' ? {} : { end: Math.trunc(epochOrZero('end', end) / 1000) };
}

export interface PostDataOptions {
  resetStart: string;
  resetEnd: string;
}

/** Counts a body of records for an opened job; answers the counts of this upload. */
export function postData(cluster: Cluster, id: string, body: Buffer, options: PostDataOptions): DataCounts {
  const job = cluster.jobEntry(id);
  const task = processOf(job, id, 'process data');
  // A reset range only tells the process which buckets to forget; nothing is modelled, so it is only checked.
  timeRange(options.resetStart, options.resetEnd);
  const data = stream(cluster, job!, task);
  const now = Date.now();
  const config = dataJobConfig(job!.config);
  const counts = writeRecords(config, data, body, now);
  persistDataCounts(cluster, job!.config, data.total, now);
  return counts;
}

export interface FlushOptions {
  calcInterim: boolean;
  start: string;
  end: string;
  advanceTime: string;
  skipTime: string;
}

/** Flushes an opened job; answers the end of the last finalized bucket, in epoch ms, or undefined. */
export function flushJob(cluster: Cluster, id: string, options: FlushOptions): number | undefined {
  const job = cluster.jobEntry(id);
  const task = processOf(job, id, 'flush');
  const range = timeRange(options.start, options.end);
  // FlushJobParams.Builder.checkValidFlushArgumentsCombination.
  if (!options.calcInterim) {
    if (range.start !== undefined) throw illegalArgument("Invalid flush parameters: unexpected 'start'.");
    if (range.end !== undefined) throw illegalArgument("Invalid flush parameters: unexpected 'end'.");
  } else if (range.start === undefined && range.end !== undefined) {
    throw illegalArgument("Invalid flush parameters: 'start' has not been specified.");
  }
  const advance =
    options.advanceTime === ''
      ? undefined
      : Math.trunc(epochParam('advance_time', options.advanceTime) / 1000);
  const skip =
    options.skipTime === '' ? undefined : Math.trunc(epochParam('skip_time', options.skipTime) / 1000);
  if (advance !== undefined && skip !== undefined && advance <= skip) {
    throw esError(
      400,
      'status_exception',
      `advance_time [${options.advanceTime}] must be later than skip_time [${options.skipTime}]`,
    );
  }
  const data = stream(cluster, job!, task);
  const span = dataJobConfig(job!.config).bucketSpanMs;
  // The process finalizes every bucket before the latest record's bucket, skips to the bucket after
  // skip_time, and finalizes the buckets that end by advance_time.
  let end = data.lastFinalizedBucketEndMs;
  const latest = data.total.latest_record_timestamp;
  if (latest !== undefined) end = Math.max(end, alignToFloor(latest, span));
  if (skip !== undefined) end = Math.max(end, alignToCeil(skip * 1000, span));
  if (advance !== undefined) end = Math.max(end, alignToFloor(advance * 1000, span));
  data.lastFinalizedBucketEndMs = end;
  return end > 0 ? end : undefined;
}
