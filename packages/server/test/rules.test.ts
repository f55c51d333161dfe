// Table tests of the pure rule modules, each citing the requirements (CJ-…) or the Elasticsearch code it
// mirrors.
import { describe, expect, it } from 'vitest';
import { isDuration } from '@mlclose/schema';
import { parseBodyBooleanString, parseQueryBoolean } from '../src/rules/booleans.js';
import { indexHealth, parseHealthLevel } from '../src/rules/cluster-health.js';
import {
  levenshteinSimilarity,
  unknownFieldMessage,
  unrecognizedParametersMessage,
} from '../src/rules/did-you-mean.js';
import {
  type EsCause,
  EsError,
  type ExceptionType,
  detailedBody,
  esError,
  otherApiError,
} from '../src/rules/error-envelope.js';
import { tokenize } from '../src/rules/expand-ids.js';
import { expandIds } from './expand-ids-helper.js';
import { applyFilterPath } from '../src/rules/filter-path.js';
import { formatTimeValue, parseTimeValue, type TimeValue } from '../src/rules/duration.js';
import { JsonPullParser, JsonSyntaxError } from '../src/rules/json-position-parser.js';
import { toJson } from '../src/rules/json-writer.js';
import { jobIdProblem } from '../src/rules/job-id.js';
import { checkContentType, parseMediaType, responseContentType } from '../src/rules/media-type.js';
import { parseOptionsBody } from '../src/rules/object-parser.js';

function thrown(run: () => unknown): EsError {
  try {
    run();
  } catch (error) {
    if (error instanceof EsError) return error;
    throw error;
  }
  throw new Error('expected an EsError');
}

describe('query booleans (CJ-BOOL-001, CJ-BOOL-002, CJ-BOOL-003, CJ-BOOL-004)', () => {
  it.each([
    { given: undefined, fallback: false, want: false },
    { given: undefined, fallback: true, want: true },
    { given: '', fallback: false, want: true },
    { given: ' ', fallback: false, want: false },
    { given: ' ', fallback: true, want: true },
    { given: 'true', fallback: false, want: true },
    { given: 'false', fallback: true, want: false },
  ])('$given (default $fallback) → $want', ({ given, fallback, want }) => {
    expect(parseQueryBoolean(given, fallback)).toBe(want);
  });

  it.each(['TRUE', 'True', '1', '0', 'yes', 'on', 'off', ' true'])('%s is rejected', (given) => {
    expect(thrown(() => parseQueryBoolean(given, false)).message).toBe(
      `Failed to parse value [${given}] as only [true] or [false] are allowed.`,
    );
  });

  it.each([
    { given: '', want: false },
    { given: '  ', want: false },
    { given: 'true', want: true },
    { given: 'false', want: false },
  ])('body string $given → $want (CJ-BODY-008)', ({ given, want }) => {
    expect(parseBodyBooleanString(given)).toBe(want);
  });
});

