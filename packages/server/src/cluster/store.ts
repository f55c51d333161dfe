// Persistence. In memory by default; with a data directory, every change is written to SQLite
// (sqlite-store.ts) before the request that made it is acknowledged.
import type { DatafeedState, Job } from '@mlclose/schema';

/** The persistent part of a job's task (CJ-STATE-001: no task means `closed`). */
export interface PersistedTask {
  state: 'opening' | 'opened' | 'closing' | 'failed';
  allocationId: number;
  /** Epoch milliseconds when the task was created, for `open_time`. */
  startedAt: number;
}

/** A job configuration as stored: the spec's Job with its id always set. */
export type StoredJob = Job & { job_id: string };

export interface PersistedJob {
  config: StoredJob;
  task: PersistedTask | null;
}

export interface PersistedDatafeed {
  config: Record<string, unknown> & { datafeed_id: string; job_id: string; indices: string[] };
  state: DatafeedState;
}

export interface PersistedIndex {
  name: string;
  uuid: string;
  body: Record<string, unknown>;
}

export interface Snapshot {
  jobs: PersistedJob[];
  datafeeds: PersistedDatafeed[];
  indices: PersistedIndex[];
  meta: Record<string, string>;
}

export interface Store {
  load(): Snapshot;
  putJob(job: PersistedJob): void;
  deleteJob(id: string): void;
  putDatafeed(datafeed: PersistedDatafeed): void;
  deleteDatafeed(id: string): void;
  putIndex(index: PersistedIndex): void;
  deleteIndex(name: string): void;
  putMeta(key: string, value: string): void;
  /** Deletes jobs, datafeeds and indices (test-control reset); keeps meta such as the cluster UUID. */
  clear(): void;
  close(): void;
}

/** The default: the cluster model in memory is the only copy. */
export class MemoryStore implements Store {
  load(): Snapshot {
    return { jobs: [], datafeeds: [], indices: [], meta: {} };
  }
  putJob(): void {}
  deleteJob(): void {}
  putDatafeed(): void {}
  deleteDatafeed(): void {}
  putIndex(): void {}
  deleteIndex(): void {}
  putMeta(): void {}
  clear(): void {}
  close(): void {}
}
