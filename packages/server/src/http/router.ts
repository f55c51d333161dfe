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

const SLASH = 0x2f;

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

/** One path position of the route trie: its literal segments, and the parameter segment if any. */
interface TrieNode<H> {
  /** Few per position, so they are compared in place with the path: no segment strings are cut to look them up. */
  readonly literals: { readonly segment: string; readonly node: TrieNode<H> }[];
  param: TrieNode<H> | undefined;
  /** The routes that end here, in declaration order, with their parameter names by segment (null: literal). */
  readonly routes: { readonly route: Route<H>; readonly params: readonly (string | null)[] }[];
}

function trieNode<H>(): TrieNode<H> {
  return { literals: [], param: undefined, routes: [] };
}

export class Router<H> {
  /**
   * The routes as a trie (Elasticsearch's PathTrie), walked over the raw path without splitting it: comparing
   * the path with every route of its length, after splitting it, was 3.4 % of the server's time in the bench's
   * close.
   */
  private readonly root: TrieNode<H> = trieNode();

  add(path: string, handlers: Partial<Record<Method, H>>): this {
    const route: Route<H> = { segments: splitPath(path), handlers };
    const params = route.segments.map((s) => (isParam(s) ? s.slice(1, -1) : null));
    let node = this.root;
    for (const segment of route.segments) {
      if (isParam(segment)) {
        node.param ??= trieNode();
        node = node.param;
      } else {
        let next = node.literals.find((literal) => literal.segment === segment)?.node;
        if (next === undefined) {
          next = trieNode();
          node.literals.push({ segment, node: next });
        }
        node = next;
      }
    }
    node.routes.push({ route, params });
    return this;
  }

  /**
   * Every route matching the path, most specific first: at each segment a literal beats a parameter, and routes
   * of the same shape keep their declaration order. The path's segments are those of splitPath.
   */
  match(rawPath: string): RouteMatch<H>[] {
    let end = rawPath.length;
    while (end > 0 && rawPath.charCodeAt(end - 1) === SLASH) end--;
    const start = rawPath.charCodeAt(0) === SLASH ? 1 : 0;
    const matches: RouteMatch<H>[] = [];
    collect(this.root, rawPath, start, end, 0, [], matches);
    return matches;
  }
}

/**
 * Matches the segments of `path[at, end)` below `node`, depth first, the literal branch before the parameter
 * branch, so the matches come out most specific first. `bounds` holds the start and end of the `depth` segments
 * above.
 */
function collect<H>(
  node: TrieNode<H>,
  path: string,
  at: number,
  end: number,
  depth: number,
  bounds: number[],
  into: RouteMatch<H>[],
): void {
  // `end` is never just after a `/`, so `at` reaches it only when no segment is left.
  if (at >= end) {
    for (const { route, params } of node.routes) {
      const rawParams: Record<string, string> = {};
      for (let i = 0; i < params.length; i++) {
        const name = params[i];
        if (name !== null && name !== undefined)
          rawParams[name] = path.slice(bounds[2 * i], bounds[2 * i + 1]);
      }
      into.push({ route, rawParams });
    }
    return;
  }
  let slash = path.indexOf('/', at);
  if (slash < 0 || slash > end) slash = end;
  bounds[2 * depth] = at;
  bounds[2 * depth + 1] = slash;
  for (const literal of node.literals) {
    if (literal.segment.length === slash - at && path.startsWith(literal.segment, at)) {
      collect(literal.node, path, slash + 1, end, depth + 1, bounds, into);
      break;
    }
  }
  if (node.param !== undefined) collect(node.param, path, slash + 1, end, depth + 1, bounds, into);
}

/** Allowed methods over all matching routes, in declaration order. */
export function allowedMethods<H>(matches: RouteMatch<H>[]): Method[] {
  const set = new Set<Method>();
  for (const { route } of matches)
    for (const method of Object.keys(route.handlers) as Method[]) set.add(method);
  return METHOD_ORDER.filter((method) => set.has(method));
}
