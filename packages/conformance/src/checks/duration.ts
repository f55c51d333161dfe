// duration/…: the timeout as a time value: accepted forms and the exact message for each rejected one.
import type { CheckDefinition } from '../check.js';
import { accepted, rejected, slug } from './case-factories.js';
import { ILLEGAL_ARGUMENT as illegal, unitMissingMessage } from './messages.js';

export function durationChecks(): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  // [value, requirements]: the units and their case (CJ-DUR-001), whitespace (CJ-DUR-008), -1 and 0 (CJ-DUR-009),
  // and the number as Long.parseLong reads it (CJ-DUR-010).
  const valid: Array<[string, CheckDefinition['requirements']]> = [
    ['30m', ['CJ-DUR-001']],
    ['30s', ['CJ-DUR-001']],
    ['30S', ['CJ-DUR-001']],
    ['1H', ['CJ-DUR-001']],
    ['2D', ['CJ-DUR-001']],
    ['1h', ['CJ-DUR-001']],
    ['1d', ['CJ-DUR-001']],
    ['500ms', ['CJ-DUR-001']],
    ['500MS', ['CJ-DUR-001']],
    ['10nanos', ['CJ-DUR-001']],
    ['10micros', ['CJ-DUR-001']],
    ['30 m', ['CJ-DUR-008']],
    [' 5s', ['CJ-DUR-008']],
    // String.trim strips every char up to U+0020, tabs and control chars included, at both ends.
    ['\t5s\u0001', ['CJ-DUR-008']],
    ['5 \tms ', ['CJ-DUR-008']],
    ['+5s', ['CJ-DUR-010']],
    ['005s', ['CJ-DUR-010']],
    ['-1', ['CJ-DUR-009']],
    ['-01', ['CJ-DUR-009']],
    ['0', ['CJ-DUR-009']],
    ['00', ['CJ-DUR-009']],
    ['-1s', ['CJ-DUR-009']],
    ['-1ms', ['CJ-DUR-009']],
    ['-0s', ['CJ-DUR-010']],
    ['0s', ['CJ-DUR-001']],
    // Long.MAX_VALUE is still a long.
    ['9223372036854775807nanos', ['CJ-DUR-010']],
    // Long.parseLong takes any Unicode decimal digit (Character.digit): Arabic-Indic, extended Arabic-Indic,
    // Devanagari and fullwidth digits are numbers like ASCII ones (٣s is 3 seconds).
    ['٣s', ['CJ-DUR-010']],
    ['۳s', ['CJ-DUR-010']],
    ['३s', ['CJ-DUR-010']],
    ['３s', ['CJ-DUR-010']],
    ['١٥m', ['CJ-DUR-010']],
    ['+٣s', ['CJ-DUR-010']],
  ];
  for (const [value, requirements] of valid) {
    checks.push(
      accepted({
        id: `duration/valid/${slug(value)}`,
        title: `timeout=${JSON.stringify(value)} is accepted`,
        requirements,
        state: 'closed',
        request: () => ({ query: `timeout=${encodeURIComponent(value)}` }),
      }),
    );
  }
  const fractional = (v: string) => `failed to parse [${v}], fractional time values are not supported`;
  const negative = (v: string) =>
    `failed to parse setting [timeout] with value [${v}] as a time value: negative durations are not supported`;
  const junk = (v: string) => `failed to parse [${v}]`;
  // [value, requirements, message, caused_by reason]. The number before the unit is cut from the lower-cased,
  // trimmed value and read with Long.parseLong; when that fails, Double.parseDouble decides between "fractional"
  // (any Java double: exponents, a leading dot, an f/d suffix, a number too large for a long) and plain "failed to
  // parse". Either way the cause is Long.parseLong's number_format_exception `For input string: "<number>"` (CJ-DUR-005/006, TimeValue.parseTimeValue).
  const invalid: Array<[string, CheckDefinition['requirements'], (v: string) => string, string | null]> = [
    ['30', ['CJ-DUR-002'], unitMissingMessage, null],
    ['abc', ['CJ-DUR-002'], unitMissingMessage, null],
    ['', ['CJ-DUR-002'], unitMissingMessage, null],
    ['1w', ['CJ-DUR-002'], unitMissingMessage, null],
    ['1y', ['CJ-DUR-002'], unitMissingMessage, null],
    // Only -1 (-0*1) and 0 (0+) may go without a unit.
    ['-10', ['CJ-DUR-002'], unitMissingMessage, null],
    ['05', ['CJ-DUR-002'], unitMissingMessage, null],
    ['-2', ['CJ-DUR-002'], unitMissingMessage, null],
    ['-15', ['CJ-DUR-002'], unitMissingMessage, null],
    ['2-1', ['CJ-DUR-002'], unitMissingMessage, null],
    ['100', ['CJ-DUR-002'], unitMissingMessage, null],
    ['30M', ['CJ-DUR-003'], unitMissingMessage, null],
    ['30m ', ['CJ-DUR-003'], unitMissingMessage, null],
    ['-5s', ['CJ-DUR-004'], negative, null],
    ['-2s', ['CJ-DUR-004'], negative, null],
    ['-10m', ['CJ-DUR-004'], negative, null],
    // A Unicode digit is a digit for Long.parseLong: -٣ is -3, a negative duration.
    ['-٣s', ['CJ-DUR-004'], negative, null],
    // Long.MIN_VALUE still parses as a long, so it is "negative", not "fractional".
    ['-9223372036854775808s', ['CJ-DUR-004'], negative, null],
    ['1.5s', ['CJ-DUR-005'], fractional, '1.5'],
    ['0.5m', ['CJ-DUR-005'], fractional, '0.5'],
    ['1e3s', ['CJ-DUR-005'], fractional, '1e3'],
    ['1E3S', ['CJ-DUR-005'], fractional, '1e3'],
    ['.5s', ['CJ-DUR-005'], fractional, '.5'],
    ['5dd', ['CJ-DUR-005'], fractional, '5d'],
    ['99999999999999999999s', ['CJ-DUR-005'], fractional, '99999999999999999999'],
    ['9223372036854775808nanos', ['CJ-DUR-005'], fractional, '9223372036854775808'],
    ['-9223372036854775809s', ['CJ-DUR-005'], fractional, '-9223372036854775809'],
    ['1.s', ['CJ-DUR-005'], fractional, '1.'],
    ['-1.5s', ['CJ-DUR-005'], fractional, '-1.5'],
    ['1e-3s', ['CJ-DUR-005'], fractional, '1e-3'],
    ['0x1p3s', ['CJ-DUR-005'], fractional, '0x1p3'],
    // More of Double.parseDouble's grammar (FloatingDecimal.readJavaFormatString): several digits before and after
    // the dot, a signed or several-digit exponent, hexadecimal significands with a fraction, a signed or
    // several-digit binary exponent, and the f/d suffix after a binary exponent.
    ['12.5s', ['CJ-DUR-005'], fractional, '12.5'],
    ['.25s', ['CJ-DUR-005'], fractional, '.25'],
    ['1e12s', ['CJ-DUR-005'], fractional, '1e12'],
    ['1e+3s', ['CJ-DUR-005'], fractional, '1e+3'],
    ['0x10p1s', ['CJ-DUR-005'], fractional, '0x10p1'],
    ['0x12.8p1s', ['CJ-DUR-005'], fractional, '0x12.8p1'],
    ['0x1.8p1s', ['CJ-DUR-005'], fractional, '0x1.8p1'],
    ['0x1.88p1s', ['CJ-DUR-005'], fractional, '0x1.88p1'],
    ['0x.8p1s', ['CJ-DUR-005'], fractional, '0x.8p1'],
    ['0x1p-1s', ['CJ-DUR-005'], fractional, '0x1p-1'],
    ['0x1p10s', ['CJ-DUR-005'], fractional, '0x1p10'],
    ['0x1p3ds', ['CJ-DUR-005'], fractional, '0x1p3d'],
    ['xs', ['CJ-DUR-006'], junk, 'x'],
    ['1es', ['CJ-DUR-006'], junk, '1e'],
    ['e3s', ['CJ-DUR-006'], junk, 'e3'],
    ['NaNs', ['CJ-DUR-006'], junk, 'nan'],
    ['0x10s', ['CJ-DUR-006'], junk, '0x10'],
    ['1.5.5h', ['CJ-DUR-006'], junk, '1.5.5'],
    ['.s', ['CJ-DUR-006'], junk, '.'],
    ['1e+s', ['CJ-DUR-006'], junk, '1e+'],
    ['0xp1s', ['CJ-DUR-006'], junk, '0xp1'],
    ['0x1.8s', ['CJ-DUR-006'], junk, '0x1.8'],
    // Nothing or a sign alone before the unit: Long.parseLong rejects "" and "-" (CJ-DUR-010).
    ['s', ['CJ-DUR-006', 'CJ-DUR-010'], junk, ''],
    ['MS', ['CJ-DUR-006', 'CJ-DUR-010'], junk, ''],
    ['+s', ['CJ-DUR-006', 'CJ-DUR-010'], junk, '+'],
    ['-s', ['CJ-DUR-006', 'CJ-DUR-010'], junk, '-'],
    // Only decimal digits (Unicode Nd) are digits: ½ is a number (No) but not a digit, nor is a Roman numeral.
    ['½s', ['CJ-DUR-006', 'CJ-DUR-010'], junk, '½'],
    ['٣½s', ['CJ-DUR-006', 'CJ-DUR-010'], junk, '٣½'],
    // Whitespace is trimmed around the number, not inside it; U+00A0 is not trimmed (CJ-DUR-008).
    ['1 5s', ['CJ-DUR-006', 'CJ-DUR-008'], junk, '1 5'],
    ['\u00a05s', ['CJ-DUR-006', 'CJ-DUR-008'], junk, '\u00a05'],
  ];
  for (const [value, requirements, message, cause] of invalid) {
    checks.push(
      rejected({
        id: `duration/invalid/${slug(value)}`,
        title: `timeout=${JSON.stringify(value)} is 400`,
        requirements,
        request: () => ({ query: `timeout=${encodeURIComponent(value)}` }),
        expected: () => ({
          status: 400,
          type: illegal,
          reason: message(value),
          causedBy:
            cause === null
              ? null
              : { type: 'number_format_exception', reason: `For input string: "${cause}"` },
          rootCauseType: illegal,
        }),
      }),
    );
  }
  return checks;
}
