// Property: the server's TimeValue port accepts exactly what the spec's Duration pattern accepts
// (CJ-DUR-001 to CJ-DUR-006, CJ-DUR-008 to CJ-DUR-010), over random ASCII strings built
// from the characters that matter.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDuration } from '@mlclose/schema';
import { EsError } from '../src/rules/error-envelope.js';
import { formatTimeValue, parseTimeValue } from '../src/rules/duration.js';

function accepts(value: string): boolean {
  try {
    parseTimeValue(value, 'timeout');
    return true;
  } catch (error) {
    if (error instanceof EsError) return false;
    throw error;
  }
}

const piece = fc.constantFrom(
  '0',
  '1',
  '5',
  '9',
  '30',
  '-',
  '+',
  '.',
  ' ',
  '\t',
  'e',
  'm',
  'M',
  's',
  'S',
  'ms',
  'h',
  'H',
  'd',
  'D',
  'nanos',
  'micros',
  'x',
  '9223372036854775807',
  '9223372036854775808',
  '00',
  '-1',
  'w',
);

describe('Duration', () => {
  it('parseTimeValue accepts a string exactly when the spec pattern does', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')),
        (value) => {
          expect(accepts(value), JSON.stringify(value)).toBe(isDuration(value));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every accepted value formats back to a short form without throwing', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -1n, max: 10n ** 12n }),
        fc.constantFrom('nanos', 'micros', 'ms', 's', 'm', 'h', 'd'),
        (n, unit) => {
          const text = formatTimeValue(parseTimeValue(`${n}${unit}`, 'timeout'));
          expect(text).toMatch(/^(?:-1|0s|[0-9]+(?:\.[0-9])?(?:E[0-9]+)?(?:nanos|micros|ms|s|m|h|d))$/u);
        },
      ),
      { numRuns: 500 },
    );
  });
});
