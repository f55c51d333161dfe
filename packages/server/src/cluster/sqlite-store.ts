// The SQLite store of a data directory: WAL with synchronous=FULL, so `kill -9` loses nothing acknowledged.
// Only startServer's dynamic import loads this file, so a server in memory never loads the native add-on.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  PersistedDatafeed,
  PersistedDocument,
  PersistedIndex,
  PersistedJob,
  Snapshot,
  Store,
} from './store.js';

type Kind = 'job' | 'datafeed' | 'index' | 'doc' | 'meta';

export class SqliteStore implements Store {
  readonly durable = true;
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement<[Kind, string, string]>;
  private readonly remove: Database.Statement<[Kind, string]>;
  private readonly removeDocsOf: Database.Statement<[string, string]>;

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
    // A document's key is `index/id` ('/' never occurs in an index name).
    this.removeDocsOf = this.db.prepare(
      "DELETE FROM records WHERE kind = 'doc' AND substr(id, 1, length(?)) = ?",
    );
  }

  load(): Snapshot {
    const rows = this.db.prepare('SELECT kind, id, json FROM records').all() as {
      kind: Kind;
      id: string;
      json: string;
    }[];
    const snapshot: Snapshot = { jobs: [], datafeeds: [], indices: [], documents: [], meta: {} };
    for (const row of rows) {
      if (row.kind === 'job') snapshot.jobs.push(JSON.parse(row.json) as PersistedJob);
      else if (row.kind === 'datafeed') snapshot.datafeeds.push(JSON.parse(row.json) as PersistedDatafeed);
      else if (row.kind === 'index') snapshot.indices.push(JSON.parse(row.json) as PersistedIndex);
      else if (row.kind === 'doc') snapshot.documents.push(JSON.parse(row.json) as PersistedDocument);
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
    this.db.transaction(() => {
      this.remove.run('index', name);
      this.removeDocsOf.run(`${name}/`, `${name}/`);
    })();
  }
  putDocument(document: PersistedDocument): void {
    this.upsert.run('doc', `${document.index}/${document.id}`, JSON.stringify(document));
  }
  deleteDocument(index: string, id: string): void {
    this.remove.run('doc', `${index}/${id}`);
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