// CJ-DUR-001 to CJ-DUR-006, CJ-DUR-008 (whitespace), CJ-DUR-009 (-1 and 0), CJ-DUR-010 (Long.parseLong)
describe('TimeValue.parseTimeValue', () => {
  it.each([
    { given: '30m', want: { duration: 30n, unit: 'm' } },
    { given: '30 m', want: { duration: 30n, unit: 'm' } },
    { given: '5s', want: { duration: 5n, unit: 's' } },
    { given: '30S', want: { duration: 30n, unit: 's' } },
    { given: '1H', want: { duration: 1n, unit: 'h' } },
    { given: '2D', want: { duration: 2n, unit: 'd' } },
    { given: '500ms', want: { duration: 500n, unit: 'ms' } },
    { given: '7nanos', want: { duration: 7n, unit: 'nanos' } },
    { given: '7MICROS', want: { duration: 7n, unit: 'micros' } },
    { given: ' 10s ', want: { duration: 10n, unit: 's' } },
    { given: '+5s', want: { duration: 5n, unit: 's' } },
    { given: '-1s', want: { duration: -1n, unit: 's' } },
    { given: '-1', want: { duration: -1n, unit: 'ms' } },
    { given: '-001', want: { duration: -1n, unit: 'ms' } },
    { given: '0', want: { duration: 0n, unit: 'ms' } },
    { given: '00', want: { duration: 0n, unit: 'ms' } },
    { given: '9223372036854775807nanos', want: { duration: 9223372036854775807n, unit: 'nanos' } },
  ])('$given is accepted', ({ given, want }) => {
    expect(parseTimeValue(given, 'timeout')).toEqual(want);
    // The spec's Duration pattern agrees with the parser.
    expect(isDuration(given)).toBe(true);
  });

  it.each([
    {
      given: 'abc',
      reason:
        'failed to parse setting [timeout] with value [abc] as a time value: unit is missing or unrecognized',
    },
    {
      given: '30',
      reason:
        'failed to parse setting [timeout] with value [30] as a time value: unit is missing or unrecognized',
    },
    {
      given: '30M',
      reason:
        'failed to parse setting [timeout] with value [30M] as a time value: unit is missing or unrecognized',
    },
    {
      given: '30m ',
      reason:
        'failed to parse setting [timeout] with value [30m ] as a time value: unit is missing or unrecognized',
    },
    {
      given: '',
      reason:
        'failed to parse setting [timeout] with value [] as a time value: unit is missing or unrecognized',
    },
    {
      given: '1w',
      reason:
        'failed to parse setting [timeout] with value [1w] as a time value: unit is missing or unrecognized',
    },
    {
      given: '-5s',
      reason:
        'failed to parse setting [timeout] with value [-5s] as a time value: negative durations are not supported',
    },
    {
      given: '-2',
      reason:
        'failed to parse setting [timeout] with value [-2] as a time value: unit is missing or unrecognized',
    },
    {
      given: '1.5s',
      reason: 'failed to parse [1.5s], fractional time values are not supported',
      cause: 'For input string: "1.5"',
    },
    {
      given: '1e3s',
      reason: 'failed to parse [1e3s], fractional time values are not supported',
      cause: 'For input string: "1e3"',
    },
    {
      given: '99999999999999999999s',
      reason: 'failed to parse [99999999999999999999s], fractional time values are not supported',
      cause: 'For input string: "99999999999999999999"',
    },
    { given: 'xs', reason: 'failed to parse [xs]', cause: 'For input string: "x"' },
    { given: 's', reason: 'failed to parse [s]', cause: 'For input string: ""' },
  ])('$given is rejected: $reason', ({ given, reason, cause }) => {
    const error = thrown(() => parseTimeValue(given, 'timeout'));
    expect(error.status).toBe(400);
    expect(error.cause_.type).toBe('illegal_argument_exception');
    expect(error.cause_.reason).toBe(reason);
    expect(error.cause_.causedBy?.reason).toBe(cause);
    if (given !== '30m ') expect(isDuration(given)).toBe(false);
  });
});

describe('TimeValue numbers follow Long.parseLong and Double.parseDouble (CJ-DUR-010, CJ-DUR-005)', () => {
  // Long.parseLong takes any Unicode decimal digit (Character.digit); the spec's Duration pattern models ASCII only.
  it.each([
    { description: 'Arabic-Indic 3', given: '\u0663s', want: { duration: 3n, unit: 's' } },
    { description: 'fullwidth 3', given: '\uff13s', want: { duration: 3n, unit: 's' } },
    { description: 'Devanagari 3', given: '\u0969m', want: { duration: 3n, unit: 'm' } },
    { description: 'Devanagari 9 (last of its run)', given: '\u096fh', want: { duration: 9n, unit: 'h' } },
    { description: 'Bengali 0 (first of its run)', given: '1\u09e6d', want: { duration: 10n, unit: 'd' } },
    { description: 'mixed scripts', given: '1\u0663\uff15ms', want: { duration: 135n, unit: 'ms' } },
    { description: 'a sign before Unicode digits', given: '+\u0663s', want: { duration: 3n, unit: 's' } },
    { description: 'Unicode minus one', given: '-\u0661s', want: { duration: -1n, unit: 's' } },
    {
      description: 'control characters trimmed',
      given: '\u0001 3s\u001f',
      want: { duration: 3n, unit: 's' },
    },
  ])('$description ($given) is accepted', ({ given, want }) => {
    expect(parseTimeValue(given, 'timeout')).toEqual(want);
  });

  it.each([
    // Double.parseDouble reads hex floats and a d/f suffix: the fractional message, not the plain one.
    { given: '0x1p3s', fractional: true, number: '0x1p3' },
    { given: '0x1.8p1s', fractional: true, number: '0x1.8p1' },
    { given: '0x1p3ds', fractional: true, number: '0x1p3d' },
    { given: '0X1P3S', fractional: true, number: '0x1p3' },
    { given: '1fs', fractional: true, number: '1f' },
    { given: '0x1s', fractional: false, number: '0x1' },
    // Double.parseDouble takes ASCII digits only.
    { given: '\u0663.5s', fractional: false, number: '\u0663.5' },
    { given: `${'\u0669'.repeat(20)}s`, fractional: false, number: '\u0669'.repeat(20) },
    { given: '-\u0662s', negative: true },
    // String.trim strips only chars <= U+0020; a no-break space or an em space stays and is not a digit.
    { given: '\u00a03s', fractional: false, number: '\u00a03' },
    { given: '3\u2003s', fractional: false, number: '3\u2003' },
    // Java reads UTF-16 chars: a digit outside the BMP (mathematical bold 3) is a surrogate pair, not a digit.
    { given: '\u{1d7d1}s', fractional: false, number: '\u{1d7d1}' },
    { given: '+s', fractional: false, number: '+' },
    // Bare numbers match -0*1 and 0+ in ASCII only.
    { given: '\u0660', unitMissing: true },
  ])('$given is rejected', ({ given, fractional, number, negative, unitMissing }) => {
    const error = thrown(() => parseTimeValue(given, 'timeout'));
    expect(error.cause_.type).toBe('illegal_argument_exception');
    if (negative || unitMissing) {
      const why = negative ? 'negative durations are not supported' : 'unit is missing or unrecognized';
      expect(error.cause_.reason).toBe(
        `failed to parse setting [timeout] with value [${given}] as a time value: ${why}`,
      );
      expect(error.cause_.causedBy).toBeUndefined();
      return;
    }
    expect(error.cause_.reason).toBe(
      fractional
        ? `failed to parse [${given}], fractional time values are not supported`
        : `failed to parse [${given}]`,
    );
    expect(error.cause_.causedBy).toEqual({
      type: 'number_format_exception',
      reason: `For input string: "${number}"`,
    });
  });
});

