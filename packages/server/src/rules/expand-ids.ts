// Id expansion and required-match rules of JobConfigProvider.expandJobsIds and ExpandedIdsMatcher;
// CJ-EXPAND-001, CJ-EXPAND-002, CJ-EXPAND-003, CJ-EXPAND-004, CJ-EXPAND-005, CJ-EXPAND-006, CJ-EXPAND-007 and
// CJ-MATCH-001, CJ-MATCH-002, CJ-MATCH-003, CJ-MATCH-004, CJ-MATCH-005, CJ-MATCH-006, CJ-MATCH-007.
//
// Expansion works on an IdIndex (ids, group → members, ids sorted once between changes), so an explicit id or
// group is O(1) lookups, a wildcard with a literal prefix looks only at the sorted ids that start with it, and
// `_all` or a wildcard that starts with `*` is one linear pass, each pattern compiled once.
//
// Names (job, datafeed and group ids) are validated when they are created (MlStrings.isValidId): lower-case
// ASCII letters, digits, `-`, `_` and `.`. So no name holds `?`, `\` or a line break, and code units are code
// points; the rules below rely on it.

export type ExpandResult = { ok: true; ids: string[] } | { ok: false; unmatched: string[] };

/**
 * The names an expression can match, kept up to date by the owner: ids, the groups of each id, group → members,
 * and the ids in String.compareTo order (sorted lazily, at most once between changes).
 */
export class IdIndex {
  private readonly groupsById = new Map<string, readonly string[]>();
  private readonly membersByGroup = new Map<string, Set<string>>();
  /** Every id in String.compareTo order, or null until the next sortedIds() after a change. */
  private sorted: string[] | null = null;

  get size(): number {
    return this.groupsById.size;
  }

  has(id: string): boolean {
    return this.groupsById.has(id);
  }

  /** Is `name` the group of at least one id? */
  isGroup(name: string): boolean {
    return this.membersByGroup.has(name);
  }

  /** The groups of an id in the index. */
  groupsOf(id: string): readonly string[] {
    return this.groupsById.get(id)!;
  }

  /** The ids in a group, in the order they were added; undefined when no id has that group. */
  members(group: string): ReadonlySet<string> | undefined {
    return this.membersByGroup.get(group);
  }

  groupNames(): IterableIterator<string> {
    return this.membersByGroup.keys();
  }

  /** Adds an id with its groups, replacing what the index held for it (update job changes groups). */
  add(id: string, groups: readonly string[]): void {
    this.remove(id);
    const unique = [...new Set(groups)];
    this.groupsById.set(id, unique);
    for (const group of unique) {
      const members = this.membersByGroup.get(group);
      if (members) members.add(id);
      else this.membersByGroup.set(group, new Set([id]));
    }
    this.sorted = null;
  }

  remove(id: string): void {
    const groups = this.groupsById.get(id);
    if (groups === undefined) return;
    this.groupsById.delete(id);
    for (const group of groups) {
      const members = this.membersByGroup.get(group)!;
      members.delete(id);
      if (members.size === 0) this.membersByGroup.delete(group);
    }
    this.sorted = null;
  }

  /** The ids that start with `prefix`, in String.compareTo order: a range of the sorted ids, found by bisection. */
  *withPrefix(prefix: string): Generator<string> {
    const ids = this.sortedIds();
    let low = 0;
    let high = ids.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (ids[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < ids.length && ids[i]!.startsWith(prefix); i++) yield ids[i]!;
  }

  /** Every id in String.compareTo order. The array is shared: do not modify it. */
  sortedIds(): readonly string[] {
    // The default sort compares UTF-16 code units, exactly like String.compareTo.
    this.sorted ??= [...this.groupsById.keys()].sort();
    return this.sorted;
  }
}

/** Strings.tokenizeToStringArray(expression, ","): split, trim, drop empty tokens (CJ-EXPAND-001). */
export function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  for (const part of expression.split(',')) {
    const token = part.trim();
    if (token.length > 0) tokens.push(token);
  }
  return tokens;
}

/**
 * Strings.isAllOrWildcard: no tokens, or the single token `_all` (CJ-EXPAND-004, CJ-EXPAND-006). A single `*`
 * is "all" too, and needs no case of its own: as a wildcard it finds every id and requires some name.
 */
function isAll(tokens: readonly string[]): boolean {
  return tokens.length === 0 || (tokens.length === 1 && tokens[0] === '_all');
}

type Matcher = (name: string) => boolean;

/** A compiled pattern: what it matches, and the literal text every name it matches starts with. */
interface Pattern {
  readonly prefix: string;
  readonly matches: Matcher;
}

/**
 * A pattern whose only special character is `*` (any run), as its literal segments: the first and last are
 * anchored, the ones between are found in order, each as far left as it goes (which finds a match whenever there
 * is one). No regular expression: compiling one per request was most of the cost of a wildcard.
 */
