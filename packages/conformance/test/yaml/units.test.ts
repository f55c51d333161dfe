// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${id}` is the YAML runner's stash syntax under test.
// Table tests of the YAML runner's rules, each against Elastic's Java behaviour: Java regexes, Java values and
// equality, the stash and object paths, API path selection, prerequisites, warnings and skip lists.
import { describe, expect, it } from 'vitest';
import { parseApiJson, planCall, type RestSpec, type RestApi } from '../../src/yaml/api-spec.js';
import { assertMatches, runAssertion } from '../../src/yaml/assertions.js';
import { compileJavaRegex } from '../../src/yaml/java-regex.js';
import { JavaDouble, javaClass, javaEquals, javaToString, toJsonText } from '../../src/yaml/java-values.js';
import { parseJson } from '../../src/yaml/json-values.js';
import { parsePrerequisites, skipReason, versionInRanges } from '../../src/yaml/prerequisites.js';
import { findSkip, parseSkipList } from '../../src/yaml/skip-list.js';
import { parsePath, Stash } from '../../src/yaml/stash.js';
import { parseSuite } from '../../src/yaml/suite.js';
import { checkWarnings, escapeAndEncode } from '../../src/yaml/warnings.js';
import { loadYamlDocuments } from '../../src/yaml/yaml-load.js';

describe('Java regex (match: /.../ with COMMENTS, find())', () => {
  it.each([
    { description: 'whitespace is ignored', regex: 'a b  c', comments: true, input: 'abc', want: true },
    {
      description: 'whitespace in a class is ignored too',
      regex: '^[a b]+$',
      comments: true,
      input: 'ab',
      want: true,
    },
    {
      description: 'space in a class does not match a space',
      regex: '^[a b]+$',
      comments: true,
      input: 'a b',
      want: false,
    },
    {
      description: '# starts a comment',
      regex: 'abc # the rest',
      comments: true,
      input: 'xabcx',
      want: true,
    },
    { description: 'an escaped space is literal', regex: 'a\\ b', comments: true, input: 'a b', want: true },
    {
      description: 'without COMMENTS a space counts',
      regex: 'a b',
      comments: false,
      input: 'ab',
      want: false,
    },
    { description: 'find() matches inside', regex: 'b', comments: true, input: 'abc', want: true },
    {
      description: '$ matches before a final newline',
      regex: 'c$',
      comments: true,
      input: 'abc\n',
      want: true,
    },
    { description: '\\z does not', regex: 'c\\z', comments: true, input: 'abc\n', want: false },
    { description: '\\A anchors', regex: '\\Ab', comments: true, input: 'abc', want: false },
    { description: '\\Q...\\E quotes', regex: '\\Qa.b\\E', comments: true, input: 'axb', want: false },
    { description: '(?i) flag', regex: '(?i)ABC', comments: true, input: 'abc', want: true },
    {
      description: '(?s) lets . match a newline',
      regex: '(?s)a.b',
      comments: false,
      input: 'a\nb',
      want: true,
    },
    { description: '\\S+', regex: '\\S+', comments: true, input: 'node-1', want: true },
  ])('$description', ({ regex, comments, input, want }) => {
    expect(compileJavaRegex(regex, { comments, anchored: false }).test(input)).toBe(want);
  });

  it.each(['a++', '(?>a)', '[a[b]]', '\\p{Alpha}', '[a&&b]'])(
    'refuses %s, which JS cannot express',
    (regex) => {
      expect(() => compileJavaRegex(regex, { comments: false, anchored: false })).toThrow(/not supported/);
    },
  );

  it('matches() for warnings_regex needs the whole message', () => {
    expect(
      compileJavaRegex('this is .* gone', { comments: false, anchored: true }).test('so this is long gone'),
    ).toBe(false);
  });
});