describe('TimeValue.toString (CJ-TIMEOUT-004, CJ-DUR-011)', () => {
  const tv = (duration: bigint, unit: TimeValue['unit']): TimeValue => ({ duration, unit });
  it.each([
    { given: tv(30n, 'm'), want: '30m' },
    { given: tv(90n, 's'), want: '1.5m' },
    { given: tv(500n, 'ms'), want: '500ms' },
    { given: tv(0n, 'ms'), want: '0s' },
    { given: tv(-1n, 'ms'), want: '-1' },
    { given: tv(-1n, 's'), want: '-1' },
    { given: tv(1500n, 'ms'), want: '1.5s' },
    { given: tv(1n, 'd'), want: '1d' },
    { given: tv(36n, 'h'), want: '1.5d' },
    { given: tv(100n, 'm'), want: '1.6h' },
    { given: tv(1234n, 'micros'), want: '1.2ms' },
    { given: tv(12n, 'nanos'), want: '12nanos' },
    { given: tv(60n, 'm'), want: '1h' },
    // One fraction digit, cut and not rounded; a zero digit is elided (CJ-DUR-011).
    { given: tv(1999n, 'ms'), want: '1.9s' },
    { given: tv(1050n, 'ms'), want: '1s' },
    { given: tv(90500n, 'ms'), want: '1.5m' },
    { given: tv(1500n, 'nanos'), want: '1.5micros' },
    { given: tv(999n, 'nanos'), want: '999nanos' },
    { given: tv(100000n, 'd'), want: '100000d' },
    // Long.MAX_VALUE nanoseconds is 106751.99 days; more saturates there (TimeUnit.toNanos).
    { given: tv(9_223_372_036_854_775_807n, 'nanos'), want: '106751.9d' },
    { given: tv(9_223_372_036_854_775_807n, 'd'), want: '106751.9d' },
    { given: tv(106_752n, 'd'), want: '106751.9d' },
  ])('$want', ({ given, want }) => {
    expect(formatTimeValue(given)).toBe(want);
  });
});

describe('did you mean (CJ-PARAM-003, CJ-BODY-002)', () => {
  it.each([
    { a: 'force', b: 'format', want: 0.5 },
    { a: 'forced', b: 'force', want: Math.fround(1 - Math.fround(1 / 6)) },
    { a: '', b: '', want: 1 },
    { a: 'a', b: '', want: 0 },
  ])('similarity($a, $b)', ({ a, b, want }) => {
    expect(levenshteinSimilarity(a, b)).toBe(want);
  });

  it('force against format is not a suggestion (exactly 0.5)', () => {
    expect(unrecognizedParametersMessage('/p', ['force'], ['format', 'pretty'])).toBe(
      'request [/p] contains unrecognized parameter: [force]',
    );
  });

  it('several suggestions are sorted by score then name', () => {
    expect(unknownFieldMessage('P', 'ab', ['abc', 'abd', 'xyz'])).toBe(
      '[P] unknown field [ab] did you mean any of [abc, abd]?',
    );
    expect(unrecognizedParametersMessage('/p', ['zz', 'ab'], ['abc', 'abd'])).toBe(
      'request [/p] contains unrecognized parameters: [ab] -> did you mean any of [abc, abd]?, [zz]',
    );
  });
});

