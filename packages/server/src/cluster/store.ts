// Persistence. In memory by default; with a data directory, every change is written to SQLite
// (sqlite-store.ts) before the request that made it is acknowledged.
import type { DatafeedState, Job } from '@mlclose/schema';

/** The persistent part of a job's task (CJ-STATE-001: no task means `closed`). */
export interface PersistedTask {
  state: 'opening' | 'opened' | 'closing' | 'failed';
  allocationId: number;
  /** Epoch milliseconds when the task was created, for `open_time`. */
  startedAt: number;
  /**
   * False while a lazily opened job waits for an ML node with room for it (OpenJobPersistentTasksExecutor's
   * AWAITING_LAZY_ASSIGNMENT); absent means assigned to the node.
   */
  assigned?: false;
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

/** A document of an index (the documents store, documents.ts). */
export interface PersistedDocument {
  index: string;
  id: string;
  source: Record<string, unknown>;
  version: number;
  seq_no: number;
}

export interface Snapshot {
  jobs: PersistedJob[];
  datafeeds: PersistedDatafeed[];
  indices: PersistedIndex[];
  documents: PersistedDocument[];
  meta: Record<string, string>;
}

export interface Store {
  /** Whether the store keeps what it is given: when not, the cluster skips building the records it would write. */
  readonly durable: boolean;
  load(): Snapshot;
  putJob(job: PersistedJob): void;
  deleteJob(id: string): void;
  putDatafeed(datafeed: PersistedDatafeed): void;
  deleteDatafeed(id: string): void;
  putIndex(index: PersistedIndex): void;
  /** Deletes an index and its documents. */
  deleteIndex(name: string): void;
  putDocument(document: PersistedDocument): void;
  deleteDocument(index: string, id: string): void;
  putMeta(key: string, value: string): void;
  /** Deletes jobs, datafeeds, indices and documents (test-control reset); keeps meta such as the cluster UUID. */
  clear(): void;
  close(): void;
}

/** The default: the cluster model in memory is the only copy. */
export class MemoryStore implements Store {
  readonly durable = false;
  load(): Snapshot {
    return { jobs: [], datafeeds: [], indices: [], documents: [], meta: {} };
  }
  putJob(): void {}
  deleteJob(): void {}
  putDatafeed(): void {}
  deleteDatafeed(): void {}
  putIndex(): void {}
  deleteIndex(): void {}
  putDocument(): void {}
  deleteDocument(): void {}
  putMeta(): void {}
  clear(): void {}
  close(): void {}
}
