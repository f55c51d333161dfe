// The oracle's own model of close-job id expansion, written from the requirements CJ-EXPAND-* and CJ-MATCH-* (not
// from any server's code): tokenising (CJ-EXPAND-001), what is searched (CJ-EXPAND-002/003/005), required-match
// rules (CJ-MATCH-001/002/004).

/** Java's String.trim(): strips every char <= U+0020 at both ends. */
export function javaTrim(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
  return value.slice(start, end);
}

/** CJ-EXPAND-001: split on ',', trim each token, drop empty tokens. */
export function tokenize(expression: string): string[] {
  return expression
    .split(',')
    .map(javaTrim)
    .filter((token) => token.length > 0);
}

/** CJ-EXPAND-004: no tokens, or exactly one token that is `_all` or `*`. */
export function isAll(tokens: readonly string[]): boolean {
  return tokens.length === 0 || (tokens.length === 1 && (tokens[0] === '_all' || tokens[0] === '*'));
}

/** CJ-EXPAND-002, CJ-EXPAND-007: a token is a wildcard only if it contains `*`. */
export function isWildcard(token: string): boolean {
  return token.includes('*');
}

/** A `*` glob (any run of characters, anywhere, any number of times); everything else literal. */
export function globMatches(pattern: string, value: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === value;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!value.startsWith(first)) return false;
  let position = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = value.indexOf(parts[i]!, position);
    if (found < 0) return false;
    position = found + parts[i]!.length;
  }
  return value.length - position >= last.length && value.endsWith(last);
}

/**
 * The search's wildcard query (Lucene WildcardQuery): `*` any run of characters, `?` exactly one character, `\`
 * makes the next character literal (a trailing `\` is itself). CJ-EXPAND-002.
 */
export function wildcardQueryMatches(pattern: string, value: string): boolean {
  type Part = { kind: 'any' } | { kind: 'one' } | { kind: 'literal'; char: string };
  const parts: Part[] = [];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') parts.push({ kind: 'any' });
    else if (c === '?') parts.push({ kind: 'one' });
    else if (c === '\\' && i + 1 < chars.length) parts.push({ kind: 'literal', char: chars[++i]! });
    else parts.push({ kind: 'literal', char: c });
  }
  const text = [...value];
  // reachable[j]: the parts so far can consume exactly text[0..j).
  let reachable = text.map(() => false).concat(false);
  reachable[0] = true;
  for (const part of parts) {
    const next = text.map(() => false).concat(false);
    for (let j = 0; j <= text.length; j++) {
      if (part.kind === 'any') next[j] = reachable[j]! || (j > 0 && next[j - 1]!);
      else if (j > 0 && reachable[j - 1])
        next[j] = part.kind === 'one' || (part.kind === 'literal' && text[j - 1] === part.char);
    }
    reachable = next;
  }
  return reachable[text.length]!;
}

/** What the model needs to know about a job to expand expressions. */
export interface ExpandableJob {
  readonly id: string;
  readonly groups: readonly string[];
}

/** The result of an expansion: the sorted, distinct job ids, or the unmatched required tokens. */
export type Expansion =
  | { readonly kind: 'matched'; readonly ids: string[] }
  | { readonly kind: 'not-found'; readonly missing: string[]; readonly reason: string };

/** The search: a terms query for an exact token, a wildcard query for a `*` token (CJ-EXPAND-002). */
function searchMatches(token: string, name: string): boolean {
  return isWildcard(token) ? wildcardQueryMatches(token, name) : token === name;
}

/** The required-match check (ExpandedIdsMatcher, Regex.simpleMatch): only `*` is special. CJ-MATCH-001/002. */
function requiredMatches(token: string, name: string): boolean {
  return isWildcard(token) ? globMatches(token, name) : token === name;
}

/**
 * CJ-EXPAND-002/003 and CJ-MATCH-001/002: expand an expression against jobs. Exact tokens are always required;
 * wildcard tokens (and the "all" expression, as `*`) only when allow_no_match is false. Matching is case-sensitive,
 * on ids and groups. The search and the required-match check read a `*` token differently: `?` and `\` are
 * special in the search only (JobConfigProvider.expandJobsIds, ExpandedIdsMatcher).
 */
export function expand(expression: string, jobs: readonly ExpandableJob[], allowNoMatch: boolean): Expansion {
  const tokens = tokenize(expression);
  if (isAll(tokens)) {
    const ids = jobs.map((job) => job.id).sort();
    if (!allowNoMatch && ids.length === 0) {
      return { kind: 'not-found', missing: ['*'], reason: "No known job with id '*'" };
    }
    return { kind: 'matched', ids };
  }
  // The search finds the jobs; the required tokens are then checked against the ids and groups of what it found.
  const hits = jobs.filter((job) =>
    tokens.some(
      (token) => searchMatches(token, job.id) || job.groups.some((group) => searchMatches(token, group)),
    ),
  );
  const matched = new Set(hits.map((job) => job.id));
  const names = new Set(hits.flatMap((job) => [job.id, ...job.groups]));
  const missing = tokens.filter(
    (token) =>
      (!isWildcard(token) || !allowNoMatch) && ![...names].some((name) => requiredMatches(token, name)),
  );
  if (missing.length > 0) {
    return { kind: 'not-found', missing, reason: `No known job with id '${missing.join(',')}'` };
  }
  return { kind: 'matched', ids: [...matched].sort() };
}
