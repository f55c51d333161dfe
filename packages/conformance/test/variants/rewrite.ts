// Building blocks for variants: recognise a close request, edit its raw query string without re-encoding the
// parameters it does not touch, and rewrite JSON responses keeping Elasticsearch's ?pretty layout.
import type { ProxyRequest, ProxyResponse } from './proxy.js';

/** One raw query parameter. `value` is null for a name without `=` (`?force`). */
export interface QueryParam {
  readonly name: string;
  readonly value: string | null;
  /** The parameter as it was sent, reused verbatim when it is not edited. */
  readonly raw: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A request target split into its path and editable query parameters. */
export class Target {
  readonly path: string;
  params: QueryParam[];

  constructor(target: string) {
    const at = target.indexOf('?');
    this.path = at < 0 ? target : target.slice(0, at);
    const query = at < 0 ? '' : target.slice(at + 1);
    this.params = query
      .split('&')
      .filter((part) => part.length > 0)
      .map((raw) => {
        const eq = raw.indexOf('=');
        return {
          name: decode(eq < 0 ? raw : raw.slice(0, eq)),
          value: eq < 0 ? null : decode(raw.slice(eq + 1)),
          raw,
        };
      });
  }

  has(name: string): boolean {
    return this.params.some((p) => p.name === name);
  }

  /** The decoded value; `''` for `?name` and `?name=`; undefined when absent (last one wins). */
  get(name: string): string | undefined {
    const found = this.params.filter((p) => p.name === name).at(-1);
    return found === undefined ? undefined : (found.value ?? '');
  }

  /** Replaces every occurrence of `name` (or appends it); `null` writes `?name` without `=`. */
  set(name: string, value: string | null): this {
    const raw =
      value === null ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
    const index = this.params.findIndex((p) => p.name === name);
    const param = { name, value, raw };
    this.params = this.params.filter((p) => p.name !== name);
    if (index < 0) this.params.push(param);
    else this.params.splice(index, 0, param);
    return this;
  }

  delete(name: string): this {
    this.params = this.params.filter((p) => p.name !== name);
    return this;
  }

  rename(from: string, to: string): this {
    this.params = this.params.map((p) =>
      p.name === from
        ? {
            name: to,
            value: p.value,
            raw:
              p.value === null
                ? encodeURIComponent(to)
                : `${encodeURIComponent(to)}=${p.raw.slice(p.raw.indexOf('=') + 1)}`,
          }
        : p,
    );
    return this;
  }

  toString(): string {
    return this.params.length === 0 ? this.path : `${this.path}?${this.params.map((p) => p.raw).join('&')}`;
  }
}

const CLOSE_ROUTE = /^\/_ml\/anomaly_detectors\/([^/]*)\/_close$/;

/** A close request, decoded. */
export interface CloseRequest {
  readonly target: Target;
  /** The raw (encoded) path segment. */
  readonly segment: string;
  /** The decoded job_id expression. */
  readonly expression: string;
  /** Whether the request is in body mode (a non-empty body; CJ-MODE-004). */
  readonly bodyMode: boolean;
}

/** The close request in `request`, or undefined for any other route or method. */
export function asClose(request: ProxyRequest, method: string | null = 'POST'): CloseRequest | undefined {
  if (method !== null && request.method !== method) return undefined;
  const target = new Target(request.path);
  const match = CLOSE_ROUTE.exec(target.path);
  if (!match) return undefined;
  return {
    target,
    segment: match[1]!,
    expression: decode(match[1]!.replace(/\+/g, '%2B')),
    bodyMode: request.body.length > 0,
  };
}

/** The close request's path with another expression. */
export function withExpression(request: ProxyRequest, close: CloseRequest, expression: string): ProxyRequest {
  const segment = encodeURIComponent(expression).replace(/%2C/gi, ',').replace(/%2A/gi, '*');
  const target = new Target(request.path);
  const rebuilt = new Target(target.path.replace(`/${close.segment}/`, `/${segment}/`));
  rebuilt.params = target.params;
  return { ...request, path: rebuilt.toString() };
}

/** The request with another request target. */
export function withTarget(request: ProxyRequest, target: Target): ProxyRequest {
  return { ...request, path: target.toString() };
}

/** The expression's tokens as Elasticsearch splits them (CJ-EXPAND-001): trimmed, empty ones dropped. */
export function tokens(expression: string): string[] {
  return expression
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

/** Parses a JSON body; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON object body, or undefined. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  const value = parseJson(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

// Elasticsearch's ?pretty layout (Jackson's default pretty printer, CJ-FMT-001).
function pretty(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    const inner = `${indent}  `;
    return `[\n${value.map((item) => inner + pretty(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)} : ${pretty(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Serialises like the response it replaces: pretty when that one was pretty. */
export function serialise(value: unknown, likeBody: string): string {
  return likeBody.endsWith('\n') ? `${pretty(value, '')}\n` : JSON.stringify(value);
}

/** Rewrites a JSON response body; `edit` returns the new value (or mutates and returns nothing). */
export function rewriteJson(
  response: ProxyResponse,
  edit: (body: Record<string, unknown>) => unknown,
): ProxyResponse {
  const body = jsonObject(response.body);
  if (body === undefined) return response;
  const edited = edit(body);
  return { ...response, body: serialise(edited === undefined ? body : edited, response.body) };
}

/** The detailed error of a response (`error` is an object), or undefined. */
export function detailedError(
  response: ProxyResponse,
): { type?: unknown; reason?: unknown; root_cause?: unknown; caused_by?: unknown } | undefined {
  const error = jsonObject(response.body)?.error;
  return error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : undefined;
}

/** The error reason of a detailed error response, or undefined. */
export function reasonOf(response: ProxyResponse): string | undefined {
  const reason = detailedError(response)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/** Replaces a reason everywhere it appears (error.reason and root_cause[].reason). */
export function replaceReason(response: ProxyResponse, from: string, to: string): ProxyResponse {
  return rewriteJson(response, (body) => {
    const error = body.error as Record<string, unknown>;
    if (error.reason === from) error.reason = to;
    for (const root of (error.root_cause as Array<Record<string, unknown>> | undefined) ?? [])
      if (root.reason === from) root.reason = to;
  });
}

/** The success answer of close, with the upstream's headers. */
export function closedResponse(like: ProxyResponse, body: unknown = { closed: true }): ProxyResponse {
  return {
    status: 200,
    headers: { ...like.headers, 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' },
    body: serialise(body, like.body),
  };
}

/** The tokens a 404 "No known job with id '<tokens>'" names, or undefined for another answer. */
export function notFoundTokens(response: ProxyResponse): string[] | undefined {
  if (response.status !== 404) return undefined;
  const match = /^No known job with id '(.*)'$/s.exec(reasonOf(response) ?? '');
  return match ? match[1]!.split(',') : undefined;
}
