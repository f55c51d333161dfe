// Timestamps of posted records (DoubleDateTransformer, DateFormatDateTransformer) and the date parameters of
// post-data, flush and start datafeed (TimeUtils.dateStringToEpoch).
import { esError } from './error-envelope.js';

// Long.MAX_VALUE (2^63 - 1) is not a double; as a number it rounds to 2^63.
const LONG_MAX = 2 ** 63;

/** Double.parseDouble: Java's trim, an optional f/d suffix, NaN and Infinity; undefined where Java throws. */
export function javaParseDouble(text: string): number | undefined {
  // String.trim drops every char <= U+0020 at both ends.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: String.trim's set starts at U+0000.
  const trimmed = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/gu, '');
  const match = /^([+-]?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/u.exec(trimmed);
  if (!match) return undefined;
  const [, sign, body] = match;
  if (body === 'NaN') return Number.NaN;
  const value = body === 'Infinity' ? Number.POSITIVE_INFINITY : Number(body);
  return sign === '-' ? -value : value;
}

/** Java's (long) cast of a double: NaN is 0, the rest truncates and saturates. */
function toLong(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.max(-LONG_MAX - 1, Math.min(LONG_MAX, Math.trunc(value)));
}

type Part = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; width: number };

function tokenize(pattern: string): Part[] | undefined {
  const parts: Part[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) return undefined;
      parts.push({ kind: 'literal', text: end === i + 1 ? "'" : pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/u.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      parts.push({ kind: 'field', letter: c, width: j - i });
      i = j;
    } else {
      parts.push({ kind: 'literal', text: c });
      i++;
    }
  }
  return parts;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

interface CompiledPattern {
  regex: RegExp;
  fields: string[];
}

const compiled = new Map<string, CompiledPattern | null>();

/** A java.time pattern of the common letters (y u M d H m s S X Z and literals) as a regex; null if unsupported. */
function compile(pattern: string): CompiledPattern | null {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  const parts = tokenize(pattern);
  let result: CompiledPattern | null = null;
  if (parts) {
    let source = '^';
    const fields: string[] = [];
    let ok = true;
    for (const part of parts) {
      if (part.kind === 'literal') {
        source += escapeRegex(part.text);
        continue;
      }
      const { letter, width } = part;
      fields.push(letter);
      if (letter === 'y' || letter === 'u') source += width === 2 ? '(\\d{2})' : '([+-]?\\d{4,9})';
      else if ('MdHms'.includes(letter)) source += width === 1 ? '(\\d{1,2})' : `(\\d{${width}})`;
      else if (letter === 'S') source += `(\\d{${width}})`;
      else if (letter === 'X') source += '(Z|[+-]\\d{2}(?::?\\d{2})?)';
      else if (letter === 'Z') source += '([+-]\\d{4}|Z)';
      else ok = false;
    }
    if (ok) result = { regex: new RegExp(`${source}$`, 'u'), fields };
  }
  compiled.set(pattern, result);
  return result;
}

function offsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function parsePattern(text: string, pattern: string): number | undefined {
  const compiledPattern = compile(pattern);
  if (!compiledPattern) return undefined;
  const match = compiledPattern.regex.exec(text);
  if (!match) return undefined;
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let offset = 0;
  compiledPattern.fields.forEach((letter, index) => {
    const value = match[index + 1]!;
    if (letter === 'y' || letter === 'u') year = value.length === 2 ? 2000 + Number(value) : Number(value);
    else if (letter === 'M') month = Number(value);
    else if (letter === 'd') day = Number(value);
    else if (letter === 'H') hour = Number(value);
    else if (letter === 'm') minute = Number(value);
    else if (letter === 's') second = Number(value);
    else if (letter === 'S') millis = Math.trunc(Number(`0.${value}`) * 1000);
    else offset = offsetMinutes(value);
  });
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return utc - offset * 60_000;
}

/** strict_date_optional_time: an ISO date with optional time, fraction and offset (UTC when absent). */
export function parseIsoDate(text: string): number | undefined {
  const match =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/u.exec(
      text,
    );
  if (!match) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', fraction = '0', zone = 'Z'] = match;
  const pattern = "yyyy-MM-dd'T'HH:mm:ss";
  const base = parsePattern(`${y}-${mo}-${d}T${h}:${mi}:${s}`, pattern);
  if (base === undefined) return undefined;
  return base + Math.trunc(Number(`0.${fraction}`) * 1000) - offsetMinutes(zone) * 60_000;
}

const ISO_FORMATS = new Set(['strict_date_optional_time', 'date_optional_time', 'iso8601', 'date_time']);

/**
 * The epoch milliseconds of a record's time field under `data_description.time_format`, or undefined when it
 * cannot be parsed (the record then counts as an invalid date).
 */
export function parseTimestamp(text: string, timeFormat: string): number | undefined {
  if (timeFormat === 'epoch' || timeFormat === 'epoch_ms') {
    const value = javaParseDouble(text);
    if (value === undefined) return undefined;
    return toLong(timeFormat === 'epoch' ? value * 1000 : value);
  }
  if (ISO_FORMATS.has(timeFormat)) return parseIsoDate(text);
  return parsePattern(text, timeFormat);
}

/** TimeUtils.dateStringToEpoch: a number (seconds when at most 10 characters), or an ISO date; -1 otherwise. */
export function dateStringToEpoch(text: string): number {
  if (/^[+-]?\d+$/u.test(text)) {
    const value = Number(text);
    if (Math.abs(value) <= LONG_MAX) return text.trim().length <= 10 ? value * 1000 : value;
  }
  return parseIsoDate(text) ?? -1;
}

/**
 * A date parameter of post data, flush and start datafeed (TimeRange, FlushJobParams, DatafeedParams): `now`,
 * or what dateStringToEpoch reads; the parse_exception of REST_INVALID_DATETIME_PARAMS otherwise.
 */
export function epochParam(name: string, value: string): number {
  if (value === 'now') return Date.now();
  const epoch = dateStringToEpoch(value);
  if (epoch < 0) {
    throw esError(
      400,
      'parse_exception',
      `Query param [${name}] with value [${value}] cannot be parsed as a date or converted to a number (epoch).`,
    );
  }
  return epoch;
}
