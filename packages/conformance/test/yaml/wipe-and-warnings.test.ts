// The wipe between tests (what Elastic's ESRestTestCase.wipeCluster clears: hidden `.`-indices and cluster
// settings too) and the run-wide --allowed-warnings-regex, against the fake Elasticsearch and our own fixtures.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runYamlTests } from '../../src/index.js';
import { parseYamlCli } from '../../src/yaml/cli.js';
import { preservedIndex, settingsSetBy } from '../../src/yaml/wipe.js';
import { startFakeEs, type FakeEs } from './fake-es.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const api = path.join(fixtures, 'api');
const settingsTest = path.join(fixtures, 'wipe', 'settings.yml');
const warningTest = path.join(fixtures, 'wipe', 'unexpected-warning.yml');

let es: FakeEs;
beforeAll(async () => {
  es = await startFakeEs();
});
afterAll(async () => {
  await es?.close();
});
beforeEach(() => {
  es.indices = undefined;
  es.settings = undefined;
});

/** The requests the fake saw during one run. */
async function run(options: Partial<Parameters<typeof runYamlTests>[0]> & { paths: string[] }) {
  const before = es.seen.length;
  const report = await runYamlTests({ api, target: es.url, ...options });
  return { report, seen: es.seen.slice(before) };
}

describe('the wipe', () => {
  it('deletes every listed index, hidden and "." ones included, but keeps .security* and .ds-*', async () => {
    es.indices = ['.ml-state-000001', '.ml-anomalies-shared', '.security-7', '.ds-logs-000001', 'logs'];
    const { report, seen } = await run({ paths: [settingsTest], allowDestructive: true });
    expect(report.summary.tests.passed).toBe(1);
    const deleted = seen.filter((r) => r.method === 'DELETE').map((r) => r.url);
    expect(deleted).toEqual(expect.arrayContaining(['/.ml-state-000001', '/.ml-anomalies-shared', '/logs']));
    expect(deleted).not.toContain('/.security-7');
    expect(deleted).not.toContain('/.ds-logs-000001');
    expect(es.indices).toEqual(['.security-7', '.ds-logs-000001']);
  });

  it('without an index listing, deletes the indices the test named', async () => {
    const { seen } = await run({ paths: [settingsTest], allowDestructive: true });
    expect(seen.filter((r) => r.method === 'DELETE').map((r) => r.url)).toContain('/things');
  });

  it('without GET /_cluster/settings, clears by name the settings the test set, in their scope', async () => {
    const { seen } = await run({ paths: [settingsTest], allowDestructive: true });
    const puts = seen.filter((r) => r.method === 'PUT' && r.url.startsWith('/_cluster/settings'));
    expect(puts).toHaveLength(2);
    expect(JSON.parse(puts[1]!.body)).toEqual({
      persistent: { 'fake.setting.one': null },
      transient: { 'fake.setting.two': null },
    });
    expect(puts[1]!.headers['content-type']).toBe('application/json');
  });

  it('with GET /_cluster/settings, clears every top-level key of each scope with a wildcard', async () => {
    es.settings = { persistent: { cluster: { a: '1' }, xpack: { b: '2' } }, transient: {} };
    const { seen } = await run({ paths: [settingsTest], allowDestructive: true });
    const puts = seen.filter((r) => r.method === 'PUT' && r.url.startsWith('/_cluster/settings'));
    expect(JSON.parse(puts.at(-1)!.body)).toEqual({ persistent: { 'cluster.*': null, 'xpack.*': null } });
  });

  it('touches nothing without allowDestructive', async () => {
    es.indices = ['.ml-state-000001'];
    const { seen } = await run({ paths: [settingsTest] });
    expect(seen.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(seen.filter((r) => r.method === 'PUT' && r.url.startsWith('/_cluster/settings'))).toHaveLength(1);
  });

  it.each([
    { description: 'a security index', given: '.security-7', want: true },
    { description: 'a data stream backing index', given: '.ds-ilm-history-7-000001', want: true },
    { description: 'an ML state index', given: '.ml-state-000001', want: false },
    { description: 'a user index', given: 'logs', want: false },
  ])('preserves $description: $want', ({ given, want }) => {
    expect(preservedIndex(given)).toBe(want);
  });

  it('reads the settings a test set from its requests, ignoring other requests and bad bodies', () => {
    const exchange = (method: string, url: string, body?: string) => ({
      request: { method, url, headers: {}, ...(body !== undefined ? { body } : {}) },
      durationMs: 0,
    });
    const set = settingsSetBy([
      exchange(
        'PUT',
        'http://h/_cluster/settings',
        '{"persistent":{"a":{"b":"x"}},"transient":{"c.d":null}}',
      ),
      exchange('PUT', 'http://h/_cluster/settings?flat_settings=true', '{"transient":{"e":1}}'),
      exchange('PUT', 'http://h/_cluster/settings', 'not json'),
      exchange('PUT', 'http://h/other', '{"persistent":{"z":1}}'),
    ]);
    expect([...set.persistent]).toEqual(['a.b']);
    expect([...set.transient].sort()).toEqual(['c.d', 'e']);
  });
});

describe('--allowed-warnings-regex', () => {
  it("a warning a step does not declare fails the test by default, as in Elastic's runner", async () => {
    const { report } = await run({ paths: [warningTest] });
    expect(report.files[0]!.tests[0]!.status).toBe('failed');
    expect(report.files[0]!.tests[0]!.failure?.message).toMatch(/got unexpected warning header/);
    expect(report.options.allowedWarningsRegex).toEqual([]);
  });

  it('allows a warning whose whole message matches, in every step, and says so in the report', async () => {
    const { report } = await run({
      paths: [warningTest],
      allowedWarningsRegex: ['^Posting things is deprecated.*'],
    });
    expect(report.files[0]!.tests[0]!.status).toBe('passed');
    expect(report.options.allowedWarningsRegex).toEqual(['^Posting things is deprecated.*']);
  });

  it('matches the whole message, not a part of it', async () => {
    const { report } = await run({ paths: [warningTest], allowedWarningsRegex: ['Posting things'] });
    expect(report.files[0]!.tests[0]!.status).toBe('failed');
  });

  it('refuses a regex Java would not compile', async () => {
    await expect(run({ paths: [warningTest], allowedWarningsRegex: ['(unclosed'] })).rejects.toThrow(
      /--allowed-warnings-regex \(unclosed/,
    );
  });

  it('the CLI takes the option more than once', () => {
    const parsed = parseYamlCli(
      ['a.yml', '--api', 'api', '--allowed-warnings-regex', 'one.*', '--allowed-warnings-regex', 'two'],
      {},
    );
    expect(parsed).toMatchObject({ options: { allowedWarningsRegex: ['one.*', 'two'] } });
  });
});