// CJ-EXPAND-001, CJ-EXPAND-002, CJ-EXPAND-003, CJ-EXPAND-004, CJ-EXPAND-005, CJ-EXPAND-006, CJ-EXPAND-007,
// CJ-MATCH-001, CJ-MATCH-002, CJ-MATCH-003, CJ-MATCH-004, CJ-MATCH-005, CJ-MATCH-006, CJ-MATCH-007
describe('id expansion', () => {
  const jobs = [
    { id: 'foo-1', groups: ['grp'] },
    { id: 'foo-2', groups: ['grp'] },
    { id: 'bar-1', groups: [] },
  ];
  it.each([
    { given: 'a, b', want: ['a', 'b'] },
    { given: 'a,,b', want: ['a', 'b'] },
    { given: ' , ', want: [] },
  ])('tokenize($given)', ({ given, want }) => {
    expect(tokenize(given)).toEqual(want);
  });

  it.each([
    { expression: 'foo-1', allow: true, want: { ok: true, ids: ['foo-1'] } },
    { expression: 'grp', allow: true, want: { ok: true, ids: ['foo-1', 'foo-2'] } },
    { expression: 'gr*', allow: false, want: { ok: true, ids: ['foo-1', 'foo-2'] } },
    { expression: 'baz*', allow: true, want: { ok: true, ids: [] } },
    { expression: 'baz*', allow: false, want: { ok: false, unmatched: ['baz*'] } },
    { expression: 'missing,baz*', allow: false, want: { ok: false, unmatched: ['missing', 'baz*'] } },
    { expression: '', allow: false, want: { ok: true, ids: ['bar-1', 'foo-1', 'foo-2'] } },
    { expression: '_all,foo-1', allow: true, want: { ok: false, unmatched: ['_all'] } },
    { expression: 'fo?-1', allow: true, want: { ok: false, unmatched: ['fo?-1'] } },
    // Inside a * token, ? matches in the search but is literal in the required check (ExpandedIdsMatcher).
    { expression: 'fo?-*', allow: true, want: { ok: true, ids: ['foo-1', 'foo-2'] } },
    { expression: 'fo?-*', allow: false, want: { ok: false, unmatched: ['fo?-*'] } },
  ])('$expression (allow_no_match=$allow)', ({ expression, allow, want }) => {
    expect(expandIds(expression, jobs, allow)).toEqual(want);
  });

  // The search reads a * token as a Lucene wildcard (? one char, \ escapes the next, a trailing \ is literal);
  // the required-match check (allow_no_match=false) treats only * as special, and looks only at the ids and groups
  // of the jobs the search found (CJ-EXPAND-002, CJ-EXPAND-007, CJ-MATCH-002). Names holding `\` or `?` cannot be
  // created (MlStrings.isValidId), and expansion assumes none exists: for them only the search side is pinned here.
  const odd = [{ id: 'foo-1', groups: ['g\\x'] }, { id: 'a\\' }, { id: 'a?b' }, { id: 'a*b' }, { id: 'axb' }];
  const found = (ids: string[]) => ({ ok: true, ids });
  const missing = (unmatched: string[]) => ({ ok: false, unmatched });
  it.each([
    {
      description: '\\ escapes - in the search',
      expression: 'foo\\-1*',
      allow: true,
      want: found(['foo-1']),
    },
    {
      description: '\\ is literal in the check',
      expression: 'foo\\-1*',
      allow: false,
      want: missing(['foo\\-1*']),
    },
    { description: '? is one char in the search', expression: 'foo?1*', allow: true, want: found(['foo-1']) },
    {
      description: '? is literal in the check',
      expression: 'foo?1*',
      allow: false,
      want: missing(['foo?1*']),
    },
    {
      description: '? outside a * token is an exact id',
      expression: 'a?b',
      allow: true,
      want: found(['a?b']),
    },
    {
      description: 'an exact id with ? that does not exist',
      expression: 'a?c',
      allow: true,
      want: missing(['a?c']),
    },
    {
      description: '? matches any char, * and ? included',
      expression: 'a?b*',
      allow: false,
      want: found(['a*b', 'a?b', 'axb']),
    },
    { description: '\\? is a literal ?', expression: 'a\\?b*', allow: true, want: found(['a?b']) },
    {
      description: '\\? found, but not a literal \\ prefix',
      expression: 'a\\?b*',
      allow: false,
      want: missing(['a\\?b*']),
    },
    {
      description: '\\* is a literal * (the token is still a wildcard)',
      expression: 'a\\*b',
      allow: true,
      want: found(['a*b']),
    },
    { description: '\\x is x', expression: 'a\\xb*', allow: true, want: found(['axb']) },
    {
      description: 'a trailing \\ is a literal backslash',
      expression: 'a*\\',
      allow: false,
      want: found(['a\\']),
    },
    { description: 'a trailing \\ alone', expression: '*\\', allow: true, want: found(['a\\']) },
    {
      description: 'satisfied by a name another token found',
      expression: 'a\\*,a\\',
      allow: false,
      want: found(['a\\']),
    },
    {
      description: 'satisfied by a group of a found job',
      expression: 'foo-*,g\\*',
      allow: false,
      want: found(['foo-1']),
    },
    { description: 'a lone \\ is an exact id', expression: '\\', allow: true, want: missing(['\\']) },
  ])('$description: $expression (allow_no_match=$allow)', ({ expression, allow, want }) => {
    expect(expandIds(expression, odd, allow)).toEqual(want);
  });

  it('no jobs at all with "all" and allow_no_match=false requires *', () => {
    expect(expandIds('_all', [], false)).toEqual({ ok: false, unmatched: ['*'] });
    expect(expandIds('_all', [], true)).toEqual({ ok: true, ids: [] });
  });
});

