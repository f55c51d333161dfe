// The supporting index APIs: create and delete (datafeeds need their indices to exist to start).
import { esError } from '../../rules/error-envelope.js';
import { indexAlreadyExists, indexNotFound, validateIndexName } from '../../rules/index-name.js';
import { objectBody, type Handler } from './request.js';

export const createIndex: Handler = (ctx) => {
  const name = ctx.params.get('index') ?? '';
  for (const param of ['wait_for_active_shards', 'timeout', 'master_timeout']) ctx.params.get(param);
  const body = ctx.body === null ? {} : objectBody(ctx.body, 'create_index');
  for (const key of Object.keys(body)) {
    if (key !== 'settings' && key !== 'mappings' && key !== 'aliases') {
      throw esError(400, 'parse_exception', `unknown key [${key}] for create index`);
    }
  }
  return () => {
    validateIndexName(name);
    const uuid = ctx.cluster.indexUuid(name);
    if (uuid !== undefined) throw indexAlreadyExists(name, uuid);
    ctx.cluster.createIndex(name, body);
    return { body: { acknowledged: true, shards_acknowledged: true, index: name } };
  };
};

export const deleteIndex: Handler = (ctx) => {
  const expression = ctx.params.get('index') ?? '';
  for (const param of [
    'allow_no_indices',
    'expand_wildcards',
    'ignore_unavailable',
    'timeout',
    'master_timeout',
  ]) {
    ctx.params.get(param);
  }
  return () => {
    const names = expression.split(',').filter((name) => name.length > 0);
    for (const name of names) {
      if (!ctx.cluster.hasIndex(name)) throw indexNotFound(name);
    }
    for (const name of names) ctx.cluster.deleteIndex(name);
    return { body: { acknowledged: true } };
  };
};
