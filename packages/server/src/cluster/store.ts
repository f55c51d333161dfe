// Persistence. In memory by default; with a data directory, every change is written to SQLite (WAL,
// synchronous=FULL) before the request that made it is acknowledged, so `kill -9` loses nothing acknowledged.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DatafeedState, Job } from '@mlclose/schema';

/** The persistent part of a job's task (§3.1: no task means `closed`). */
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

type Kind = 'job' | 'datafeed' | 'index' | 'meta';

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement<[Kind, string, string]>;
  private readonly remove: Database.Statement<[Kind, string]>;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'mlclose.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsync'd at every commit, so an acknowledged change survives kill -9 and power loss.
    this.db.pragma('synchronous = FULL');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, id))',
    );
    this.upsert = this.db.prepare(
      'INSERT INTO records (kind, id, json) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET json = excluded.json',
    );
    this.remove = this.db.prepare('DELETE FROM records WHERE kind = ? AND id = ?');
  }

  load(): Snapshot {
    const rows = this.db.prepare('SELECT kind, id, json FROM records').all() as {
      kind: Kind;
      id: string;
      json: string;
    }[];
    const snapshot: Snapshot = { jobs: [], datafeeds: [], indices: [], meta: {} };
    for (const row of rows) {
      if (row.kind === 'job') snapshot.jobs.push(JSON.parse(row.json) as PersistedJob);
      else if (row.kind === 'datafeed') snapshot.datafeeds.push(JSON.parse(row.json) as PersistedDatafeed);
      else if (row.kind === 'index') snapshot.indices.push(JSON.parse(row.json) as PersistedIndex);
      else snapshot.meta[row.id] = JSON.parse(row.json) as string;
    }
    return snapshot;
  }

  putJob(job: PersistedJob): void {
    this.upsert.run('job', job.config.job_id, JSON.stringify(job));
  }
  deleteJob(id: string): void {
    this.remove.run('job', id);
  }
  putDatafeed(datafeed: PersistedDatafeed): void {
    this.upsert.run('datafeed', datafeed.config.datafeed_id, JSON.stringify(datafeed));
  }
  deleteDatafeed(id: string): void {
    this.remove.run('datafeed', id);
  }
  putIndex(index: PersistedIndex): void {
    this.upsert.run('index', index.name, JSON.stringify(index));
  }
  deleteIndex(name: string): void {
    this.remove.run('index', name);
  }
  putMeta(key: string, value: string): void {
    this.upsert.run('meta', key, JSON.stringify(value));
  }
  clear(): void {
    this.db.exec("DELETE FROM records WHERE kind <> 'meta'");
  }
  close(): void {
    this.db.close();
  }
}
