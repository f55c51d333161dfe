// What post-data counts, and nothing more: the reference server never models data. The rules mirror
// Elasticsearch's JsonDataToProcessWriter, XContentRecordReader, AbstractDataToProcessWriter (time transform,
// out-of-order check), DataCountsReporter, DataCounts and the bucket diagnostics (DataStreamDiagnostics,
// BucketDiagnostics).
import type { DataCounts } from '@mlclose/schema';
import { esError } from './error-envelope.js';
import { JsonPullParser, JsonSyntaxError, type TokenType } from './json-position-parser.js';
import { parseTimestamp } from './timestamps.js';

/** DataCounts, as the spec describes it; the order of its fields is that of DataCounts.doXContentBody. */
export type { DataCounts };

export function emptyDataCounts(jobId: string): DataCounts {
  return {
    job_id: jobId,
    processed_record_count: 0,
    processed_field_count: 0,
    input_bytes: 0,
    input_field_count: 0,
    invalid_date_count: 0,
    missing_field_count: 0,
    out_of_order_timestamp_count: 0,
    empty_bucket_count: 0,
    sparse_bucket_count: 0,
    bucket_count: 0,
    input_record_count: 0,
  };
}

/** DataCounts.doXContentBody: the counts, then the timestamps that are set, then input_record_count, log_time. */
export function dataCountsBody(counts: DataCounts): DataCounts {
  const out: DataCounts = {
    job_id: counts.job_id,
    processed_record_count: counts.processed_record_count,
    processed_field_count: counts.processed_field_count,
    input_bytes: counts.input_bytes,
    input_field_count: counts.input_field_count,
    invalid_date_count: counts.invalid_date_count,
    missing_field_count: counts.missing_field_count,
    out_of_order_timestamp_count: counts.out_of_order_timestamp_count,
    empty_bucket_count: counts.empty_bucket_count,
    sparse_bucket_count: counts.sparse_bucket_count,
    bucket_count: counts.bucket_count,
    input_record_count: 0,
  };
  for (const key of [
    'earliest_record_timestamp',
    'latest_record_timestamp',
    'last_data_time',
    'latest_empty_bucket_timestamp',
    'latest_sparse_bucket_timestamp',
  ] as const) {
    if (counts[key] !== undefined) out[key] = counts[key];
  }
  // DataCounts.getInputRecordCount: processed + out of order + invalid dates (records with missing fields count).
  out.input_record_count =
    counts.processed_record_count + counts.out_of_order_timestamp_count + counts.invalid_date_count;
  if (counts.log_time !== undefined) out.log_time = counts.log_time;
  return out;
}

/** Intervals.alignToFloor. */
export function alignToFloor(value: number, interval: number): number {
  if (interval <= 0) return value;
  const result = Math.trunc(value / interval) * interval;
  if (result === value || value >= 0) return result;
  return result - interval;
}

/** Intervals.alignToCeil. */
export function alignToCeil(value: number, interval: number): number {
  const floor = alignToFloor(value, interval);
  return floor === value ? floor : floor + interval;
}

/** The part of a job's configuration that post-data reads. */
export interface DataJobConfig {
  jobId: string;
  bucketSpanMs: number;
  latencyMs: number;
  timeField: string;
  /** `epoch`, `epoch_ms` or a java.time pattern (data_description.time_format). */
  timeFormat: string;
  /** AnalysisConfig.analysisFields() without `mlcategory`. */
  analysisFields: string[];
}

/** BucketDiagnostics and DataStreamDiagnostics: bucket, empty-bucket and sparse-bucket counts of the stream. */
export class BucketDiagnostics {
  private static readonly MIN_BUCKETS = 10;
  private static readonly SPARSITY_THRESHOLD = 2;
  private readonly maxSize: number;
  private readonly buckets: number[];
  private movingBucketCount = 0;
  private latestBucketStartMs = -1;
  private latestBucketIndex = 0;
  private earliestBucketStartMs = -1;
  private earliestBucketIndex = 0;
  private latestFlushedBucketStartMs = -1;
  bucketCount = 0;
  emptyBucketCount = 0;
  sparseBucketCount = 0;
  latestEmptyBucketTime = -1;
  latestSparseBucketTime = -1;

