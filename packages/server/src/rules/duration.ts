// TimeValue.parseTimeValue and TimeValue.toString, ported faithfully (CJ-DUR-001 to CJ-DUR-006, CJ-DUR-008 to
// CJ-DUR-011, CJ-TIMEOUT-004).
import { illegalArgument, type EsCause } from './error-envelope.js';
import { javaTrim } from './java-text.js';

export type TimeUnit = 'nanos' | 'micros' | 'ms' | 's' | 'm' | 'h' | 'd';

const NANOS_PER: Record<TimeUnit, bigint> = {
  nanos: 1n,
  micros: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
};
const LONG_MAX = 9_223_372_036_854_775_807n;
const LONG_MIN = -9_223_372_036_854_775_808n;

/** A parsed time value: a count of a unit, as Java's TimeValue keeps it. */
export interface TimeValue {
  readonly duration: bigint;
  readonly unit: TimeUnit;
}

export const MINUS_ONE: TimeValue = { duration: -1n, unit: 'ms' };
export const ZERO: TimeValue = { duration: 0n, unit: 'ms' };

function numberFormat(input: string): EsCause {
  return { type: 'number_format_exception', reason: `For input string: "${input}"` };
}

// Tested on one code unit at a time, so no anchors are needed.
const UNICODE_DIGIT = /\p{Nd}/u;

function isUnicodeDigit(code: number): boolean {
  return UNICODE_DIGIT.test(String.fromCharCode(code));
}

/**
 * Character.digit(ch, 10) for one UTF-16 code unit: the value of any Unicode decimal digit (general category Nd,
 * ASCII 0-9 included), or -1. Java reads chars, so a digit outside the BMP (a surrogate pair) is never a digit.
 * Unicode encodes every decimal digit set as contiguous runs of ten, 0 to 9, so the value is the distance from the
 * run's start mod 10.
 */
function javaDigit(code: number): number {
  if (!isUnicodeDigit(code)) return -1;
  let start = code;
  while (isUnicodeDigit(start - 1)) start--;
  return (code - start) % 10;
}

/**
 * Long.parseLong: an optional `+` or `-`, then one or more of any Unicode decimal digits (`٣` is 3, CJ-DUR-010),
 * within the range of a long. Returns undefined where Java throws NumberFormatException.
 */
export function parseJavaLong(text: string): bigint | undefined {
  const signed = text.startsWith('-') || text.startsWith('+');
  if (text.length === (signed ? 1 : 0)) return undefined;
  let digits = text.startsWith('-') ? '-' : '';
  for (let i = signed ? 1 : 0; i < text.length; i++) {
    const digit = javaDigit(text.charCodeAt(i));
    if (digit < 0) return undefined;
    digits += String(digit);
  }
  const value = BigInt(digits);
  return value > LONG_MAX || value < LONG_MIN ? undefined : value;
}

// Double.parseDouble (FloatingDecimal.readJavaFormatString) after trimming: decimal, exponent, hex (`0x1p3`,
// `0x1.8p1`), NaN, Infinity, and an optional f/F/d/D suffix. Unlike Long.parseLong it takes ASCII digits only, so
// `٣.5s` gets the plain message and a hex float the fractional one (CJ-DUR-005).
const JAVA_DOUBLE =
  /^[+-]?(?:NaN|Infinity|(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)|(?:0[xX](?:[0-9a-fA-F]+\.?|[0-9a-fA-F]*\.[0-9a-fA-F]+)[pP][+-]?[0-9]+[fFdD]?))$/u;

function parseNumber(initialInput: string, normalized: string, suffix: string, settingName: string): bigint {
  const s = javaTrim(normalized.slice(0, normalized.length - suffix.length));
  const value = parseJavaLong(s);
  if (value !== undefined) {
    // -1 is magic, every other negative value is rejected.
    if (value < -1n) {
      throw illegalArgument(
        `failed to parse setting [${settingName}] with value [${initialInput}] as a time value: negative durations are not supported`,
      );
    }
    return value;
  }
  if (JAVA_DOUBLE.test(javaTrim(s))) {
    throw illegalArgument(
      `failed to parse [${initialInput}], fractional time values are not supported`,
      numberFormat(s),
    );
  }
  throw illegalArgument(`failed to parse [${initialInput}]`, numberFormat(s));
}

