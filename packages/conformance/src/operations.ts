// Where the suite's supporting operations live: the method and path template of each operation, read from the
// bundled spec by operationId, so that a path is written once (in spec/openapi.yaml). Path parameters are
// percent-encoded; the close route itself is built in ./context.ts, where checks vary it on purpose.
import type { operations } from '@mlclose/schema';
import { getOperation } from '@mlclose/schema/spec';
import { escapeRegExp } from './checks/messages.js';
import type { HttpRequest } from './http.js';
import { encodeQuery, encodeSegment } from './url-encoding.js';

/** An operationId of the spec. */
export type OperationId = keyof operations;

/** Every operation but the close itself: what fixtures, cleanup and supporting checks call. */
export type SupportingOperationId = Exclude<OperationId, 'ml-close-job'>;

interface Template {
  method: string;
  template: string;
  /** The template as a regular expression and its parameter names, compiled on first use (matchOperation). */
  matcher?: { pattern: RegExp; names: string[] };
}

const templates = new Map<OperationId, Template>();

function template(operationId: OperationId): Template {
  let found = templates.get(operationId);
  if (!found) {
    const located = getOperation(operationId);
    found = { method: located.method.toUpperCase(), template: located.path };
    templates.set(operationId, found);
  }
  return found;
}

/**
 * The method and path of `operationId`: each `{name}` of the spec's path template replaced by `params[name]`,
 * percent-encoded (a `,` and a `*` stay readable: Elasticsearch decodes the segment either way), then `?query`.
 * Throws when a parameter is missing or is not in the template.
 */
export function operation(
  operationId: OperationId,
  params: Readonly<Record<string, string>> = {},
  query?: string | Readonly<Record<string, string | boolean>>,
): Pick<HttpRequest, 'method' | 'path'> {
  const { method, template: path } = template(operationId);
  const used = new Set<string>();
  const filled = path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operationId} ${path}: no value for {${name}}`);
    used.add(name);
    return encodeSegment(value);
  });
  const unused = Object.keys(params).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`${operationId} ${path}: no {${unused.join('}, {')}} in the path`);
  const search = query === undefined ? '' : typeof query === 'string' ? query : encodeQuery(query);
  return { method, path: search.length > 0 ? `${filled}?${search}` : filled };
}

/**
 * The path parameters of a request to `operationId` (decoded), or undefined when the method or the path is another
 * operation's. Throws URIError when a parameter is not valid percent-encoding.
 */
export function matchOperation(
  operationId: OperationId,
  request: Pick<HttpRequest, 'method' | 'path'>,
): Record<string, string> | undefined {
  const found = template(operationId);
  if (request.method.toUpperCase() !== found.method) return undefined;
  // Compiled once per operation: cleanup matches every request a run sends.
  found.matcher ??= compile(found.template);
  const { pattern, names } = found.matcher;
  const match = pattern.exec(request.path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
}

function compile(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      names.push(name);
      return '([^/?#]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}(?:\\?.*)?$`), names };
}