describe('JSON positions (CJ-BODY-010: Jackson 1-based line:column)', () => {
  function tokens(text: string): string[] {
    const parser = new JsonPullParser(Buffer.from(text));
    const out: string[] = [];
    for (let t = parser.nextToken(); t !== null; t = parser.nextToken())
      out.push(`${t.type}@${t.line}:${t.column}`);
    return out;
  }
  function failure(text: string): { message: string; at: string; eof: boolean } {
    try {
      tokens(text);
    } catch (error) {
      if (error instanceof JsonSyntaxError)
        return { message: error.message, at: `${error.line}:${error.column}`, eof: error.eof };
      throw error;
    }
    throw new Error('expected a syntax error');
  }

  it('token positions', () => {
    expect(tokens('{"force":true}')).toEqual([
      'START_OBJECT@1:1',
      'FIELD_NAME@1:2',
      'VALUE_BOOLEAN@1:10',
      'END_OBJECT@1:14',
    ]);
    expect(tokens('{\n  "a" : [1, "x"]\n}')).toEqual([
      'START_OBJECT@1:1',
      'FIELD_NAME@2:3',
      'START_ARRAY@2:9',
      'VALUE_NUMBER@2:10',
      'VALUE_STRING@2:13',
      'END_ARRAY@2:16',
      'END_OBJECT@3:1',
    ]);
    expect(tokens('/* c */ {} trailing garbage')).toEqual(['START_OBJECT@1:9', 'END_OBJECT@1:10']);
  });

  it.each([
    {
      text: '{force:true}',
      at: '1:3',
      prefix: "Unexpected character ('f' (code 102)): was expecting double-quote",
      eof: false,
    },
    {
      text: '{"a" 1}',
      at: '1:7',
      prefix: "Unexpected character ('1' (code 49)): was expecting a colon",
      eof: false,
    },
    {
      text: '{"a":1 "b":2}',
      at: '1:9',
      prefix: "Unexpected character ('\"' (code 34)): was expecting comma",
      eof: false,
    },
    { text: '{"a":tru}', at: '1:9', prefix: "Unrecognized token 'tru'", eof: false },
    { text: '{"a":01}', at: '1:8', prefix: 'Invalid numeric value: Leading zeroes not allowed', eof: false },
    { text: '{"a":1,"a":2}', at: '1:11', prefix: "Duplicate field 'a'", eof: false },
    {
      text: '{"a":"x\ny"}',
      at: '1:9',
      prefix: 'Illegal unquoted character ((CTRL-CHAR, code 10))',
      eof: false,
    },
    {
      text: '{"a":[1,]}',
      at: '1:10',
      prefix: "Unexpected character (']' (code 93)): expected a value",
      eof: false,
    },
    { text: '{"force":true', at: '1:14', prefix: 'Unexpected end-of-input', eof: true },
    { text: '{"forc', at: '1:7', prefix: 'Unexpected end-of-input', eof: true },
    { text: '{"a":', at: '1:6', prefix: 'Unexpected end-of-input', eof: true },
  ])('$text → [$at] $prefix', ({ text, at, prefix, eof }) => {
    const error = failure(text);
    expect(error.at).toBe(at);
    expect(error.message.startsWith(prefix), error.message).toBe(true);
    expect(error.eof).toBe(eof);
  });

  it('an unknown field wins over a truncated string value, as Jackson reads strings lazily', () => {
    const error = thrown(() =>
      parseOptionsBody(Buffer.from('{"foo":"abc'), 'P', { force: { kind: 'boolean' } }),
    );
    expect(error.cause_.reason).toBe('[1:2] [P] unknown field [foo]');
    const known = thrown(() =>
      parseOptionsBody(Buffer.from('{"force":"abc'), 'P', { force: { kind: 'boolean' } }),
    );
    expect(known.cause_.type).toBe('x_content_e_o_f_exception');
  });
});

