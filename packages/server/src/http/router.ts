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
  /** The route's parameter names, in path order. */
  readonly paramNames: readonly string[];
  /** Their raw (still percent-encoded) values, in the same order. */
  readonly rawValues: readonly string[];
}

/** The route find() chose, with its handler for the method. */
export interface FoundRoute<H> extends RouteMatch<H> {
  readonly handler: H;
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

/** A route where it ends in the trie, with where its parameters are. */
interface RouteEntry<H> {
  readonly route: Route<H>;
  readonly paramNames: readonly string[];
  /** The segment position of each parameter. */
  readonly paramDepths: readonly number[];
}

/** One path position of the route trie: its literal segments, and the parameter segment if any. */
interface TrieNode<H> {
  /** Few per position, so they are compared in place with the path: no segment strings are cut to look them up. */
  readonly literals: { readonly segment: string; readonly node: TrieNode<H> }[];
  param: TrieNode<H> | undefined;
  /** The routes that end here, in declaration order. */
  readonly routes: RouteEntry<H>[];
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
  /**
   * The start and end of each segment on the way down, two slots per trie level (the deepest route's segments,
   * plus the level below its end), reused by every lookup: a lookup runs to its end without yielding.
   */
  private bounds = new Int32Array(2);
  /**
   * find()'s stack of the parameter branches it passed on its way down, to come back to if the literal way finds
   * no route: their nodes, and the depth and path position of each (two slots per trie level).
   */
  private readonly pendingNodes: TrieNode<H>[] = [];
  private pendingAt = new Int32Array(2);

  add(path: string, handlers: Partial<Record<Method, H>>): this {
    const route: Route<H> = { segments: splitPath(path), handlers };
    const paramNames: string[] = [];
    const paramDepths: number[] = [];
    let node = this.root;
    route.segments.forEach((segment, depth) => {
      if (isParam(segment)) {
        paramNames.push(segment.slice(1, -1));
        paramDepths.push(depth);
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
    });
    node.routes.push({ route, paramNames, paramDepths });
    const slots = 2 * (route.segments.length + 1);
    if (this.bounds.length < slots) {
      this.bounds = new Int32Array(slots);
      this.pendingAt = new Int32Array(slots);
    }
    return this;
  }

  /**
   * Every route matching the path, most specific first: at each segment a literal beats a parameter, and routes
   * of the same shape keep their declaration order. The path's segments are those of splitPath.
   */
  match(rawPath: string): RouteMatch<H>[] {
    const matches: RouteMatch<H>[] = [];
    this.walk(rawPath, matches);
    return matches;
  }

  /**
   * The first route of match() that has a handler for the method, or undefined: the walk stops there, so the
   * routes after it are neither visited nor cut out of the path.
   */
  find(rawPath: string, method: Method): FoundRoute<H> | undefined {
    // A loop, not the recursive walk of match(): the parameter branches passed on the way down wait on a stack,
    // and are taken only when the literal way finds no route with the method. A segment is compared by cutting
    // it out once its length matches a literal's: startsWith at an offset took about 25 ns a call, and the
    // recursive walk cost a third of the pipeline's time for a close (in process).
    const { bounds, pendingNodes, pendingAt } = this;
    const end = pathEnd(rawPath);
    let at = rawPath.charCodeAt(0) === SLASH ? 1 : 0;
    let node = this.root;
    let depth = 0;
    let waiting = 0;
    for (;;) {
      if (at < end) {
        const slash = segmentEnd(rawPath, at, end);
        bounds[2 * depth] = at;
        bounds[2 * depth + 1] = slash;
        const literal = literalChild(node, rawPath, at, slash);
        const { param } = node;
        const next = literal ?? param;
        if (next !== undefined) {
          if (literal !== undefined && param !== undefined) {
            pendingNodes[waiting] = param;
            pendingAt[2 * waiting] = depth + 1;
            pendingAt[2 * waiting + 1] = slash + 1;
            waiting++;
          }
          node = next;
          at = slash + 1;
          depth++;
          continue;
        }
      } else {
        for (const entry of node.routes) {
          const handler = entry.route.handlers[method];
          if (handler !== undefined) return foundRoute(entry, handler, rawPath, bounds);
        }
      }
      // A dead end: back to the last parameter branch passed, if any.
      if (waiting === 0) return undefined;
      waiting--;
      node = pendingNodes[waiting]!;
      depth = pendingAt[2 * waiting]!;
      at = pendingAt[2 * waiting + 1]!;
    }
  }

  private walk(rawPath: string, into: RouteMatch<H>[]): void {
    const start = rawPath.charCodeAt(0) === SLASH ? 1 : 0;
    collect(this.root, rawPath, start, pathEnd(rawPath), 0, this.bounds, into);
  }
}

/** The end of a raw path without its trailing slashes (splitPath drops the empty segments they make). */
function pathEnd(rawPath: string): number {
  let end = rawPath.length;
  while (end > 0 && rawPath.charCodeAt(end - 1) === SLASH) end--;
  return end;
}

/** Where the segment starting at `at` ends: its `/`, or `end`. */
function segmentEnd(path: string, at: number, end: number): number {
  const slash = path.indexOf('/', at);
  return slash < 0 || slash > end ? end : slash;
}

/** The child of `node` for the literal segment `path[at, slash)`, if it has one. */
function literalChild<H>(
  node: TrieNode<H>,
  path: string,
  at: number,
  slash: number,
): TrieNode<H> | undefined {
  const length = slash - at;
  for (const literal of node.literals) {
    if (literal.segment.length === length && literal.segment === path.slice(at, slash)) return literal.node;
  }
  return undefined;
}

function rawValuesOf<H>(entry: RouteEntry<H>, path: string, bounds: Int32Array): string[] {
  const { paramDepths } = entry;
  // Sized once: pushing onto an empty array gives it room for 17.
  const rawValues = new Array<string>(paramDepths.length);
  for (let i = 0; i < paramDepths.length; i++) {
    const d = paramDepths[i]!;
    rawValues[i] = path.slice(bounds[2 * d], bounds[2 * d + 1]);
  }
  return rawValues;
}

function foundRoute<H>(entry: RouteEntry<H>, handler: H, path: string, bounds: Int32Array): FoundRoute<H> {
  return {
    route: entry.route,
    paramNames: entry.paramNames,
    rawValues: rawValuesOf(entry, path, bounds),
    handler,
  };
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
  bounds: Int32Array,
  into: RouteMatch<H>[],
): void {
  // `end` is never just after a `/`, so `at` reaches it only when no segment is left.
  if (at >= end) {
    for (const entry of node.routes) {
      into.push({
        route: entry.route,
        paramNames: entry.paramNames,
        rawValues: rawValuesOf(entry, path, bounds),
      });
    }
    return;
  }
  const slash = segmentEnd(path, at, end);
  bounds[2 * depth] = at;
  bounds[2 * depth + 1] = slash;
  const next = literalChild(node, path, at, slash);
  if (next !== undefined) collect(next, path, slash + 1, end, depth + 1, bounds, into);
  if (node.param) collect(node.param, path, slash + 1, end, depth + 1, bounds, into);
}

/** Allowed methods over all matching routes, in declaration order. */
export function allowedMethods<H>(matches: readonly RouteMatch<H>[]): Method[] {
  const set = new Set<Method>();
  for (const { route } of matches)
    for (const method of Object.keys(route.handlers) as Method[]) set.add(method);
  return METHOD_ORDER.filter((method) => set.has(method));
}
