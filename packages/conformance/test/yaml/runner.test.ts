// The YAML runner against a fake Elasticsearch started here, on YAML tests and API descriptions written for it
// (./fixtures). Every fixture test's name says the outcome it must have: `pass:`, `fail:` or `skip:`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runYamlTests, TargetError, type YamlRunReport } from '../../src/index.js';
import { validateYamlReport } from '../support/report-schema.js';
import { startFakeEs, type FakeEs } from './fake-es.js';
import { yamlToHtml, yamlToJunit } from '../../src/yaml/report.js';
import { parseYamlCli } from '../../src/yaml/cli.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const api = path.join(fixtures, 'api');

let es: FakeEs;
let report: YamlRunReport;

beforeAll(async () => {
  es = await startFakeEs();
  report = await runYamlTests({
    paths: [path.join(fixtures, 'tests')],
    api,
    target: es.url,
    credentials: { username: 'elastic', password: 'very-secret-pw' },
    skipList: path.join(fixtures, 'skip-list.yml'),
    clusterFeatures: ['declared_feature'],
  });
});

afterAll(async () => {
  await es?.close();
});

function allTests() {
  return report.files.flatMap((file) => file.tests.map((test) => ({ file: file.file, ...test })));
}

describe('every construct', () => {
  it('ran every fixture test', () => {
    expect(allTests().length).toBe(41);
  });

  it.each(
    // The list is computed after the run; a fixture test that ends with another outcome fails here.
    Array.from({ length: 41 }, (_, i) => i),
  )('fixture test %i has the outcome its name says', (i) => {
    const test = allTests()[i]!;
    const want = { pass: 'passed', fail: 'failed', skip: 'skipped' }[test.name.split(':')[0] ?? ''];
    expect(test.status, `${test.name}: ${JSON.stringify(test.failure ?? test.skipReason ?? null)}`).toBe(
      want,
    );
  });
});

