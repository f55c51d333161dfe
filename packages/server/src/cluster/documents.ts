// The smallest document store the supporting APIs need: index, get and count documents in the cluster's
// indices, resolved through names, aliases and `*` patterns as IndexNameExpressionResolver does for them.
// Writes are visible at once (a count sees unrefreshed documents; refresh has nothing to do).
import { illegalArgument, type JavaClass, otherApiError } from '../rules/error-envelope.js';
import { indexNotFound } from '../rules/index-name.js';
import { nodeCrypto } from '../node-crypto.js';
import type { PersistedDocument, PersistedIndex, Store } from './store.js';

export interface AliasMeta {
  filter?: Record<string, unknown>;
  is_write_index?: boolean;
  is_hidden?: boolean;
}

export interface StoredDocument {
  source: Record<string, unknown>;
  version: number;
  seqNo: number;
}

export interface IndexResult {
  index: string;
  id: string;
  version: number;
  seqNo: number;
  created: boolean;
  shards: number;
}

function globToRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/gu, '\\$&').replace(/\*/gu, '.*');
  return new RegExp(`^${escaped}$`, 'u');
}

const VERSION_CONFLICT: JavaClass = {
  name: 'org.elasticsearch.index.engine.VersionConflictEngineException',
  elasticsearch: true,
};

/** UUIDs.base64UUID: 20 url-safe characters, the shape of Elasticsearch's auto-generated ids. */
function autoId(): string {
  return nodeCrypto().randomBytes(15).toString('base64url');
}