/**
 * TimeValue.parseTimeValue(value, settingName). Units are checked in the order nanos, micros, ms, s, m, h, d;
 * `m` is matched case-sensitively on the raw value because `M` means months (CJ-DUR-003). Throws the 400s of
 * CJ-DUR-002 and CJ-DUR-004, CJ-DUR-005, CJ-DUR-006.
 */
export function parseTimeValue(sValue: string, settingName: string): TimeValue {
  const normalized = javaTrim(sValue.toLowerCase());
  const unitOrder: [string, TimeUnit][] = [
    ['nanos', 'nanos'],
    ['micros', 'micros'],
    ['ms', 'ms'],
    ['s', 's'],
  ];
  for (const [suffix, unit] of unitOrder) {
    if (normalized.endsWith(suffix))
      return { duration: parseNumber(sValue, normalized, suffix, settingName), unit };
  }
  if (sValue.endsWith('m')) return { duration: parseNumber(sValue, normalized, 'm', settingName), unit: 'm' };
  if (normalized.endsWith('h'))
    return { duration: parseNumber(sValue, normalized, 'h', settingName), unit: 'h' };
  if (normalized.endsWith('d'))
    return { duration: parseNumber(sValue, normalized, 'd', settingName), unit: 'd' };
  if (/^-0*1$/u.test(normalized)) return MINUS_ONE;
  if (/^0+$/u.test(normalized)) return ZERO;
  throw illegalArgument(
    `failed to parse setting [${settingName}] with value [${sValue}] as a time value: unit is missing or unrecognized`,
  );
}

/**
 * TimeValue.nanos(): saturates at Long.MAX_VALUE like Java's TimeUnit conversions (`9223372036854775807d`). A
 * parsed duration is never below -1, so the saturation at Long.MIN_VALUE can never trigger.
 */
export function toNanos(value: TimeValue): bigint {
  const nanos = value.duration * NANOS_PER[value.unit];
  return nanos > LONG_MAX ? LONG_MAX : nanos;
}

/** Milliseconds for timers; -1 stays -1. */
export function toMillis(value: TimeValue): number {
  if (value.duration < 0n) return -1;
  return Number(toNanos(value) / 1_000_000n);
}

/**
 * TimeValue.formatDecimal(value, 1) as toString() calls it: Double.toString(value) cut after one fraction digit, a
 * zero fraction elided (`1.5`, `1.9` for 1.99, `1` for 1.04). Every value it gets is at least 1 and below 10^7 (the
 * largest is 106751.9 days, Long.MAX_VALUE nanoseconds), where Double.toString and String(value) write the same
 * digits without an exponent, so neither the exponent branch nor the longer fractions of the Java method apply.
 */
function formatDecimal(value: number): string {
  const text = String(value);
  const dot = text.indexOf('.');
  if (dot === -1) return text;
  return text.charAt(dot + 1) === '0' ? text.slice(0, dot) : text.slice(0, dot + 2);
}

// TimeValue.toHumanReadableString: the largest unit the value reaches, from days down to micros; nanos otherwise.
const PRINTED_UNITS: readonly (readonly [TimeUnit, bigint])[] = [
  ['d', NANOS_PER.d],
  ['h', NANOS_PER.h],
  ['m', NANOS_PER.m],
  ['s', NANOS_PER.s],
  ['ms', NANOS_PER.ms],
  ['micros', NANOS_PER.micros],
];

/**
 * TimeValue.toString(): the short human form used in the timeout message (CJ-TIMEOUT-004): `30m`, `1.5m` for
 * 90s, `500ms`, `0s`, `-1`.
 */
export function formatTimeValue(value: TimeValue): string {
  if (value.duration < 0n) return value.duration.toString();
  const nanos = toNanos(value);
  if (nanos === 0n) return '0s';
  const [unit, size] = PRINTED_UNITS.find(([, size]) => nanos >= size) ?? ['nanos', 1n];
  return formatDecimal(Number(nanos) / Number(size)) + unit;
}
