// Elasticsearch's strict booleans (Booleans.parseBoolean, RestRequest.paramAsBoolean); CJ-BOOL-001,
// CJ-BOOL-002, CJ-BOOL-003, CJ-BOOL-004.
import { illegalArgument } from './error-envelope.js';
import { isBlank } from './java-text.js';

export function booleanMessage(value: string): string {
  return `Failed to parse value [${value}] as only [true] or [false] are allowed.`;
}

/** Booleans.parseBoolean(String): exactly `true` or `false`, case-sensitive. Throws the 400 otherwise. */
export function parseStrictBoolean(value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw illegalArgument(booleanMessage(value));
}

/**
 * RestRequest.paramAsBoolean: an absent parameter is the default, an empty value is `true` (so `?force` turns
 * it on), a whitespace-only value is the default, anything else must be exactly `true`/`false` (CJ-BOOL-001,
 * CJ-BOOL-002, CJ-BOOL-003, CJ-BOOL-004).
 */
export function parseQueryBoolean(raw: string | undefined, defaultValue: boolean): boolean {
  if (raw === undefined) return defaultValue;
  if (raw.length === 0) return true;
  if (isBlank(raw)) return defaultValue;
  return parseStrictBoolean(raw);
}

/** A JSON string given for a boolean body field: empty or whitespace is `false` (CJ-BODY-008). */
export function parseBodyBooleanString(text: string): boolean {
  if (isBlank(text)) return false;
  return parseStrictBoolean(text);
}