  constructor(
    private readonly bucketSpanMs: number,
    latencyMs: number,
  ) {
    this.maxSize = Math.max(
      Math.trunc(alignToCeil(latencyMs, bucketSpanMs) / bucketSpanMs),
      BucketDiagnostics.MIN_BUCKETS,
    );
    this.buckets = new Array<number>(this.maxSize).fill(0);
  }

  addRecord(recordTimestampMs: number): void {
    const bucketStartMs = alignToFloor(recordTimestampMs, this.bucketSpanMs);
    if (this.latestBucketStartMs < 0) {
      this.latestBucketStartMs = bucketStartMs;
      this.earliestBucketStartMs = bucketStartMs;
    }
    this.advanceTime(bucketStartMs);
    this.addToBucket(bucketStartMs);
  }

  private advanceTime(bucketStartMs: number): void {
    while (bucketStartMs > this.latestBucketStartMs) {
      const flushIndex = (this.latestBucketIndex + 1) % this.maxSize;
      if (flushIndex === this.earliestBucketIndex) {
        this.flushBucket(flushIndex);
        this.movingBucketCount -= this.buckets[flushIndex]!;
        this.earliestBucketStartMs += this.bucketSpanMs;
        this.earliestBucketIndex = (this.earliestBucketIndex + 1) % this.maxSize;
      }
      this.buckets[flushIndex] = 0;
      this.latestBucketStartMs += this.bucketSpanMs;
      this.latestBucketIndex = flushIndex;
    }
  }

  private addToBucket(bucketStartMs: number): void {
    const offset = Math.trunc((bucketStartMs - this.latestBucketStartMs) / this.bucketSpanMs);
    let index = (this.latestBucketIndex + offset) % this.maxSize;
    if (index < 0) index += this.maxSize;
    this.buckets[index]! += 1;
    this.movingBucketCount++;
    if (bucketStartMs < this.earliestBucketStartMs) {
      this.earliestBucketStartMs = bucketStartMs;
      this.earliestBucketIndex = index;
    }
  }

  private timestampOf(index: number): number {
    let offset = this.latestBucketIndex - index;
    if (offset < 0) offset += this.maxSize;
    return this.latestBucketStartMs - offset * this.bucketSpanMs;
  }

  private flushBucket(index: number): void {
    const startMs = this.timestampOf(index);
    if (startMs <= this.latestFlushedBucketStartMs) return;
    this.latestFlushedBucketStartMs = startMs;
    const count = this.buckets[index]!;
    this.bucketCount++;
    if (count === 0) {
      this.emptyBucketCount++;
      this.latestEmptyBucketTime = startMs;
      return;
    }
    const size = Math.trunc((this.latestBucketStartMs - this.earliestBucketStartMs) / this.bucketSpanMs) + 1;
    const sparsity = Math.log(this.movingBucketCount / size) - Math.log(count);
    if (sparsity > BucketDiagnostics.SPARSITY_THRESHOLD) {
      this.sparseBucketCount++;
      this.latestSparseBucketTime = startMs;
    }
  }

  /** Flushes every bucket of the window but the latest (the end of one upload). */
  flush(): void {
    if (this.latestBucketStartMs < 0) return;
    for (let i = this.earliestBucketIndex; i !== this.latestBucketIndex; i = (i + 1) % this.maxSize) {
      this.flushBucket(i);
    }
  }

