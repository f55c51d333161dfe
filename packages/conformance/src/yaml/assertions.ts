// The assertions of Elastic's runner (section/*Assertion.java), each with Java's comparison rules:
// - match: a `/regex/` string matches with Pattern.COMMENTS and find(); null must be null; at the top level two
//   numbers of different classes compare as doubles; below it, Java's equals (Integer 1 is not Double 1.0).
// - is_true / is_false: the value's Java toString is not (is) null, "", "false" (any case) or "0".
// - length: of a String, List or Map. gt/gte/lt/lte: Comparable values of one class (a Long against an Integer
//   widens the Integer; anything else mixed is a cast error). contains: a List holding a Map with all the
//   expected entries, or a String holding the expected String (nothing else). close_to: |actual - value| <= error.
import { compileJavaRegex } from './java-regex.js';
import {
  doubleValue,
  firstDifference,
  isMap,
  isNumber,
  javaClass,
  javaEquals,
  javaToString,
  toPlain,
  type JavaValue,
} from './java-values.js';
import type { AssertStep } from './suite.js';

/** A failed assertion, with what was expected and what was there. */
export class AssertionFailure extends Error {
  override name = 'AssertionFailure';
  constructor(
    message: string,
    readonly expected?: unknown,
    readonly actual?: unknown,
  ) {
    super(message);
  }
}

function check(condition: boolean, message: string, expected: unknown, actual: unknown): void {
  if (!condition) throw new AssertionFailure(message, toPlain(expected), toPlain(actual));
}

function isFalsy(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  const text = javaToString(value);
  return text === '' || text.toLowerCase() === 'false' || text === '0';
}