describe('Java values', () => {
  it.each([
    { given: '42', want: 'Integer' },
    { given: '42.0', want: 'Double' },
    { given: '4.5', want: 'Double' },
    { given: '1e3', want: 'Double' },
    { given: '3000000000', want: 'Long' },
    { given: '9007199254740993', want: 'Long' },
    { given: '99999999999999999999', want: 'BigInteger' },
    { given: '"x"', want: 'String' },
    { given: '[1]', want: 'List' },
    { given: '{}', want: 'Map' },
  ])('JSON $given reads as $want', ({ given, want }) => {
    expect(javaClass(parseJson(given))).toBe(want);
  });

  it.each([
    { given: 'a: 42', want: 'Integer' },
    { given: 'a: 42.0', want: 'Double' },
    { given: 'a: 2019-01-01', want: 'String' },
    { given: 'a: 12345678901234567890', want: 'BigInteger' },
    { given: 'a: ~', want: 'null' },
  ])('YAML $given reads as $want', ({ given, want }) => {
    const [doc] = loadYamlDocuments(given, 't.yml') as [{ a: unknown }];
    expect(javaClass(doc.a)).toBe(want);
  });

  it.each([
    { a: 42, b: new JavaDouble(42), want: false },
    { a: 42, b: 3000000000, want: false },
    { a: 3000000000, b: 3000000000n, want: true },
    { a: [1, { x: 'y' }], b: [1, { x: 'y' }], want: true },
    { a: { x: 1 }, b: { x: 1, y: 2 }, want: false },
  ])('javaEquals($a, $b) is $want', ({ a, b, want }) => {
    expect(javaEquals(a, b)).toBe(want);
  });

  it('renders as Java toString and keeps 42.0 in JSON', () => {
    expect(javaToString({ error: { type: 'x', root_cause: [{ a: 1.5 }] } })).toBe(
      '{error={type=x, root_cause=[{a=1.5}]}}',
    );
    expect(javaToString(new JavaDouble(1e7))).toBe('1.0E7');
    expect(toJsonText({ a: new JavaDouble(42), b: 2n ** 60n })).toBe('{"a":42.0,"b":1152921504606846976}');
  });

  it('does not let a __proto__ key touch a prototype', () => {
    const value = parseJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});

describe('assertions at the top level (MatchAssertion) and below', () => {
  it.each([
    {
      description: 'Integer 42 vs Double 42.0 at the top',
      actual: new JavaDouble(42),
      expected: 42,
      ok: true,
    },
    { description: 'null must be null', actual: undefined, expected: null, ok: true },
    { description: 'missing is null', actual: undefined, expected: 1, ok: false },
    { description: 'regex on a number fails', actual: 5, expected: '/5/', ok: false },
    { description: 'string vs number', actual: '1', expected: 1, ok: false },
  ])('match: $description', ({ actual, expected, ok }) => {
    const run = () => assertMatches('f', actual, expected as never);
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow();
  });

  it.each([
    { kind: 'gt', actual: 5, expected: 4, ok: true },
    { kind: 'gt', actual: 3000000000, expected: 1, ok: true },
    { kind: 'gt', actual: 1, expected: 3000000000, ok: false },
    { kind: 'gt', actual: 1.5, expected: 1, ok: false },
    { kind: 'lte', actual: 'b', expected: 'b', ok: true },
    { kind: 'length', actual: 'abc', expected: '3', ok: true },
    { kind: 'length', actual: 5, expected: 1, ok: false },
    { kind: 'is_true', actual: 'FALSE', expected: null, ok: false },
    { kind: 'is_false', actual: new JavaDouble(0), expected: null, ok: false },
  ] as const)('$kind($actual, $expected) passes: $ok', ({ kind, actual, expected, ok }) => {
    const run = () =>
      runAssertion({ kind, field: 'f', expected: expected as never }, actual, expected as never);
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow();
  });
});

describe('stash and paths', () => {
  it.each([
    { path: 'a.b.0', want: ['a', 'b', '0'] },
    { path: 'a\\.b.c', want: ['a.b', 'c'] },
    { path: '', want: [] },
    { path: 'a..b', want: ['a', 'b'] },
  ])('parsePath($path)', ({ path, want }) => {
    expect(parsePath(path)).toEqual(want);
  });

  it('replaces $var, ${var}, \\${var}, $var.path, keys and $_path', () => {
    const stash = new Stash();
    stash.set('id', 'job-1');
    stash.set('body', { nested: { n: 7 } });
    expect(stash.getValue('$id')).toBe('job-1');
    expect(stash.getValue('x-${id}-y')).toBe('x-job-1-y');
    expect(stash.getValue('x-\\${id}')).toBe('x-${id}');
    expect(stash.getValue('$body.nested.n')).toBe(7);
    expect(stash.replaceStashedValues({ $id: ['$id', 'v-${id}'], nested: { n: '$body.$_path' } })).toEqual({
      'job-1': ['job-1', 'v-job-1'],
      nested: { n: 7 },
    });
  });

  it('fails clearly for a missing stash key', () => {
    expect(() => new Stash().getValue('$nope')).toThrow('stashed value not found for key [nope]');
  });
});

const spec = (apis: RestApi[]): RestSpec => ({
  apis: new Map(apis.map((api) => [api.name, api])),
  globalParams: new Set(['error_trace', 'filter_path']),
});

describe('API descriptions', () => {
  const search = parseApiJson(
    {
      search: {
        url: {
          paths: [
            { path: '/_search', methods: ['GET', 'POST'] },
            { path: '/{index}/_search', methods: ['GET', 'POST'], parts: { index: {} } },
          ],
        },
        params: { q: { type: 'string' }, size: { type: 'int', required: true } },
        body: { required: false },
      },
    },
    'search.json',
  ) as RestApi;
  const legacy = parseApiJson(
    {
      count: {
        methods: ['POST', 'GET'],
        url: { paths: ['/_count', '/{index}/_count'], parts: { index: {} }, params: { q: {} } },
        body: {},
      },
    },
    'count.json',
  ) as RestApi;

  it.each<{ api: string; params: Record<string, string>; body: boolean; want: Record<string, unknown> }>([
    { api: 'search', params: { size: '1' }, body: false, want: { method: 'GET', path: '/_search?size=1' } },
    {
      api: 'search',
      params: { index: 'a/b c', size: '1' },
      body: false,
      want: { method: 'GET', path: '/a%2Fb%20c/_search?size=1' },
    },
    {
      api: 'search',
      params: { size: '1', q: 'x y' },
      body: true,
      want: { method: 'POST', path: '/_search?size=1&q=x%20y' },
    },
    {
      api: 'search',
      params: { size: '1', error_trace: 'true' },
      body: false,
      want: { method: 'GET', path: '/_search?size=1&error_trace=true' },
    },
    { api: 'count', params: { index: 'i' }, body: false, want: { method: 'POST', path: '/i/_count' } },
    { api: 'search', params: { size: '1', ignore: '404,409' }, body: false, want: { ignore: [404, 409] } },
  ])('$api $params', ({ api, params, body, want }) => {
    expect(planCall(spec([search, legacy]), api, params, body)).toMatchObject(want);
  });

  it.each<{ api: string; params: Record<string, string>; error: string | RegExp }>([
    { api: 'nope', params: {}, error: /cannot be found/ },
    {
      api: 'search',
      params: { size: '1', bogus: 'x' },
      error: 'path/param [bogus] not supported by [search] api',
    },
    { api: 'search', params: {}, error: 'missing required parameter: [size] by [search] api' },
  ])('$api $params is an error', ({ api, params, error }) => {
    expect(() => planCall(spec([search]), api, params, false)).toThrow(error);
  });
});

describe('prerequisites', () => {
  const facts = { version: '8.15.0', clusterFeatures: new Set(['f1']), hasCapabilities: async () => false };

  it.each([
    { range: 'all', version: [1, 0, 0], want: true },
    { range: ' - 8.14.99', version: [8, 15, 0], want: false },
    { range: '8.15.0 - ', version: [8, 15, 0], want: true },
    { range: '7.0.0 - 7.9.9, 8.10.0 - 8.20.0', version: [8, 15, 0], want: true },
  ] as const)('version $range contains $version: $want', ({ range, version, want }) => {
    expect(versionInRanges(range, [...version])).toBe(want);
  });

  it.each([
    { items: [['skip', { version: 'all' }]], error: 'reason is mandatory' },
    { items: [['skip', { reason: 'r' }]], error: 'at least one predicate' },
    {
      items: [['requires', { cluster_features: ['x'] }]],
      error: 'reason is mandatory within this requires section',
    },
    { items: [['skip', { nope: 1 }]], error: 'field [nope] not supported within skip section' },
    { items: [['skip', { features: ['xpack', 'no_xpack'] }]], error: 'not both' },
  ] as const)('rejects $items', ({ items, error }) => {
    expect(() => parsePrerequisites(items as never, 'here')).toThrow(error);
  });

  it.each([
    { items: [['requires', { test_runner_features: ['headers'] }]], skipped: false },
    { items: [['requires', { test_runner_features: ['yaml'] }]], skipped: true },
    { items: [['requires', { cluster_features: ['f1'], reason: 'r' }]], skipped: false },
    { items: [['requires', { cluster_features: ['gte_v9.0.0'], reason: 'r' }]], skipped: true },
    { items: [['skip', { cluster_features: ['f2'], reason: 'r' }]], skipped: false },
    {
      items: [['skip', { known_issues: [{ cluster_feature: 'f1', fixed_by: 'f9' }], reason: 'r' }]],
      skipped: true,
    },
    { items: [['skip', { features: 'no_xpack' }]], skipped: true },
  ] as const)('$items skips: $skipped', async ({ items, skipped }) => {
    const reason = await skipReason(parsePrerequisites(items as never, 'here'), 'd', facts);
    expect(reason !== undefined).toBe(skipped);
  });
});

describe('suites, warnings and skip lists', () => {
  it.each([
    { yaml: '"t":\n  - do: {}\n', error: 'client call section is mandatory' },
    { yaml: '"t":\n  - do:\n      a: {}\n      b: {}\n', error: 'a do section calls one API' },
    { yaml: '"t":\n  - match: { a: 1, b: 2 }\n', error: 'expected exactly one field' },
    { yaml: '"t":\n  - do:\n      a: {}\n  - skip: { features: headers }\n', error: 'must come first' },
    { yaml: '"t": []\n---\n"t": []\n', error: 'duplicate test section [t]' },
    { yaml: 'setup: []\n', error: 'no test sections' },
  ])('rejects $yaml', ({ yaml, error }) => {
    expect(() => parseSuite(loadYamlDocuments(yaml, 'f.yml'), 'f.yml')).toThrow(error);
  });

  it('compares warnings in their escaped form', () => {
    expect(escapeAndEncode('say "hi" \\ é')).toBe('say \\"hi\\" \\\\ %C3%A9');
    const header = `299 Elasticsearch-8.15.0-abc "${escapeAndEncode('say "hi"')}"`;
    expect(
      checkWarnings([header], {
        warnings: ['say "hi"'],
        warningsRegex: [],
        allowedWarnings: [],
        allowedWarningsRegex: [],
      }),
    ).toBeUndefined();
    expect(
      checkWarnings(['not a warning'], {
        warnings: [],
        warningsRegex: [],
        allowedWarnings: [],
        allowedWarningsRegex: [],
      }),
    ).toContain('unmatched');
  });

  it('reads a skip list and matches by file suffix and test glob', () => {
    const entries = parseSkipList(
      '- file: ml/a.yml\n  test: "Test close*"\n  reason: gap\n- file: b.yml\n  reason: whole file\n',
      's.yml',
    );
    expect(findSkip(entries, 'x/ml/a.yml', 'Test close job')?.reason).toBe('gap');
    expect(findSkip(entries, 'x/ml/a.yml', 'Test open job')).toBeUndefined();
    expect(findSkip(entries, 'b.yml', 'anything')?.reason).toBe('whole file');
    expect(findSkip(entries, 'xb.yml', 'anything')).toBeUndefined();
  });

  it.each([
    { text: '- test: x\n', error: 'a reason is required' },
    { text: '- reason: r\n', error: 'give a file, a test or both' },
    { text: 'a: 1\n', error: 'one YAML list' },
    { text: '- test: x\n  reason: r\n  extra: 1\n', error: 'unknown field' },
  ])('rejects the skip list $text', ({ text, error }) => {
    expect(() => parseSkipList(text, 's.yml')).toThrow(error);
  });
});