describe('job id validation (CJ-SUP-002)', () => {
  it.each([
    { id: 'low_request_rate', want: undefined },
    { id: 'a.b-c_d', want: undefined },
    {
      id: 'UPPER',
      want: "Invalid job_id; 'UPPER' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric",
    },
    {
      id: '_all',
      want: "Invalid job_id; '_all' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric",
    },
    {
      id: 'a-',
      want: "Invalid job_id; 'a-' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric",
    },
    { id: 'a'.repeat(65), want: 'The job id cannot contain more than 64 characters.' },
  ])('$id', ({ id, want }) => {
    expect(jobIdProblem(id)).toBe(want);
  });
});

describe('response formats (CJ-RESP-002, CJ-FMT-001, CJ-FMT-002)', () => {
  it('pretty output is Elasticsearch style', () => {
    expect(toJson({ closed: true }, true)).toBe('{\n  "closed" : true\n}\n');
    expect(toJson({ a: [], b: {}, c: [{ d: 1 }] }, true)).toBe(
      '{\n  "a" : [ ],\n  "b" : { },\n  "c" : [\n    {\n      "d" : 1\n    }\n  ]\n}\n',
    );
  });

  it.each([
    { filter: 'closed', want: { closed: true } },
    { filter: 'nothing', want: {} },
    { filter: 'jobs.state', want: { jobs: [{ state: 'opened' }] } },
    { filter: 'jobs.*_id', want: { jobs: [{ job_id: 'j' }] } },
    { filter: '**.state', want: { jobs: [{ state: 'opened' }] } },
    { filter: '-jobs.state', want: { closed: true, jobs: [{ job_id: 'j' }] } },
  ])('filter_path=$filter', ({ filter, want }) => {
    expect(applyFilterPath({ closed: true, jobs: [{ job_id: 'j', state: 'opened' }] }, filter)).toEqual(want);
  });

  it.each([
    { accept: undefined, contentType: undefined, want: 'application/json' },
    { accept: 'application/json', contentType: undefined, want: 'application/json' },
    {
      accept: 'application/json; charset=utf-8',
      contentType: undefined,
      want: 'application/json;charset=utf-8',
    },
    {
      accept: 'application/vnd.elasticsearch+json; compatible-with=9',
      contentType: undefined,
      want: 'application/vnd.elasticsearch+json;compatible-with=9',
    },
    { accept: '*/*', contentType: undefined, want: 'application/json' },
  ])('Content-Type for Accept $accept', ({ accept, contentType, want }) => {
    expect(responseContentType(accept, contentType)).toBe(want);
  });

  it.each([
    { header: undefined, want: 'missing' },
    { header: 'text/plain', want: 'unsupported' },
    { header: 'application/xml', want: 'unsupported' },
    { header: 'application/json, text/plain', want: 'unsupported' },
    { header: 'application/json; charset=UTF-8', want: 'ok' },
    { header: 'application/vnd.elasticsearch+json; compatible-with=8', want: 'ok' },
    { header: 'application/vnd.elasticsearch+json', want: 'ok' },
    { header: 'application/vnd.elasticsearch+json; compatible-with=x', want: 'unsupported' },
  ])('Content-Type check $header (CJ-CT-001, CJ-CT-002, CJ-CT-003)', ({ header, want }) => {
    const parsed = header === undefined ? undefined : parseMediaType(header);
    if (parsed?.ok === false) throw new Error(`${header} does not parse`);
    const check = checkContentType(parsed?.mediaType);
    expect(check.ok ? 'ok' : check.kind).toBe(want);
  });
});

