// The few queries the count API understands: match_all, match_none, term, terms, ids, exists,
// constant_score and bool. Anything else is Elasticsearch's `unknown query` parsing_exception.
import { type EsError, type JavaClass, otherApiError } from './error-envelope.js';

const PARSING_EXCEPTION: JavaClass = {
  name: 'org.elasticsearch.common.ParsingException',
  elasticsearch: true,
};

/** ParsingException, the query DSL's (and the search body's) parse error. */
export function parsingException(reason: string): EsError {
  return otherApiError(400, 'parsing_exception', PARSING_EXCEPTION, reason);
}

export type Query = (id: string, source: Record<string, unknown>) => boolean;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function malformed(name: string): never {
  throw parsingException(`[${name}] query malformed, no start_object after query name`);
}

/** The values of a dotted field in a source document (objects are walked, arrays flattened). */
function valuesOf(source: unknown, path: string): unknown[] {
  let current: unknown[] = [source];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value)) {
        for (const item of value) if (isObject(item) && part in item) next.push(item[part]);
      } else if (isObject(value) && part in value) next.push(value[part]);
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

function sameTerm(value: unknown, term: unknown): boolean {
  return value !== null && value !== undefined && String(value) === String(term);
}

/** Compiles a query object (the `query` of a count body) into a predicate. */
export function compileQuery(query: unknown): Query {
  if (!isObject(query)) return malformed(String(query));
  const entries = Object.entries(query);
  if (entries.length !== 1) {
    throw parsingException('[_na] query malformed, must start with start_object');
  }
  const [name, body] = entries[0]!;
  if (!isObject(body)) return malformed(name);
  switch (name) {
    case 'match_all':
      return () => true;
    case 'match_none':
      return () => false;
    case 'term': {
      const [field, spec] = Object.entries(body).find(([key]) => key !== 'boost') ?? [];
      if (field === undefined) throw parsingException('[term] query does not support [field]');
      const term = isObject(spec) ? spec.value : spec;
      return (_id, source) => valuesOf(source, field).some((value) => sameTerm(value, term));
    }
    case 'terms': {
      const [field, list] = Object.entries(body).find(([key]) => key !== 'boost') ?? [];
      if (field === undefined || !Array.isArray(list)) {
        throw parsingException('[terms] query does not support [field]');
      }
      return (_id, source) => valuesOf(source, field).some((value) => list.some((t) => sameTerm(value, t)));
    }
    case 'ids': {
      const values = Array.isArray(body.values) ? body.values.map(String) : [];
      return (id) => values.includes(id);
    }
    case 'exists': {
      const field = String(body.field);
      return (_id, source) => valuesOf(source, field).some((value) => value !== null);
    }
    case 'constant_score':
      return compileQuery(body.filter);
    case 'bool': {
      const list = (key: string): Query[] => {
        const value = body[key];
        if (value === undefined) return [];
        return (Array.isArray(value) ? value : [value]).map(compileQuery);
      };
      const must = [...list('must'), ...list('filter')];
      const should = list('should');
      const mustNot = list('must_not');
      return (id, source) =>
        must.every((q) => q(id, source)) &&
        !mustNot.some((q) => q(id, source)) &&
        (should.length === 0 || must.length > 0 || should.some((q) => q(id, source)));
    }
    default:
      throw parsingException(`unknown query [${name}]`);
  }
}
