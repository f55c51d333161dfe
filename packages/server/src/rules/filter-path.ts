// ?filter_path on success bodies (FilterPath / FilterPathBasedFilter): comma-separated dotted paths, `*` inside a
// segment, `**` for any depth, and `-` exclusions. A filter that keeps nothing gives `{}`
// (CJ-FMT-002). Error bodies are never filtered (CJ-FMT-003).
import { JavaDouble } from './json-writer.js';

type Pattern = string[];

function segmentMatches(pattern: string, key: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === key;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[\\^$.|?+()[\]{}]/gu, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'su').test(key);
}

function parse(filter: string): { include: Pattern[]; exclude: Pattern[] } {
  const include: Pattern[] = [];
  const exclude: Pattern[] = [];
  for (const raw of filter.split(',')) {
    const text = raw.trim();
    if (text.length === 0) continue;
    if (text.startsWith('-')) exclude.push(text.slice(1).split('.'));
    else include.push(text.split('.'));
  }
  return { include, exclude };
}

// Remaining patterns after stepping into `key`; `true` when a pattern is fully consumed (keep everything below).
function step(patterns: Pattern[], key: string): { next: Pattern[]; whole: boolean } {
  const next: Pattern[] = [];
  let whole = false;
  for (const pattern of patterns) {
    const [head, ...rest] = pattern;
    if (head === undefined) continue;
    if (head === '**') {
      next.push(pattern);
      const after = step([rest], key);
      next.push(...after.next);
      if (after.whole || rest.length === 0) whole = true;
      continue;
    }
    if (!segmentMatches(head, key)) continue;
    if (rest.length === 0) whole = true;
    else next.push(rest);
  }
  return { next, whole };
}

function include(value: unknown, patterns: Pattern[]): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => include(item, patterns)).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value === null || typeof value !== 'object' || value instanceof JavaDouble) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // A field without a value is not written, so it is not there to keep (a job's empty finished_time).
    if (item === undefined) continue;
    const { next, whole } = step(patterns, key);
    if (whole) out[key] = item;
    else if (next.length > 0) {
      const kept = include(item, next);
      if (kept !== undefined) out[key] = kept;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function exclude(value: unknown, patterns: Pattern[]): unknown {
  if (Array.isArray(value)) return value.map((item) => exclude(item, patterns));
  if (value === null || typeof value !== 'object' || value instanceof JavaDouble) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const { next, whole } = step(patterns, key);
    if (whole) continue;
    out[key] = next.length > 0 ? exclude(item, next) : item;
  }
  return out;
}

/** Applies a filter_path expression to a success body. */
export function applyFilterPath(body: unknown, filter: string): unknown {
  const { include: includes, exclude: excludes } = parse(filter);
  let result = body;
  if (includes.length > 0) result = include(result, includes) ?? {};
  if (excludes.length > 0) result = exclude(result, excludes);
  return result;
}
