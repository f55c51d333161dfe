// Index names and the index errors of the create-index and delete-index APIs.
import { esError, type EsError } from './error-envelope.js';

function invalidIndexName(name: string, why: string): EsError {
  return esError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${why}`, undefined, {
    metadata: { index_uuid: '_na_', index: name },
  });
}

/** MetadataCreateIndexService.validateIndexOrAliasName and the lowercase check. */
export function validateIndexName(name: string): void {
  if (/[\\/*?"<>| ,#]/u.test(name)) {
    throw invalidIndexName(name, 'must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]');
  }
  if (name.includes(':')) throw invalidIndexName(name, "must not contain ':'");
  if (name.startsWith('_') || name.startsWith('-') || name.startsWith('+')) {
    throw invalidIndexName(name, "must not start with '_', '-', or '+'");
  }
  if (name === '.' || name === '..') throw invalidIndexName(name, "must not be '.' or '..'");
  if (name !== name.toLowerCase()) throw invalidIndexName(name, 'must be lowercase');
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > 255) throw invalidIndexName(name, `index name is too long, (${bytes} > 255)`);
}

/** ResourceAlreadyExistsException for an index, with the index metadata Elasticsearch adds. */
export function indexAlreadyExists(name: string, uuid: string): EsError {
  return esError(
    400,
    'resource_already_exists_exception',
    `index [${name}/${uuid}] already exists`,
    undefined,
    {
      metadata: { index_uuid: uuid, index: name },
    },
  );
}

/** IndexNotFoundException, with its resource and index metadata. */
export function indexNotFound(name: string): EsError {
  return esError(404, 'index_not_found_exception', `no such index [${name}]`, undefined, {
    metadata: {
      'resource.type': 'index_or_alias',
      'resource.id': name,
      index_uuid: '_na_',
      index: name,
    },
  });
}