  /** Moves the counts gathered since the last call into `counts` (retrieveDiagnosticsIntermediateResults). */
  drainInto(...targets: DataCounts[]): void {
    for (const counts of targets) {
      counts.bucket_count += this.bucketCount;
      counts.empty_bucket_count += this.emptyBucketCount;
      counts.sparse_bucket_count += this.sparseBucketCount;
      if (this.latestEmptyBucketTime > (counts.latest_empty_bucket_timestamp ?? 0))
        counts.latest_empty_bucket_timestamp = this.latestEmptyBucketTime;
      if (this.latestSparseBucketTime > (counts.latest_sparse_bucket_timestamp ?? 0))
        counts.latest_sparse_bucket_timestamp = this.latestSparseBucketTime;
    }
    this.bucketCount = 0;
    this.emptyBucketCount = 0;
    this.sparseBucketCount = 0;
  }
}

/** The state of one opened job's data stream: lives as long as the job's process, as in Elasticsearch. */
export interface DataStream {
  /** The running totals (persisted as the job's data counts document). */
  total: DataCounts;
  diagnostics: BucketDiagnostics;
  /** The end of the latest bucket the process has finalized, in epoch ms; 0 when none. */
  lastFinalizedBucketEndMs: number;
}

export function openDataStream(config: DataJobConfig, total: DataCounts): DataStream {
  return {
    total: { ...total, job_id: config.jobId },
    diagnostics: new BucketDiagnostics(config.bucketSpanMs, config.latencyMs),
    lastFinalizedBucketEndMs: 0,
  };
}

/** XContentRecordReader.PARSE_ERRORS_LIMIT. */
const PARSE_ERRORS_LIMIT = 100;

function isValue(type: TokenType): boolean {
  return type.startsWith('VALUE_');
}

/**
 * Reads the records of a post-data body: a stream of JSON objects (ndjson or concatenated) or arrays of
 * them. Nested objects are flattened with `.`; arrays of scalars become comma-joined values. A record that
 * is malformed keeps the fields read before the error, and reading resumes at the next line, at most
 * 100 times before `The input JSON data is malformed.` (XContentRecordReader).
 */
export function* readRecords(body: Buffer): Generator<{ fields: Map<string, string>; fieldCount: number }> {
  let start = 0;
  let errors = 0;
  while (start < body.length) {
    const chunk = body.subarray(start);
    const parser = new JsonPullParser(chunk);
    let fields = new Map<string, string>();
    let fieldCount = 0;
    // The dotted prefix of the current nested object, and the prefix lengths to return to.
    let prefix = '';
    const prefixLengths: number[] = [];
    let inRecord = false;
    let restartAt = -1;
    try {
      for (;;) {
        let token = parser.nextToken();
        if (token === null) {
          parser.resumeRoot();
          token = parser.nextToken();
          if (token === null) break;
        }
        if (token.type === 'START_OBJECT' && !inRecord) {
          inRecord = true;
          continue;
        }
        if (token.type === 'END_OBJECT' && inRecord) {
          if (prefixLengths.length === 0) {
            yield { fields, fieldCount };
            fields = new Map();
            fieldCount = 0;
            inRecord = false;
          } else {
            prefix = prefix.slice(0, prefixLengths.pop());
          }
          continue;
        }
        if (token.type !== 'FIELD_NAME' || !inRecord) continue;
        const name = prefix + parser.name();
        const value = parser.nextToken();
        if (value === null) break;
        if (value.type === 'START_OBJECT') {
          prefixLengths.push(prefix.length);
          prefix = `${name}.`;
          continue;
        }
        fieldCount++;
        if (value.type === 'START_ARRAY') {
          // Scalars of the array, comma-joined; nested arrays and objects are skipped.
          const parts: string[] = [];
          let depth = 1;
          while (depth > 0) {
            const next = parser.nextToken();
            if (next === null) break;
            if (next.type === 'START_ARRAY' || next.type === 'START_OBJECT') depth++;
            else if (next.type === 'END_ARRAY' || next.type === 'END_OBJECT') depth--;
            else if (depth === 1 && isValue(next.type))
              parts.push(next.type === 'VALUE_NULL' ? '' : parser.text());
          }
          fields.set(name, parts.join(','));
        } else if (isValue(value.type)) {
          fields.set(name, value.type === 'VALUE_NULL' ? '' : parser.text());
        }
      }
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      errors++;
      if (errors >= PARSE_ERRORS_LIMIT) {
        throw esError(400, 'parse_exception', 'The input JSON data is malformed.');
      }
      // The record read so far is still written, as Elasticsearch does after skipping to its end.
      if (inRecord) yield { fields, fieldCount };
      restartAt = nextLineOffset(chunk, error.line);
    }
    if (restartAt < 0) return;
    start += restartAt;
  }
}

