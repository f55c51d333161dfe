// RestUtils.decodeComponent and decodeQueryString: percent-decoding with Elasticsearch's error texts; `+` is a
// space only in the query string.
import { illegalArgument } from '../rules/error-envelope.js';

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

export function decodeComponent(s: string, isPath: boolean): string {
  if (!s.includes('%') && (isPath || !s.includes('+'))) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      if (i >= s.length - 2) throw illegalArgument(`unterminated escape sequence at end of string: ${s}`);
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) {
        throw illegalArgument(`invalid escape sequence \`%${s[i + 1]}${s[i + 2]}' at index ${i} of: ${s}`);
      }
      bytes.push(hi * 16 + lo);
      i += 2;
    } else if (c === 0x2b && !isPath) {
      bytes.push(0x20);
    } else {
      const codePoint = s.codePointAt(i)!;
      const ch = String.fromCodePoint(codePoint);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length - 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The parameters of an empty query string, shared (nothing changes a request's parsed query). */
const NO_PARAMS: ReadonlyMap<string, string> = new Map();

/**
 * Query parameters; a name without `=` has the value `""`; a repeated name keeps the last value
 * (RestUtils.decodeQueryString puts each pair into a map).
 */
export function decodeQueryString(query: string): ReadonlyMap<string, string> {
  if (query.length === 0) return NO_PARAMS;
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq), false);
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1), false);
    if (name.length > 0) params.set(name, value);
  }
  return params;
}
