// Route matching the way RestController and PathTrie do it: explicit segments beat `{param}` segments, the
// first matching route that has the method wins, and the allowed methods of a 405 are the union over every
// route matching the path (close-job-behaviour.md §7).

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

/** Splits a raw path like Java's String.split: leading `/` skipped, trailing empty segments dropped (§9.7). */
export function splitPath(rawPath: string): string[] {
  const trimmed = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  const parts = trimmed.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(path: string, handlers: Partial<Record<Method, H>>): this {
    this.routes.push({ segments: splitPath(path), handlers });
    return this;
  }

  /** Every route matching the path, most specific first. */
  match(rawPath: string): RouteMatch<H>[] {
    const parts = splitPath(rawPath);
    const matches: RouteMatch<H>[] = [];
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const rawParams: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const segment = route.segments[i]!;
        const part = parts[i]!;
        if (isParam(segment)) rawParams[segment.slice(1, -1)] = part;
        else ok = segment === part;
      }
      if (ok) matches.push({ route, rawParams });
    }
    const rank = (route: Route<H>): string => route.segments.map((s) => (isParam(s) ? '1' : '0')).join('');
    return matches.sort((a, b) =>
      rank(a.route) < rank(b.route) ? -1 : rank(a.route) > rank(b.route) ? 1 : 0,
    );
  }
}

/** Allowed methods over all matching routes, in declaration order. */
export function allowedMethods<H>(matches: RouteMatch<H>[]): Method[] {
  const set = new Set<Method>();
  for (const { route } of matches)
    for (const method of Object.keys(route.handlers) as Method[]) set.add(method);
  return METHOD_ORDER.filter((method) => set.has(method));
}