/** The byte offset of the line after 1-based `line`, or the length when there is none. */
function nextLineOffset(buf: Buffer, line: number): number {
  let offset = 0;
  for (let current = 1; current <= line; current++) {
    const newline = buf.indexOf(0x0a, offset);
    if (newline < 0) return buf.length;
    offset = newline + 1;
  }
  return offset;
}

/** The counts of one upload, and the totals updated in place (DataCountsReporter). */
export function writeRecords(
  config: DataJobConfig,
  stream: DataStream,
  body: Buffer,
  now: number,
): DataCounts {
  const total = stream.total;
  const incremental = emptyDataCounts(config.jobId);
  const inputFields = new Set(config.analysisFields);
  inputFields.add(config.timeField);
  // AbstractDataToProcessWriter.buildFieldIndexMapping: the time field doesn't count.
  const analysedFieldsPerRecord = inputFields.size - 1;
  const bucketSpanMs = config.bucketSpanMs;
  const latencySeconds = Math.trunc(config.latencyMs / 1000);
  let latestEpochMs = total.latest_record_timestamp ?? 0;
  let latestEpochMsThisUpload = 0;
  // CountingInputStream: every byte of the body is read.
  total.input_bytes += body.length;
  incremental.input_bytes += body.length;
  for (const { fields, fieldCount } of readRecords(body)) {
    const inputFieldCount = Math.max(fieldCount - 1, 0);
    let missing = 0;
    for (const field of inputFields) if (!fields.has(field)) missing++;
    if (missing > 0) {
      total.missing_field_count += missing;
      incremental.missing_field_count += missing;
    }
    const epochMs = parseTimestamp(fields.get(config.timeField) ?? '', config.timeFormat);
    if (epochMs === undefined) {
      for (const counts of [total, incremental]) {
        counts.invalid_date_count++;
        counts.input_field_count += inputFieldCount;
      }
      continue;
    }
    const latestBucketFloor = alignToFloor(latestEpochMs, bucketSpanMs);
    if (Math.trunc(epochMs / 1000) < Math.trunc(latestBucketFloor / 1000) - latencySeconds) {
      for (const counts of [total, incremental]) {
        counts.out_of_order_timestamp_count++;
        counts.input_field_count += inputFieldCount;
      }
      if (epochMs > latestEpochMsThisUpload) {
        latestEpochMsThisUpload = epochMs;
        incremental.latest_record_timestamp = epochMs;
      }
      continue;
    }
    latestEpochMs = Math.max(latestEpochMs, epochMs);
    latestEpochMsThisUpload = latestEpochMs;
    for (const counts of [total, incremental]) {
      counts.input_field_count += inputFieldCount;
      counts.processed_record_count++;
      counts.latest_record_timestamp = latestEpochMs;
    }
    if (total.earliest_record_timestamp === undefined) {
      total.earliest_record_timestamp = epochMs;
      incremental.earliest_record_timestamp = epochMs;
    }
    stream.diagnostics.addRecord(epochMs);
  }
  // DataCountsReporter.finishReporting.
  total.last_data_time = now;
  incremental.last_data_time = now;
  stream.diagnostics.flush();
  stream.diagnostics.drainInto(total, incremental);
  for (const counts of [total, incremental]) {
    // DataCounts.calcProcessedFieldCount.
    counts.processed_field_count = Math.max(
      counts.processed_record_count * analysedFieldsPerRecord - counts.missing_field_count,
      0,
    );
  }
  return dataCountsBody(incremental);
}
