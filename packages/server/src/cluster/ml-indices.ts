// The indices machine learning keeps its results and state in (AnomalyDetectorsIndex, JobResultsProvider,
// JobDataDeleter): a job's results live in `.ml-anomalies-shared` (or `.ml-anomalies-custom-<name>`), read
// through the alias `.ml-anomalies-<job_id>` (filtered on job_id) and written through
// `.ml-anomalies-.write-<job_id>`; state lives in `.ml-state-000001` behind `.ml-state-write`. The only result
// the reference server writes is the data counts document, `<job_id>_data_counts` (DataCounts.documentId).
import type { Job } from '@mlclose/schema';
import { dataCountsBody, emptyDataCounts, type DataCounts } from '../rules/data-counts.js';
import type { Documents } from './documents.js';

export const STATE_INDEX = '.ml-state-000001';
export const STATE_WRITE_ALIAS = '.ml-state-write';
const RESULTS_PREFIX = '.ml-anomalies-';
const HIDDEN_SETTINGS = { index: { hidden: 'true', auto_expand_replicas: '0-1', number_of_replicas: '0' } };

export function resultsIndexOf(job: Pick<Job, 'results_index_name'>): string {
  const name = job.results_index_name ?? 'shared';
  return name === 'shared' ? `${RESULTS_PREFIX}shared` : `${RESULTS_PREFIX}custom-${name}`;
}

export function readAliasOf(jobId: string): string {
  return `${RESULTS_PREFIX}${jobId}`;
}

export function writeAliasOf(jobId: string): string {
  return `${RESULTS_PREFIX}.write-${jobId}`;
}

export function dataCountsId(jobId: string): string {
  return `${jobId}_data_counts`;
}

export interface MlIndexHost {
  documents: Documents;
  hasIndex(name: string): boolean;
  createIndex(name: string, body: Record<string, unknown>): void;
  deleteIndex(name: string): void;
}

/** Put job: the results index and the job's aliases (JobResultsProvider.createJobResultIndex). */
export function createResultsLayout(host: MlIndexHost, job: Job & { job_id: string }): void {
  const index = resultsIndexOf(job);
  if (!host.hasIndex(index)) host.createIndex(index, { settings: HIDDEN_SETTINGS });
  host.documents.setAlias(index, readAliasOf(job.job_id), {
    filter: { term: { job_id: { value: job.job_id } } },
    is_hidden: true,
  });
  host.documents.setAlias(index, writeAliasOf(job.job_id), { is_hidden: true });
}

/** Open job: the state index and its write alias (AnomalyDetectorsIndex.createStateIndexAndAliasIfNecessary). */
export function createStateLayout(host: MlIndexHost): void {
  // An existing state index (created by hand, say) only gets the write alias, if nothing has it yet.
  if (!host.hasIndex(STATE_INDEX)) host.createIndex(STATE_INDEX, { settings: HIDDEN_SETTINGS });
  if (host.documents.hasAlias(STATE_WRITE_ALIAS)) return;
  host.documents.setAlias(STATE_INDEX, STATE_WRITE_ALIAS, { is_hidden: true });
}

/**
 * Delete job (JobDataDeleter): the job's results and state documents and its aliases; a custom results index
 * left empty is deleted.
 */
export function deleteJobData(host: MlIndexHost, job: Job & { job_id: string }): void {
  const id = job.job_id;
  const index = resultsIndexOf(job);
  if (host.hasIndex(index)) {
    host.documents.deleteWhere(index, (docId, doc) => doc.source.job_id === id || docId === dataCountsId(id));
    host.documents.setAlias(index, readAliasOf(id), null);
    host.documents.setAlias(index, writeAliasOf(id), null);
    if (index !== `${RESULTS_PREFIX}shared` && host.documents.entries(index).length === 0) {
      host.deleteIndex(index);
    }
  }
  if (host.hasIndex(STATE_INDEX))
    host.documents.deleteWhere(STATE_INDEX, (docId) => docId.startsWith(`${id}_`));
}

/** The job's persisted data counts, or zeros (JobResultsProvider.dataCounts). */
export function readDataCounts(host: MlIndexHost, job: Job & { job_id: string }): DataCounts {
  const index = resultsIndexOf(job);
  if (!host.hasIndex(index)) return emptyDataCounts(job.job_id);
  const { doc } = host.documents.get(index, dataCountsId(job.job_id));
  return doc
    ? ({ ...emptyDataCounts(job.job_id), ...doc.source } as DataCounts)
    : emptyDataCounts(job.job_id);
}

/** JobDataCountsPersister.persistDataCounts: the running totals, stamped with log_time. */
export function persistDataCounts(
  host: MlIndexHost,
  job: Job & { job_id: string },
  counts: DataCounts,
  now: number,
): void {
  if (!host.hasIndex(resultsIndexOf(job))) createResultsLayout(host, job);
  counts.log_time = now;
  const body = dataCountsBody(counts) as unknown as Record<string, unknown>;
  host.documents.index(writeAliasOf(job.job_id), dataCountsId(job.job_id), body, false);
}
