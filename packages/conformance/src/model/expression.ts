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

/** What the model needs to know about a job to expand expressions. */
export interface ExpandableJob {
  readonly id: string;
  readonly groups: readonly string[];
}

/** The result of an expansion: the sorted, distinct job ids, or the unmatched required tokens. */
export type Expansion =
  | { readonly kind: 'matched'; readonly ids: string[] }
  | { readonly kind: 'not-found'; readonly missing: string[]; readonly reason: string };

function tokenMatchesName(token: string, name: string): boolean {
  return isWildcard(token) ? globMatches(token, name) : token === name;
}

/**
 * CJ-EXPAND-002/003 and CJ-MATCH-001/002: expand an expression against jobs. Exact tokens are always required; wildcard tokens (and the
 * "all" expression, as `*`) only when allow_no_match is false. Matching is case-sensitive, on ids and groups.
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
  const matched = new Set<string>();
  const missing: string[] = [];
  for (const token of tokens) {
    const hits = jobs.filter(
      (job) => tokenMatchesName(token, job.id) || job.groups.some((group) => tokenMatchesName(token, group)),
    );
    for (const job of hits) matched.add(job.id);
    const required = !isWildcard(token) || !allowNoMatch;
    if (required && hits.length === 0) missing.push(token);
  }
  if (missing.length > 0) {
    return { kind: 'not-found', missing, reason: `No known job with id '${missing.join(',')}'` };
  }
  return { kind: 'matched', ids: [...matched].sort() };
}