export class Documents {
  private readonly docs = new Map<string, Map<string, StoredDocument>>();
  private readonly nextSeqNo = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly indices: Map<string, PersistedIndex>,
    private readonly createIndex: (name: string, body: Record<string, unknown>) => void,
  ) {}

  /** Loads persisted documents (startup). */
  load(documents: PersistedDocument[]): void {
    for (const doc of documents) {
      this.docsOf(doc.index).set(doc.id, { source: doc.source, version: doc.version, seqNo: doc.seq_no });
      this.nextSeqNo.set(doc.index, Math.max(this.nextSeqNo.get(doc.index) ?? 0, doc.seq_no + 1));
    }
  }

  private docsOf(index: string): Map<string, StoredDocument> {
    let docs = this.docs.get(index);
    if (docs === undefined) {
      docs = new Map();
      this.docs.set(index, docs);
    }
    return docs;
  }

  /** Forgets an index's documents (the index was deleted). */
  dropIndex(index: string): void {
    this.docs.delete(index);
    this.nextSeqNo.delete(index);
  }

  clear(): void {
    this.docs.clear();
    this.nextSeqNo.clear();
  }

  aliasesOf(index: string): Record<string, AliasMeta> {
    const aliases = this.indices.get(index)?.body.aliases;
    return aliases !== null && typeof aliases === 'object' ? (aliases as Record<string, AliasMeta>) : {};
  }

  /** The indices an alias points to, in creation order. */
  aliasIndices(alias: string): string[] {
    const out: string[] = [];
    for (const name of this.indices.keys()) if (this.aliasesOf(name)[alias] !== undefined) out.push(name);
    return out;
  }

  /** Every (alias, index) pair. */
  allAliases(): [string, string][] {
    const out: [string, string][] = [];
    for (const name of this.indices.keys())
      for (const alias of Object.keys(this.aliasesOf(name))) out.push([alias, name]);
    return out;
  }

  hasAlias(alias: string): boolean {
    return this.aliasIndices(alias).length > 0;
  }

  /** Adds or removes an alias of an index, persisting the index. */
  setAlias(index: string, alias: string, meta: AliasMeta | null): void {
    const entry = this.indices.get(index);
    if (!entry) return;
    // In place: the shared results index gains an alias per job, and copying the map on every create and delete
    // made a fleet of n jobs cost n² (the body is the server's own, parsed from the create-index request).
    const current = entry.body.aliases;
    if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      const aliases = current as Record<string, AliasMeta>;
      if (meta === null) delete aliases[alias];
      else aliases[alias] = meta;
    } else if (meta !== null) {
      entry.body = { ...entry.body, aliases: { [alias]: meta } };
    }
    this.store.putIndex(entry);
  }

  /**
   * Resolves a comma-separated expression of names, aliases and `*` patterns to concrete indices, with the
   * alias filters that apply. A missing concrete name is a 404 unless `ignoreUnavailable`.
   */
  resolve(
    expression: string,
    options: { ignoreUnavailable?: boolean } = {},
  ): { index: string; filter?: Record<string, unknown> }[] {
    const tokens =
      expression === '' || expression === '_all' ? ['*'] : expression.split(',').filter((t) => t !== '');
    const out = new Map<string, { index: string; filter?: Record<string, unknown> }>();
    const add = (index: string, filter?: Record<string, unknown>): void => {
      if (!out.has(index)) out.set(index, filter ? { index, filter } : { index });
      else if (!filter) out.set(index, { index });
    };
    for (const token of tokens) {
      if (token.includes('*')) {
        const regex = globToRegex(token);
        for (const name of this.indices.keys()) {
          if (regex.test(name)) add(name);
          for (const [alias, meta] of Object.entries(this.aliasesOf(name)))
            if (regex.test(alias)) add(name, meta.filter);
        }
        continue;
      }
      if (this.indices.has(token)) {
        add(token);
        continue;
      }
      const viaAlias = this.aliasIndices(token);
      if (viaAlias.length > 0) {
        for (const name of viaAlias) add(name, this.aliasesOf(name)[token]!.filter);
        continue;
      }
      if (!options.ignoreUnavailable) throw indexNotFound(token);
    }
    return [...out.values()];
  }

  /** The one index a single-document read goes to (a name or an alias of exactly one index). */
  private readIndex(name: string): string {
    if (this.indices.has(name)) return name;
    const viaAlias = this.aliasIndices(name);
    if (viaAlias.length === 0) throw indexNotFound(name);
    if (viaAlias.length > 1) {
      throw illegalArgument(
        `alias [${name}] has more than one index associated with it [${viaAlias.join(', ')}], can't execute a single index op`,
      );
    }
    return viaAlias[0]!;
  }

  /** The index a write goes to: a name, or an alias with one index or a write index; auto-creates a name. */
  private writeIndex(name: string): string {
    if (this.indices.has(name)) return name;
    const viaAlias = this.aliasIndices(name);
    if (viaAlias.length === 1) return viaAlias[0]!;
    if (viaAlias.length > 1) {
      const write = viaAlias.find((index) => this.aliasesOf(index)[name]!.is_write_index === true);
      if (write !== undefined) return write;
      throw illegalArgument(
        `no write index is defined for alias [${name}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index`,
      );
    }
    // action.auto_create_index: a document into a missing index creates it.
    this.createIndex(name, {});
    return name;
  }

  /** The number of shard copies of an index's writes: the primary and its replicas (default 1 replica). */
  shardCopies(index: string): number {
    const settings = this.indices.get(index)?.body.settings as Record<string, unknown> | undefined;
    const flat = settings?.['index.number_of_replicas'];
    const nested = (settings?.index as Record<string, unknown> | undefined)?.number_of_replicas;
    const replicas = Number(flat ?? nested ?? settings?.number_of_replicas ?? 1);
    return 1 + (Number.isFinite(replicas) && replicas >= 0 ? replicas : 1);
  }

  /** Indexes a document; `create` refuses to overwrite (the _create API and op_type=create). */
  index(name: string, id: string | undefined, source: Record<string, unknown>, create: boolean): IndexResult {
    const index = this.writeIndex(name);
    const docs = this.docsOf(index);
    const docId = id ?? autoId();
    const previous = docs.get(docId);
    if (previous && create) {
      throw otherApiError(
        409,
        'version_conflict_engine_exception',
        VERSION_CONFLICT,
        `[${docId}]: version conflict, document already exists (current version [${previous.version}])`,
        { metadata: { index_uuid: this.indices.get(index)!.uuid, shard: '0', index } },
      );
    }
    const seqNo = this.nextSeqNo.get(index) ?? 0;
    this.nextSeqNo.set(index, seqNo + 1);
    const stored: StoredDocument = { source, version: (previous?.version ?? 0) + 1, seqNo };
    docs.set(docId, stored);
    this.store.putDocument({ index, id: docId, source, version: stored.version, seq_no: seqNo });
    return {
      index,
      id: docId,
      version: stored.version,
      seqNo,
      created: previous === undefined,
      shards: this.shardCopies(index),
    };
  }

  /** The document, or undefined; the concrete index is returned either way. */
  get(name: string, id: string): { index: string; doc: StoredDocument | undefined } {
    const index = this.readIndex(name);
    return { index, doc: this.docs.get(index)?.get(id) };
  }

  delete(index: string, id: string): void {
    if (this.docs.get(index)?.delete(id)) this.store.deleteDocument(index, id);
  }

  /** Deletes the documents of an index that match `predicate`; returns how many. */
  deleteWhere(index: string, predicate: (id: string, doc: StoredDocument) => boolean): number {
    const docs = this.docs.get(index);
    if (!docs) return 0;
    let deleted = 0;
    for (const [id, doc] of [...docs]) {
      if (!predicate(id, doc)) continue;
      docs.delete(id);
      this.store.deleteDocument(index, id);
      deleted++;
    }
    return deleted;
  }

  /** Every document of an index, in insertion order. */
  entries(index: string): [string, StoredDocument][] {
    return [...(this.docs.get(index) ?? new Map<string, StoredDocument>())];
  }
}
