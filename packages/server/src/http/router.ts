// Route matching the way RestController and PathTrie do it: explicit segments beat `{param}` segments, the
// first matching route that has the method wins, and the allowed methods of a 405 are the union over every
// route matching the path (RestController.getValidHandlerMethodSet; CJ-ROUTE-002, CJ-ROUTE-003).

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE' | 'CONNECT';
/** RestRequest.Method declaration order, used to print `allowed: [...]` and the Allow header. */
export const METHOD_ORDER: readonly Method[] = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PATCH',
  'TRACE',
  'CONNECT',
];

export interface Route<H> {
  /** Path segments; `{name}` is a parameter. */
  readonly segments: readonly string[];
  readonly handlers: Partial<Record<Method, H>>;
}

export interface RouteMatch<H> {
  readonly route: Route<H>;
  /** Raw (still percent-encoded) parameter values. */
  readonly rawParams: Record<string, string>;
}

/**
 * Splits a raw path like Java's String.split: leading `/` skipped, trailing empty segments dropped
 * (PathTrie.retrieve).
 */
export function splitPath(rawPath: string): string[] {
  const trimmed = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  const parts = trimmed.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

interface CompiledRoute<H> {
  readonly route: Route<H>;
  /** Per segment: the parameter name, or null for a literal segment. */
  readonly params: readonly (string | null)[];
  /** '0' per literal and '1' per parameter segment: the sort key of the specificity order. */
  readonly rank: string;
}

export class Router<H> {
  /** Routes by segment count, each list in match order (rank, then declaration: the sort is stable). */
  private readonly byLength = new Map<number, CompiledRoute<H>[]>();

  add(path: string, handlers: Partial<Record<Method, H>>): this {
    const route: Route<H> = { segments: splitPath(path), handlers };
    const params = route.segments.map((s) => (isParam(s) ? s.slice(1, -1) : null));
    const rank = params.map((p) => (p === null ? '0' : '1')).join('');
    const list = this.byLength.get(params.length) ?? [];
    list.push({ route, params, rank });
    list.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    this.byLength.set(params.length, list);
    return this;
  }

  /** Every route matching the path, most specific first. */
  match(rawPath: string): RouteMatch<H>[] {
    const parts = splitPath(rawPath);
    const matches: RouteMatch<H>[] = [];
    const candidates = this.byLength.get(parts.length);
    if (candidates === undefined) return matches;
    for (const { route, params } of candidates) {
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        if (params[i] === null && route.segments[i] !== parts[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const rawParams: Record<string, string> = {};
      for (let i = 0; i < parts.length; i++) {
        const name = params[i];
        if (typeof name === 'string') rawParams[name] = parts[i]!;
      }
      matches.push({ route, rawParams });
    }
    return matches;
  }
}

/** Allowed methods over all matching routes, in declaration order. */
export function allowedMethods<H>(matches: RouteMatch<H>[]): Method[] {
  const set = new Set<Method>();
  for (const { route } of matches)
    for (const method of Object.keys(route.handlers) as Method[]) set.add(method);
  return METHOD_ORDER.filter((method) => set.has(method));
}