describe('error envelope (CJ-ENV-001, CJ-ENV-002, CJ-ENV-003)', () => {
  it('root_cause descends through Elasticsearch exceptions only', () => {
    const wrapper = esError(409, 'status_exception', 'outer', { type: 'status_exception', reason: 'inner' });
    expect(detailedBody(wrapper, false).error.root_cause).toEqual([
      { type: 'status_exception', reason: 'inner' },
    ]);
    const parse = esError(400, 'x_content_parse_exception', 'p', {
      type: 'illegal_argument_exception',
      reason: 'i',
    });
    expect(detailedBody(parse, false).error.root_cause).toEqual([
      { type: 'x_content_parse_exception', reason: 'p' },
    ]);
  });

  it('stack_trace is added with error_trace (CJ-FMT-004), except on 401 (CJ-FMT-006)', () => {
    expect(detailedBody(esError(404, 'resource_not_found_exception', 'x'), true).error.stack_trace).toContain(
      'org.elasticsearch.ResourceNotFoundException: x',
    );
    expect(detailedBody(esError(401, 'security_exception', 'x'), true).error.stack_trace).toBeUndefined();
  });

  // ElasticsearchException.guessRootCauses wraps a plain Java root cause in an anonymous ElasticsearchException,
  // and printStackTrace names every cause on a `Caused by:` line (CJ-FMT-007, CJ-FMT-008).
  const firstLines = (trace: string | undefined): string[] =>
    (trace ?? '').split('\n').filter((line) => !line.startsWith('\t'));

  it('a plain Java root cause is traced through the anonymous wrapper', () => {
    const body = detailedBody(esError(400, 'illegal_argument_exception', 'bad'), true).error;
    expect(firstLines(body.stack_trace)).toEqual(['java.lang.IllegalArgumentException: bad']);
    expect(body.root_cause[0]).toMatchObject({ type: 'illegal_argument_exception', reason: 'bad' });
    expect(firstLines(body.root_cause[0]?.stack_trace)).toEqual([
      'org.elasticsearch.ElasticsearchException$1: bad',
      'Caused by: java.lang.IllegalArgumentException: bad',
    ]);
  });

  it('an Elasticsearch root cause is traced as itself', () => {
    const inner: EsCause = {
      type: 'exception',
      reason: 'inner',
      causedBy: { type: 'illegal_state_exception', reason: 'io' },
    };
    const body = detailedBody(esError(409, 'status_exception', 'outer', inner), true).error;
    expect(firstLines(body.stack_trace)).toEqual([
      'org.elasticsearch.ElasticsearchStatusException: outer',
      'Caused by: org.elasticsearch.ElasticsearchException: inner',
      'Caused by: java.lang.IllegalStateException: io',
    ]);
    expect(firstLines(body.root_cause[0]?.stack_trace)).toEqual([
      'org.elasticsearch.ElasticsearchException: inner',
      'Caused by: java.lang.IllegalStateException: io',
    ]);
    expect(firstLines(body.caused_by?.stack_trace)).toEqual(firstLines(body.root_cause[0]?.stack_trace));
    expect(firstLines(body.caused_by?.caused_by?.stack_trace)).toEqual([
      'java.lang.IllegalStateException: io',
    ]);
  });

  it('every rendered exception of a nested chain carries stack_trace', () => {
    const error = thrown(() =>
      parseOptionsBody(Buffer.from('{"timeout":"1.5s"}'), 'A', {
        timeout: { kind: 'string', convert: (text) => parseTimeValue(text, 'timeout') },
      }),
    );
    const body = detailedBody(error, true).error;
    expect(firstLines(body.stack_trace)).toEqual([
      'org.elasticsearch.xcontent.XContentParseException: [1:12] [A] failed to parse field [timeout]',
      'Caused by: java.lang.IllegalArgumentException: failed to parse [1.5s], fractional time values are not supported',
      'Caused by: java.lang.NumberFormatException: For input string: "1.5"',
    ]);
    expect(firstLines(body.root_cause[0]?.stack_trace)[0]).toBe(
      'org.elasticsearch.ElasticsearchException$1: [1:12] [A] failed to parse field [timeout]',
    );
    expect(firstLines(body.caused_by?.stack_trace)).toHaveLength(2);
    expect(firstLines(body.caused_by?.caused_by?.stack_trace)).toEqual([
      'java.lang.NumberFormatException: For input string: "1.5"',
    ]);
    expect(detailedBody(error, false).error.caused_by?.caused_by?.stack_trace).toBeUndefined();
  });

  it.each([
    {
      body: '{"force":',
      top: 'org.elasticsearch.xcontent.XContentEOFException: [1:10] Unexpected end of file',
      jackson: 'com.fasterxml.jackson.core.io.JsonEOFException',
    },
    {
      body: '{"force":x}',
      top: "org.elasticsearch.xcontent.XContentParseException: [1:11] Unrecognized token 'x'",
      jackson: 'com.fasterxml.jackson.core.JsonParseException',
    },
  ])("a body syntax error $body traces Jackson's exception as the cause", ({ body, top, jackson }) => {
    const error = thrown(() => parseOptionsBody(Buffer.from(body), 'A', { force: { kind: 'boolean' } }));
    const rendered = detailedBody(error, true).error;
    const trace = firstLines(rendered.stack_trace);
    expect(trace).toHaveLength(2);
    expect(trace[0]?.startsWith(top)).toBe(true);
    expect(trace[1]?.startsWith(`Caused by: ${jackson}: `)).toBe(true);
    const root = firstLines(rendered.root_cause[0]?.stack_trace);
    expect(root).toEqual([
      trace[0]?.replace(/^[^:]+/u, 'org.elasticsearch.ElasticsearchException$1'),
      `Caused by: ${trace[0]}`,
      trace[1],
    ]);
    expect(rendered.caused_by?.stack_trace?.startsWith(`${jackson}: `)).toBe(true);
  });

  it('root_cause looks through an XContentParseException caused by another one', () => {
    const inner: EsCause = {
      type: 'x_content_parse_exception',
      reason: 'inner',
      causedBy: { type: 'illegal_argument_exception', reason: 'i' },
    };
    expect(
      detailedBody(esError(400, 'x_content_parse_exception', 'outer', inner), false).error.root_cause,
    ).toEqual([{ type: 'x_content_parse_exception', reason: 'inner' }]);
  });

  // ElasticsearchException.toString: Index.toString (`[name]`, `[name/uuid]` once the uuid is known), then
  // `[` + ShardId.toString() + `]` for an exception that carries a shard.
  it.each<{ description: string; type: ExceptionType; metadata: Record<string, string>; want: string }>([
    {
      description: 'an unknown uuid',
      type: 'index_not_found_exception',
      metadata: { index_uuid: '_na_', index: 'x' },
      want: '[x] org.elasticsearch.index.IndexNotFoundException: r',
    },
    {
      description: 'no uuid at all',
      type: 'index_not_found_exception',
      metadata: { index: 'x' },
      want: '[x] org.elasticsearch.index.IndexNotFoundException: r',
    },
    {
      description: 'a known uuid',
      type: 'resource_already_exists_exception',
      metadata: { index_uuid: 'u1', index: 'x' },
      want: '[x/u1] org.elasticsearch.ResourceAlreadyExistsException: r',
    },
    {
      description: 'a shard',
      type: 'index_not_found_exception',
      metadata: { index_uuid: 'u1', shard: '0', index: 'x' },
      want: '[x/u1][[x][0]] org.elasticsearch.index.IndexNotFoundException: r',
    },
  ])('index metadata prefixes the trace: $description', ({ type, metadata, want }) => {
    const body = detailedBody(esError(400, type, 'r', undefined, { metadata }), true).error;
    expect(firstLines(body.stack_trace)).toEqual([want]);
    expect(firstLines(body.root_cause[0]?.stack_trace)).toEqual([want]);
  });

  it('an exception only another API throws is traced with the Java class declared beside it', () => {
    const elasticsearch = { name: 'org.example.SomeException', elasticsearch: true };
    const own = detailedBody(otherApiError(400, 'some_exception', elasticsearch, 'r'), true).error;
    expect(firstLines(own.stack_trace)).toEqual(['org.example.SomeException: r']);
    expect(firstLines(own.root_cause[0]?.stack_trace)).toEqual(['org.example.SomeException: r']);
    const plain = { name: 'java.lang.RuntimeException', elasticsearch: false };
    const wrapped = detailedBody(otherApiError(500, 'runtime_exception', plain, 'r'), true).error;
    expect(firstLines(wrapped.root_cause[0]?.stack_trace)).toEqual([
      'org.elasticsearch.ElasticsearchException$1: r',
      'Caused by: java.lang.RuntimeException: r',
    ]);
  });
});

