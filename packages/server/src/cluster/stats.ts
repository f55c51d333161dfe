// The entries of the job and datafeed stats APIs (GetJobsStatsAction.Response, GetDatafeedsStatsAction.Response).
import type { DatafeedState, JobState } from '@mlclose/schema';
import type { NodeInfo } from './cluster.js';

/** One job's stats; `task` is the job's persistent task, if it has one. */
export function jobStatsEntry(
  id: string,
  state: JobState,
  task: { startedAt: number } | null,
  node: NodeInfo,
  now: number,
): Record<string, unknown> {
  const stats: Record<string, unknown> = {
    job_id: id,
    data_counts: {
      job_id: id,
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
    },
    model_size_stats: {
      job_id: id,
      result_type: 'model_size_stats',
      model_bytes: 0,
      peak_model_bytes: 0,
      model_bytes_exceeded: 0,
      model_bytes_memory_limit: 1073741824,
      total_by_field_count: 0,
      total_over_field_count: 0,
      total_partition_field_count: 0,
      bucket_allocation_failures_count: 0,
      memory_status: 'ok',
      categorized_doc_count: 0,
      total_category_count: 0,
      frequent_category_count: 0,
      rare_category_count: 0,
      dead_category_count: 0,
      failed_category_count: 0,
      categorization_status: 'ok',
      log_time: now,
    },
    forecasts_stats: { total: 0, forecasted_jobs: 0 },
    state,
  };
  // node and open_time only while the job has a task (CJ-STATE-010).
  if (task) {
    stats.node = node;
    stats.assignment_explanation = '';
    stats.open_time = `${Math.max(0, Math.floor((now - task.startedAt) / 1000))}s`;
  }
  stats.timing_stats = { job_id: id, bucket_count: 0, total_bucket_processing_time_ms: 0 };
  return stats;
}

/** One datafeed's stats; node and assignment only while it is not stopped. */
export function datafeedStatsEntry(
  id: string,
  jobId: string,
  state: DatafeedState,
  node: NodeInfo,
): Record<string, unknown> {
  const stats: Record<string, unknown> = { datafeed_id: id, state };
  if (state !== 'stopped') {
    stats.node = node;
    stats.assignment_explanation = '';
  }
  stats.timing_stats = {
    job_id: jobId,
    search_count: 0,
    bucket_count: 0,
    total_search_time_ms: 0,
  };
  return stats;
}