function compareJava(field: string, actual: unknown, expected: unknown): number {
  if (actual === undefined || actual === null || isMap(actual) || Array.isArray(actual))
    throw new AssertionFailure(
      `value of [${field}] is not comparable (got [${javaClass(actual)}])`,
      expected,
      toPlain(actual),
    );
  if (expected === null || isMap(expected) || Array.isArray(expected))
    throw new AssertionFailure(
      `expected value of [${field}] is not comparable (got [${javaClass(expected)}])`,
      toPlain(expected),
      toPlain(actual),
    );
  let expectedClass = javaClass(expected);
  const actualClass = javaClass(actual);
  if (actualClass === 'Long' && expectedClass === 'Integer') expectedClass = 'Long';
  if (actualClass !== expectedClass)
    throw new AssertionFailure(
      `cast error while checking [${field}]: class ${actualClass} cannot be compared with ${expectedClass}`,
      toPlain(expected),
      toPlain(actual),
    );
  if (typeof actual === 'string') {
    const e = expected as string;
    return actual < e ? -1 : actual > e ? 1 : 0;
  }
  if (typeof actual === 'boolean') return Number(actual) - Number(expected);
  if (actualClass === 'Double')
    return Math.sign(doubleValue(actual as number) - doubleValue(expected as number));
  const a = BigInt(actual as number | bigint);
  const b = BigInt(expected as number | bigint);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Top-level `match`, as MatchAssertion.assertMatches. */
export function assertMatches(field: string, actual: unknown, expected: JavaValue): void {
  if (typeof expected === 'string') {
    const trimmed = expected.trim();
    if (trimmed.length > 2 && trimmed.startsWith('/') && trimmed.endsWith('/')) {
      check(
        typeof actual === 'string',
        `field [${field}] was expected to be of type String but is an instanceof [${javaClass(actual)}]`,
        expected,
        actual,
      );
      const regex = compileJavaRegex(trimmed.slice(1, -1), { comments: true, anchored: false });
      check(
        regex.test(actual as string),
        `field [${field}] was expected to match the provided regex but didn't`,
        expected,
        actual,
      );
      return;
    }
  }
  if (expected === null) {
    check(
      actual === undefined || actual === null,
      `field [${field}] should be null but was [${javaToString(actual)}]`,
      expected,
      actual,
    );
    return;
  }
  check(actual !== undefined && actual !== null, `field [${field}] is null`, expected, actual);
  if (javaClass(actual) !== javaClass(expected) && isNumber(actual) && isNumber(expected)) {
    check(
      doubleValue(actual) === doubleValue(expected),
      `field [${field}] doesn't match the expected value`,
      expected,
      actual,
    );
    return;
  }
  if (!javaEquals(actual, expected))
    throw new AssertionFailure(
      `field [${field}] does not match the expected value (${firstDifference(actual, expected) ?? 'differs'})`,
      toPlain(expected),
      toPlain(actual),
    );
}

/** Runs one assertion against the actual value and the (already unstashed) expected value. */
export function runAssertion(step: AssertStep, actual: unknown, expected: JavaValue): void {
  const field = step.field;
  switch (step.kind) {
    case 'match':
      assertMatches(field, actual, expected);
      return;
    case 'is_true':
      check(!isFalsy(actual), `field [${field}] doesn't have a true value`, true, actual);
      return;
    case 'is_false':
      check(isFalsy(actual), `field [${field}] has a true value but it shouldn't`, false, actual);
      return;
    case 'length': {
      let want = expected;
      if (typeof want === 'string') {
        if (!/^[-+]?\d+$/.test(want.trim()))
          throw new AssertionFailure(`length is not a valid number: [${want}]`);
        want = Number(want.trim());
      }
      check(isNumber(want), `expected length of [${field}] is not a number`, expected, actual);
      const n = Math.trunc(doubleValue(want as number));
      let length: number;
      if (typeof actual === 'string') length = actual.length;
      else if (Array.isArray(actual)) length = actual.length;
      else if (isMap(actual)) length = Object.keys(actual).length;
      else
        throw new AssertionFailure(`value is of unsupported type [${javaClass(actual)}]`, n, toPlain(actual));
      check(length === n, `field [${field}] doesn't have length [${n}]`, n, length);
      return;
    }
    case 'gt':
      check(
        compareJava(field, actual, expected) > 0,
        `field [${field}] is not greater than [${javaToString(expected)}]`,
        expected,
        actual,
      );
      return;
    case 'gte':
      check(
        compareJava(field, actual, expected) >= 0,
        `field [${field}] is not greater than or equal to [${javaToString(expected)}]`,
        expected,
        actual,
      );
      return;
    case 'lt':
      check(
        compareJava(field, actual, expected) < 0,
        `field [${field}] is not less than [${javaToString(expected)}]`,
        expected,
        actual,
      );
      return;
    case 'lte':
      check(
        compareJava(field, actual, expected) <= 0,
        `field [${field}] is not less than or equal to [${javaToString(expected)}]`,
        expected,
        actual,
      );
      return;
    case 'contains': {
      if (isMap(expected) && Array.isArray(actual)) {
        const keys = Object.keys(expected);
        const candidates = actual.filter((item) => isMap(item) && keys.every((k) => Object.hasOwn(item, k)));
        check(
          candidates.length > 0,
          `${field} expected to be a list with at least one object that has keys: [${keys.join(', ')}] but it was ${javaToString(actual)}`,
          expected,
          actual,
        );
        check(
          candidates.some((item) =>
            keys.every((k) => javaEquals((item as Record<string, unknown>)[k], expected[k])),
          ),
          `${field} expected to be a list with at least one object that matches ${javaToString(expected)}`,
          expected,
          actual,
        );
        return;
      }
      if (typeof expected === 'string' && typeof actual === 'string') {
        check(actual.includes(expected), `field [${field}] does not contain "${expected}"`, expected, actual);
        return;
      }
      throw new AssertionFailure(
        "'contains' only supports checking an object against a list of objects or a string against a string",
        toPlain(expected),
        toPlain(actual),
      );
    }
    case 'close_to': {
      const spec = expected as Record<string, JavaValue>;
      const value = spec.value;
      const error = spec.error;
      if (!isNumber(value) || !isNumber(error))
        throw new AssertionFailure('close_to: value and error must be numbers', toPlain(expected));
      check(isNumber(actual), `field [${field}] is not a number`, expected, actual);
      check(
        Math.abs(doubleValue(actual as number) - doubleValue(value)) <= doubleValue(error),
        `field [${field}] is not within ${javaToString(error)} of ${javaToString(value)}`,
        expected,
        actual,
      );
      return;
    }
  }
}
