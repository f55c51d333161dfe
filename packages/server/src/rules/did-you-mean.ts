// "did you mean" suggestions, as BaseRestHandler.unrecognized and SuggestingErrorOnUnknown compute them;
// CJ-PARAM-003 (query parameters) and CJ-BODY-002 (body fields).

/**
 * Lucene's LevenshteinDistance.getDistance: a similarity, 1 - distance / max(length), in float arithmetic.
 * Works on UTF-16 code units like Java's String.charAt.
 */
export function levenshteinSimilarity(target: string, other: string): number {
  const n = target.length;
  const m = other.length;
  if (n === 0 || m === 0) return n === m ? 1 : 0;
  let p = new Array<number>(n + 1);
  let d = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) p[i] = i;
  for (let j = 1; j <= m; j++) {
    const tj = other.charCodeAt(j - 1);
    d[0] = j;
    for (let i = 1; i <= n; i++) {
      const cost = target.charCodeAt(i - 1) === tj ? 0 : 1;
      d[i] = Math.min(Math.min(d[i - 1]! + 1, p[i]! + 1), p[i - 1]! + cost);
    }
    [p, d] = [d, p];
  }
  return Math.fround(1 - Math.fround(p[n]! / Math.max(m, n)));
}

/** Candidates scoring above 0.5, best first, ties by name (Java String order). */
export function suggestions(unknown: string, candidates: Iterable<string>): string[] {
  const scored: [number, string][] = [];
  for (const candidate of new Set(candidates)) {
    const score = levenshteinSimilarity(unknown, candidate);
    if (score > 0.5) scored.push([score, candidate]);
  }
  scored.sort((a, b) => (a[0] !== b[0] ? b[0] - a[0] : compareJava(a[1], b[1])));
  return scored.map(([, name]) => name);
}

/** String.compareTo: UTF-16 code unit order. */
export function compareJava(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function listText(keys: string[]): string {
  return keys.length === 1 ? `[${keys[0]}]` : `any of [${keys.join(', ')}]`;
}

/**
 * BaseRestHandler.unrecognized: `request [<path>] contains unrecognized parameter(s): [a] -> did you mean
 * [b]?, [c]`. Invalid names are sorted; candidates are the consumed parameters plus the response parameters.
 */
export function unrecognizedParametersMessage(
  path: string,
  invalids: Iterable<string>,
  candidates: Iterable<string>,
): string {
  const sorted = [...new Set(invalids)].sort(compareJava);
  const candidateList = [...candidates];
  const parts = sorted.map((invalid) => {
    const keys = suggestions(invalid, candidateList);
    return keys.length === 0 ? `[${invalid}]` : `[${invalid}] -> did you mean ${listText(keys)}?`;
  });
  const plural = sorted.length > 1 ? 's' : '';
  return `request [${path}] contains unrecognized parameter${plural}: ${parts.join(', ')}`;
}

/** SuggestingErrorOnUnknown.errorMessage: `[parser] unknown field [x] did you mean [y]?` (no arrow). */
export function unknownFieldMessage(parserName: string, field: string, candidates: Iterable<string>): string {
  const message = `[${parserName}] unknown field [${field}]`;
  const keys = suggestions(field, candidates);
  return keys.length === 0 ? message : `${message} did you mean ${listText(keys)}?`;
}