function segmentsPattern(segments: readonly string[]): Pattern {
  const first = segments[0]!;
  if (segments.length === 1) return { prefix: first, matches: (name) => name === first };
  const last = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((segment) => segment.length > 0);
  const shortest = first.length + last.length + middle.reduce((sum, segment) => sum + segment.length, 0);
  return {
    prefix: first,
    matches: (name) => {
      if (name.length < shortest || !name.startsWith(first) || !name.endsWith(last)) return false;
      let at = first.length;
      const end = name.length - last.length;
      for (const segment of middle) {
        const found = name.indexOf(segment, at);
        if (found < 0 || found + segment.length > end) return false;
        at = found + segment.length;
      }
      return true;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/gu, '\\$&');
}

/**
 * The search's wildcard query on job_id and groups (Lucene WildcardQuery, CJ-EXPAND-002): `*` any run, `?` one
 * character, `\` the next character literally; a trailing `\` has nothing to escape and is itself.
 */
function wildcardQuery(pattern: string): Pattern {
  const chars = [...pattern];
  // The literal segments between the `*`s, escapes resolved: enough unless there is a `?`.
  const segments = [''];
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i]!;
    if (ch === '?') return regexPattern(chars, segments[0]!);
    if (ch === '*') {
      segments.push('');
      continue;
    }
    if (ch === '\\' && i + 1 < chars.length) ch = chars[++i]!;
    segments[segments.length - 1] += ch;
  }
  return segmentsPattern(segments);
}

/** A wildcard query with a `?` (one character), as a regular expression. */
function regexPattern(chars: readonly string[], prefix: string): Pattern {
  let source = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '\\' && i + 1 < chars.length) source += escapeRegExp(chars[++i]!);
    else source += escapeRegExp(ch);
  }
  const regex = new RegExp(`^${source}$`);
  return { prefix, matches: (name) => regex.test(name) };
}

/** Regex.simpleMatch, the required-match check (CJ-MATCH-002): only `*` is special. */
function simpleMatch(pattern: string): Pattern {
  return segmentsPattern(pattern.split('*'));
}

/** Does some id or group name in the index match? Only the ids that start with the pattern's prefix can. */
function matchesAnyName(pattern: Pattern, index: IdIndex): boolean {
  for (const id of index.withPrefix(pattern.prefix)) if (pattern.matches(id)) return true;
  for (const group of index.groupNames()) if (pattern.matches(group)) return true;
  return false;
}

/**
 * Expands an expression over an index (ids and group names, case-sensitive) and applies the required-match
 * rules: exact tokens always required, wildcards required only when `allowNoMatch` is false, and an "all"
 * expression requires `*` when `allowNoMatch` is false. All-or-nothing: any unmatched required token fails.
 * Ids come back unique and in String.compareTo order.
 */
export function expandIndexed(expression: string, index: IdIndex, allowNoMatch: boolean): ExpandResult {
  // The usual request names one id that is no group: it expands to itself, as the general path below finds,
  // which cost 2.3 % of the server's time in the bench's close of one job. An expression equal to a name is one
  // exact token: no valid name holds `,`, `*` or whitespace, is empty, or is `_all` (names start with a letter or
  // digit).
  if (index.has(expression) && !index.isGroup(expression)) return { ok: true, ids: [expression] };
  const tokens = tokenize(expression);
  if (isAll(tokens)) {
    // `*` simple-matches any name, so the "all" requirement fails only when there is nothing at all.
    if (!allowNoMatch && index.size === 0) return { ok: false, unmatched: ['*'] };
    return { ok: true, ids: [...index.sortedIds()] };
  }
  // A required token is satisfied by any id or group name of a job the search found
  // (ExpandedIdsMatcher.filterMatchedIds). Every id or group equal to an exact token is found. A wildcard that
  // simple-matches a name holds no `?` or `\` (no name does), so its search is the same match and finds that
  // name: the wildcard is satisfied exactly when some name in the index simple-matches it.
  const unmatched: string[] = [];
  const exact = new Set<string>();
  const searches: Pattern[] = [];
  for (const token of tokens) {
    if (token.includes('*')) {
      searches.push(wildcardQuery(token));
      if (!allowNoMatch && !matchesAnyName(simpleMatch(token), index)) unmatched.push(token);
    } else {
      exact.add(token);
      if (!index.has(token) && !index.isGroup(token)) unmatched.push(token);
    }
  }
  if (unmatched.length > 0) return { ok: false, unmatched };
  return {
    ok: true,
    ids: searches.length === 0 ? exactIds(exact, index) : searchIds(exact, searches, index),
  };
}

/** Explicit ids and groups: lookups only (closing one job by id never walks every job). */
function exactIds(exact: ReadonlySet<string>, index: IdIndex): string[] {
  const ids = new Set<string>();
  for (const token of exact) {
    if (index.has(token)) ids.add(token);
    const members = index.members(token);
    if (members) for (const id of members) ids.add(id);
  }
  return [...ids].sort();
}

/**
 * Wildcards: the ids in the ranges of the patterns' prefixes, the exact ids, and the members of the groups that
 * match. A pattern with no literal prefix (`*…`) makes it one pass over every id, which needs no sort.
 */
function searchIds(exact: ReadonlySet<string>, patterns: readonly Pattern[], index: IdIndex): string[] {
  const matches = (name: string): boolean => exact.has(name) || patterns.some((p) => p.matches(name));
  const matchedGroups = new Set<string>();
  for (const group of index.groupNames()) if (matches(group)) matchedGroups.add(group);
  if (patterns.some((pattern) => pattern.prefix === '')) {
    return index
      .sortedIds()
      .filter((id) => matches(id) || index.groupsOf(id).some((group) => matchedGroups.has(group)));
  }
  const found = new Set<string>();
  for (const token of exact) if (index.has(token)) found.add(token);
  for (const pattern of patterns)
    for (const id of index.withPrefix(pattern.prefix)) if (pattern.matches(id)) found.add(id);
  for (const group of matchedGroups) for (const id of index.members(group)!) found.add(id);
  // The default sort compares UTF-16 code units, exactly like String.compareTo.
  return [...found].sort();
}
