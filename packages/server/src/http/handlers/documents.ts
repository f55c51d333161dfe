// The document APIs the supporting tests need: index, get, count, refresh, and the HEAD existence checks of
// indices and aliases (RestIndexAction, RestGetAction, RestCountAction, RestRefreshAction,
// RestIndicesExistsAction (as RestGetIndicesAction's HEAD), RestGetAliasesAction's HEAD).
import { esError } from '../../rules/error-envelope.js';
import { compileQuery, parsingException } from '../../rules/query.js';
import { validationFailed } from '../../rules/request-validation.js';
import { objectBody, requireBody, type Handler } from './request.js';

const INDICES_OPTIONS = ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'ignore_throttled'];

function consume(ctx: Parameters<Handler>[0], names: readonly string[]): void {
  for (const name of names) ctx.params.get(name);
}

function shards(total: number, successful = 1): Record<string, number> {
  return { total, successful, failed: 0 };
}

/** PUT/POST /{index}/_doc/{id}, POST /{index}/_doc, PUT/POST /{index}/_create/{id}. */
function indexHandler(create: boolean): Handler {
  return (ctx) => {
    const index = ctx.params.get('index') ?? '';
    const id = ctx.params.get('id');
    const opType = ctx.params.get('op_type');
    consume(ctx, [
      'refresh',
      'routing',
      'timeout',
      'version',
      'version_type',
      'if_seq_no',
      'if_primary_term',
    ]);
    consume(ctx, ['pipeline', 'wait_for_active_shards', 'require_alias', 'require_data_stream']);
    if (opType !== undefined && opType !== 'create' && opType !== 'index') {
      throw esError(
        400,
        'illegal_argument_exception',
        `opType must be 'create' or 'index', found: [${opType}]`,
      );
    }
    const source = objectBody(requireBody(ctx), 'index');
    if (id === '') throw validationFailed('if _id is specified it must not be empty');
    return () => {
      const result = ctx.cluster.documents.index(index, id, source, create || opType === 'create');
      return {
        status: result.created ? 201 : 200,
        body: {
          _index: result.index,
          _id: result.id,
          _version: result.version,
          result: result.created ? 'created' : 'updated',
          _shards: shards(result.shards),
          _seq_no: result.seqNo,
          _primary_term: 1,
        },
      };
    };
  };
}

export const indexDocument = indexHandler(false);
export const createDocument = indexHandler(true);

/** GET /{index}/_doc/{id}: realtime, so a document is visible before any refresh. */
export const getDocument: Handler = (ctx) => {
  const index = ctx.params.get('index') ?? '';
  const id = ctx.params.get('id') ?? '';
  consume(ctx, ['refresh', 'routing', 'preference', 'realtime', 'version', 'version_type', 'stored_fields']);
  consume(ctx, ['_source', '_source_includes', '_source_excludes']);
  return () => {
    const { index: concrete, doc } = ctx.cluster.documents.get(index, id);
    if (!doc) return { status: 404, body: { _index: concrete, _id: id, found: false } };
    return {
      body: {
        _index: concrete,
        _id: id,
        _version: doc.version,
        _seq_no: doc.seqNo,
        _primary_term: 1,
        found: true,
        _source: doc.source,
      },
    };
  };
};

/** GET/POST /_count and /{index}/_count, with an optional `query`. */
export const countDocuments: Handler = (ctx) => {
  const expression = ctx.params.get('index') ?? '_all';
  const ignoreUnavailable = ctx.params.boolean('ignore_unavailable', false);
  consume(ctx, ['allow_no_indices', 'expand_wildcards', 'ignore_throttled', 'routing', 'preference']);
  consume(ctx, ['min_score', 'terminate_after', 'q', 'df', 'analyzer', 'default_operator', 'lenient']);
  let query = compileQuery({ match_all: {} });
  if (ctx.body !== null) {
    const body = objectBody(ctx.body, 'count');
    for (const key of Object.keys(body)) {
      if (key !== 'query') throw parsingException(`request does not support [${key}]`);
    }
    if (body.query !== undefined) query = compileQuery(body.query);
  }
  return () => {
    const targets = ctx.cluster.documents.resolve(expression, { ignoreUnavailable });
    let count = 0;
    for (const { index, filter } of targets) {
      const aliasFilter = filter ? compileQuery(filter) : undefined;
      for (const [id, doc] of ctx.cluster.documents.entries(index)) {
        if (aliasFilter && !aliasFilter(id, doc.source)) continue;
        if (query(id, doc.source)) count++;
      }
    }
    return { body: { count, _shards: { ...shards(targets.length, targets.length), skipped: 0 } } };
  };
};

/** GET/POST /_refresh and /{index}/_refresh: writes are visible at once, so only the shard summary. */
export const refreshIndices: Handler = (ctx) => {
  const expression = ctx.params.get('index') ?? '_all';
  const ignoreUnavailable = ctx.params.boolean('ignore_unavailable', false);
  consume(ctx, ['allow_no_indices', 'expand_wildcards']);
  return () => {
    const targets = ctx.cluster.documents.resolve(expression, { ignoreUnavailable });
    let total = 0;
    for (const { index } of targets) total += ctx.cluster.documents.shardCopies(index);
    return { body: { _shards: shards(total, targets.length) } };
  };
};

/** HEAD /{index}: 200 when every name, alias or pattern resolves, 404 otherwise; never a body. */
export const indexExists: Handler = (ctx) => {
  const expression = ctx.params.get('index') ?? '';
  const ignoreUnavailable = ctx.params.boolean('ignore_unavailable', false);
  const allowNoIndices = ctx.params.boolean('allow_no_indices', true);
  consume(ctx, [...INDICES_OPTIONS, 'local', 'flat_settings', 'include_defaults', 'master_timeout']);
  return () => {
    let found: number;
    try {
      found = ctx.cluster.documents.resolve(expression, { ignoreUnavailable }).length;
    } catch {
      return { status: 404, body: null, empty: true };
    }
    return { status: found > 0 || allowNoIndices ? 200 : 404, body: null, empty: true };
  };
};

/** HEAD /_alias/{name} and /{index}/_alias/{name}: 200 when an alias matches, 404 otherwise. */
export const aliasExists: Handler = (ctx) => {
  const names = (ctx.params.get('name') ?? '').split(',').filter((name) => name !== '');
  const index = ctx.params.get('index');
  consume(ctx, [...INDICES_OPTIONS, 'local', 'master_timeout']);
  return () => {
    const documents = ctx.cluster.documents;
    let scope: Set<string> | undefined;
    if (index !== undefined) {
      try {
        scope = new Set(documents.resolve(index).map((target) => target.index));
      } catch {
        return { status: 404, body: null, empty: true };
      }
    }
    const exists = names.every((name) => {
      const pattern = new RegExp(
        `^${name.replace(/[.+?^${}()|[\]\\]/gu, '\\$&').replace(/\*/gu, '.*')}$`,
        'u',
      );
      return documents
        .allAliases()
        .some(([alias, aliasIndex]) => pattern.test(alias) && (scope === undefined || scope.has(aliasIndex)));
    });
    return { status: exists && names.length > 0 ? 200 : 404, body: null, empty: true };
  };
};