describe('cluster health levels (CJ-SUP-016: ClusterStatsLevel, ClusterIndexHealth)', () => {
  it.each([
    { description: 'absent is cluster', given: undefined, want: 'cluster' },
    { description: 'cluster', given: 'cluster', want: 'cluster' },
    { description: 'indices', given: 'indices', want: 'indices' },
    { description: 'shards', given: 'shards', want: 'shards' },
    { description: 'any case', given: 'InDiCeS', want: 'indices' },
  ])('level: $description', ({ given, want }) => {
    expect(parseHealthLevel(given)).toBe(want);
  });

  it.each([
    { description: 'an unknown level', given: 'node' },
    { description: 'empty', given: '' },
    { description: 'a plural of shards', given: 'shard' },
  ])('level: $description is refused', ({ given }) => {
    const error = thrown(() => parseHealthLevel(given));
    expect(error.status).toBe(400);
    expect(error.cause_).toMatchObject({
      type: 'illegal_argument_exception',
      reason: `level parameter must be one of [cluster] or [indices] or [shards] but was [${given}]`,
    });
  });

  it.each([
    {
      description: 'no replicas is green',
      given: { replicas: 0, level: 'indices' as const },
      want: { status: 'green', number_of_replicas: 0, active_shards: 1, unassigned_shards: 0 },
    },
    {
      description: 'a replica cannot be assigned on one node: yellow',
      given: { replicas: 1, level: 'indices' as const },
      want: { status: 'yellow', number_of_replicas: 1, active_shards: 1, unassigned_shards: 1 },
    },
  ])('index health: $description', ({ given, want }) => {
    const health = indexHealth(given.replicas, given.level);
    expect(health).toMatchObject({ ...want, number_of_shards: 1, active_primary_shards: 1 });
    expect(health).not.toHaveProperty('shards');
  });

  it('index health at level shards lists the one shard', () => {
    expect(indexHealth(2, 'shards').shards).toEqual({
      '0': {
        status: 'yellow',
        primary_active: true,
        active_shards: 1,
        relocating_shards: 0,
        initializing_shards: 0,
        unassigned_shards: 2,
        unassigned_primary_shards: 0,
      },
    });
  });
});
