// Id expansion and required-match rules of JobConfigProvider.expandJobsIds and ExpandedIdsMatcher;
// see close-job-behaviour.md §2.1–§2.4.
import { compareJava } from './did-you-mean.js';

/** Something an expression can match: a job (id and groups) or a datafeed (id only). */
export interface Expandable {
  readonly id: string;
  readonly groups?: readonly string[];
}

export type ExpandResult = { ok: true; ids: string[] } | { ok: false; unmatched: string[] };

/** Strings.tokenizeToStringArray(expression, ","): split, trim, drop empty tokens (§2.1). */
export function tokenize(expression: string): string[] {
  return expression
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

/** Strings.isAllOrWildcard: no tokens, or the single token `_all` or `*` (§2.1). */
export function isAllOrWildcard(tokens: readonly string[]): boolean {
  return tokens.length === 0 || (tokens.length === 1 && (tokens[0] === '_all' || tokens[0] === '*'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/gu, '\\$&');
}

/** The search's wildcard query: `*` any run, `?` one char (§2.1). */
function wildcardQuery(pattern: string): RegExp {
  const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegExp(ch))).join('');
  return new RegExp(`^${source}$`, 'su');
}

/** Regex.simpleMatch: only `*` is special; `?` is literal in the required-match check (§2.1). */
export function simpleMatch(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => escapeRegExp(part))
    .join('.*');
  return new RegExp(`^${source}$`, 'su').test(value);
}

/**
 * Expands an expression over `items` (ids and group names, case-sensitive) and applies the required-match
 * rules: exact tokens always required, wildcards required only when `allowNoMatch` is false, and an "all"
 * expression requires `*` when `allowNoMatch` is false. All-or-nothing: any unmatched required token fails.
 */
export function expandIds(
  expression: string,
  items: Iterable<Expandable>,
  allowNoMatch: boolean,
): ExpandResult {
  const tokens = tokenize(expression);
  const all = isAllOrWildcard(tokens);
  const exact = new Set<string>();
  const wildcards: RegExp[] = [];
  const required: string[] = [];
  if (all) {
    if (!allowNoMatch) required.push('*');
  } else {
    for (const token of tokens) {
      if (token.includes('*')) {
        wildcards.push(wildcardQuery(token));
        if (!allowNoMatch) required.push(token);
      } else {
        exact.add(token);
        required.push(token);
      }
    }
  }
  const matched: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const names = [item.id, ...(item.groups ?? [])];
    const hit =
      all || names.some((name) => exact.has(name) || wildcards.some((wildcard) => wildcard.test(name)));
    if (!hit) continue;
    matched.push(item.id);
    for (const name of names) seen.add(name);
  }
  // ExpandedIdsMatcher.filterMatchedIds: a required token is satisfied by any matched job id or group name.
  const unmatched = required.filter((token) => {
    if (token.includes('*')) {
      for (const name of seen) if (simpleMatch(token, name)) return false;
      return true;
    }
    return !seen.has(token);
  });
  if (unmatched.length > 0) return { ok: false, unmatched };
  return { ok: true, ids: [...new Set(matched)].sort(compareJava) };
}