describe('details of outcomes', () => {
  const find = (name: string) => allTests().find((t) => t.name === name)!;

  it.each([
    { name: 'fail: nested 42 is not 42.0 (Java equals)', section: 'test', step: 2, kind: 'match' },
    {
      name: 'fail: gt between an Integer and a Double is a cast error',
      section: 'test',
      step: 2,
      kind: 'gt',
    },
    { name: 'fail: a parameter the API does not know is an error', section: 'test', step: 1, kind: 'do' },
    { name: 'fail: a step this runner does not know', section: 'test', step: 1, kind: 'is_after' },
    { name: 'fail: a failing teardown fails the test', section: 'teardown', step: 1, kind: 'do' },
    { name: 'fail: catch request does not take a 404', section: 'test', step: 1, kind: 'do' },
  ])('$name fails at $section step $step ($kind)', ({ name, section, step, kind }) => {
    expect(find(name).failure).toMatchObject({ section, step, kind });
  });

  it.each([
    {
      name: 'fail: a parameter the API does not know is an error',
      message: 'path/param [nope] not supported by [fake.echo] api',
    },
    { name: 'fail: gt between an Integer and a Double is a cast error', message: 'cast error' },
    { name: 'fail: an unexpected warning', message: 'got unexpected warning header' },
    { name: 'fail: an expected warning that does not come', message: 'did not get expected warning header' },
    {
      name: 'fail: catch on a success',
      message: 'expected [404] status code but api [fake.get_thing] returned [200',
    },
    { name: 'fail: an error status without catch', message: 'expected [2xx] status code' },
  ])('$name says why', ({ name, message }) => {
    expect(find(name).failure?.message).toContain(message);
  });

  it('gives expected and actual values', () => {
    expect(find('fail: big integers keep their digits').failure).toMatchObject({
      expected: 9007199254740992,
    });
    expect(find('fail: close_to out of range').failure).toMatchObject({ actual: 0.5 });
  });

  it.each([
    { name: 'skip: a runner feature this runner lacks', reason: 'some_future_feature' },
    { name: 'skip: version range covering the target', reason: 'covers 8.15.0' },
    { name: 'skip: awaits_fix', reason: 'awaits fix' },
    { name: 'skip: a required cluster feature the target lacks', reason: 'some_feature' },
    { name: 'skip: a skipped cluster feature the caller declares', reason: 'declared_feature' },
    { name: 'skip: listed in the skip list', reason: 'skip list: an example entry' },
    { name: 'skip: a file for serverless only', reason: 'not for stack' },
  ])('$name names the reason', ({ name, reason }) => {
    expect(find(name).skipReason).toContain(reason);
  });

  it('notes an ignored node selector and a catch: param', () => {
    expect(find('pass: node_selector is ignored with a note').notes.join()).toContain('node_selector');
    expect(find('pass: catch matches the status').notes.join()).toContain('catch: param');
  });

  it('sends a list body as newline-delimited JSON, and stashed values in path, query and body', () => {
    const bulk = es.seen.find((r) => r.url.startsWith('/_fake_bulk'))!;
    expect(bulk.body).toBe('{"index":{"_id":1}}\n{"field":"value"}\n{"index":{"_id":2}}\n');
    const echo = es.seen.find((r) => r.url.startsWith('/_echo/setup-thing/prefix-b'))!;
    expect(echo.method).toBe('POST');
    expect(echo.url).toContain('error_trace=true');
  });

  it('keeps a transcript per test, credentials redacted everywhere', async () => {
    expect(find('pass: HEAD answers true or false').transcript.map((e) => e.request.method)).toEqual([
      'PUT',
      'HEAD',
      'HEAD',
      'DELETE',
    ]);
    const everything = JSON.stringify(report) + yamlToHtml(report) + yamlToJunit(report);
    expect(everything).not.toContain('very-secret-pw');
    expect(everything).not.toContain(Buffer.from('elastic:very-secret-pw').toString('base64'));
    expect(es.seen[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('elastic:very-secret-pw').toString('base64')}`,
    );
  });
});

describe('report', () => {
  it('validates against yaml-report-schema.json', () => {
    const result = validateYamlReport(JSON.parse(JSON.stringify(report)));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('rejects a report that breaks the schema', () => {
    expect(validateYamlReport({ ...JSON.parse(JSON.stringify(report)), verdict: 'maybe' }).valid).toBe(false);
  });

  it('counts and decides', () => {
    expect(report.verdict).toBe('failed');
    expect(report.summary.tests.total).toBe(41);
    expect(report.summary.tests.passed + report.summary.tests.failed + report.summary.tests.skipped).toBe(41);
    expect(report.wipe.enabled).toBe(false);
  });

  it('renders each file and test in HTML and JUnit', () => {
    const html = yamlToHtml(report);
    expect(html).toContain('constructs.yml');
    expect(html).toContain('pass: HEAD answers true or false');
    expect(html).toContain('HEAD ');
    const junit = yamlToJunit(report);
    expect(junit.match(/<testcase /g)?.length).toBe(41);
    expect(junit).toContain('<testsuite name="teardown.yml"');
  });
});

describe('safety and inputs', () => {
  it('refuses a target that is not empty without allowDestructive', async () => {
    es.jobs = ['someone-elses-job'];
    try {
      await expect(
        runYamlTests({ paths: [path.join(fixtures, 'tests', 'teardown.yml')], api, target: es.url }),
      ).rejects.toThrow(/not empty: it holds 1 job.*--allow-destructive/s);
      await expect(
        runYamlTests({ paths: [path.join(fixtures, 'tests', 'teardown.yml')], api, target: es.url }),
      ).rejects.toBeInstanceOf(TargetError);
    } finally {
      es.jobs = [];
    }
  });

  it('wipes between tests only with allowDestructive', async () => {
    es.jobs = ['someone-elses-job'];
    const before = es.seen.length;
    try {
      const wiped = await runYamlTests({
        paths: [path.join(fixtures, 'tests', 'constructs.yml')],
        api,
        target: es.url,
        test: 'HEAD answers',
        allowDestructive: true,
      });
      expect(wiped.wipe.enabled).toBe(true);
      const deletes = es.seen
        .slice(before)
        .filter((r) => r.method === 'DELETE' && r.url.startsWith('/_ml/anomaly_detectors/'));
      expect(deletes.map((r) => r.url)).toContain('/_ml/anomaly_detectors/someone-elses-job?force=true');
      expect(wiped.summary.tests.total).toBe(1);
    } finally {
      es.jobs = [];
    }
  });

  it('stops at once when the signal is already aborted, and says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const stopped = await runYamlTests({
      paths: [path.join(fixtures, 'tests', 'constructs.yml')],
      api,
      target: es.url,
      signal: controller.signal,
    });
    expect(stopped.interrupted).toBe(true);
    expect(stopped.summary.tests.total).toBe(0);
  });

  it('reports a malformed file as a failed file, naming the problem', async () => {
    const broken = await runYamlTests({ paths: [path.join(fixtures, 'broken')], api, target: es.url });
    expect(broken.verdict).toBe('failed');
    expect(broken.files[0]!.error).toMatch(/malformed\.yml.*step 1: expected exactly one field/);
  });

  it.each([
    { argv: ['x.yml'], error: /--api DIR/ },
    { argv: ['--api', 'dir'], error: /at least one YAML file/ },
    { argv: ['x.yml', '--api', 'd', '--target', 'ftp://x'], error: /http:\/\/ or https:\/\// },
    { argv: ['x.yml', '--api', 'd', '--nope'], error: /Unknown option/ },
  ])('the CLI rejects $argv', ({ argv, error }) => {
    expect(() => parseYamlCli(argv, {})).toThrow(error);
  });

  it('the CLI reads target, credentials and the yaml options', () => {
    const parsed = parseYamlCli(
      [
        'a.yml',
        'dir',
        '--api',
        'api',
        '--target',
        'http://u:p@127.0.0.1:9200',
        '--test',
        'x',
        '--skip-list',
        's.yml',
        '--allow-destructive',
      ],
      {},
    );
    expect(parsed).toMatchObject({
      help: false,
      options: {
        paths: ['a.yml', 'dir'],
        api: 'api',
        target: 'http://127.0.0.1:9200',
        credentials: { username: 'u', password: 'p' },
        test: 'x',
        skipList: 's.yml',
        allowDestructive: true,
      },
    });
  });

  it('writes the JSON, JUnit and HTML reports from the command line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'yaml-cli-'));
    try {
      const { yamlMain } = await import('../../src/yaml/cli.js');
      const write = process.stdout.write.bind(process.stdout);
      let printed = '';
      process.stdout.write = ((chunk: string) => {
        printed += chunk;
        return true;
      }) as typeof process.stdout.write;
      let code: number;
      try {
        code = await yamlMain([
          path.join(fixtures, 'tests', 'constructs.yml'),
          '--api',
          api,
          '--target',
          es.url,
          '--test',
          'HEAD answers',
          '--username',
          'elastic',
          '--password',
          'cli-secret-pw',
          '--verbose',
          '--json',
          path.join(dir, 'r.json'),
          '--junit',
          path.join(dir, 'r.xml'),
          '--html',
          path.join(dir, 'r.html'),
        ]);
      } finally {
        process.stdout.write = write;
      }
      expect(code).toBe(0);
      // --verbose prints every exchange, credentials redacted.
      expect(printed).toContain('> HEAD ');
      expect(printed).toContain('PASSED  constructs.yml / pass: HEAD answers true or false');
      expect(printed).not.toContain('cli-secret-pw');
      expect(validateYamlReport(JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8'))).valid).toBe(
        true,
      );
      expect(await readFile(path.join(dir, 'r.xml'), 'utf8')).toContain('HEAD answers');
      expect(await readFile(path.join(dir, 'r.html'), 'utf8')).toContain('HEAD answers');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
