// The command line: exit codes and messages. Runs the built dist/cli.js, as users do.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@mlclose/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../src/checks/index.js';
import { parseCli } from '../src/cli.js';
import { startTamperProxy } from './support/tamper-proxy.js';
import { builtFile } from './support/fresh-dist.js';
import { validateReport } from './support/report-schema.js';
import { startTarget, type Target } from './support/target.js';

const CLI = builtFile('cli.js');

function run(
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, CLI, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

// Nothing can listen on port 0 (binding port 0 picks another port), so a connection to it is refused every time;
// a port that was free a moment ago could be taken by anyone in between.
const UNCONNECTABLE = 'http://127.0.0.1:0';

let server: Target;
let secured: Target;

beforeAll(async () => {
  server = await startTarget();
  secured = await startServer({ host: '127.0.0.1', port: 0, apiKeys: [{ key: 'right-key-123' }] });
});

/** The temporary directories the tests make; each is removed after the file's tests. */
const temporaryDirs: string[] = [];
function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await server.close();
  await secured.close();
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

// Concurrent: each test waits on its own child process. Tests that list what a server holds have a server of their
// own; the others share one, each run under its own run id.
describe.concurrent('mlclose-conformance exit codes', () => {
  it('2 and "cannot reach" for an unreachable target', async () => {
    const result = await run(['--target', UNCONNECTABLE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot reach ${UNCONNECTABLE}/: connect ECONNREFUSED`);
  });

  it('2 and "401: check your API key" for a wrong key, without printing the key', async () => {
    const result = await run(['--target', secured.url], { ELASTIC_API_KEY: 'wrong-key-456' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('401: check your API key');
    expect(result.stderr + result.stdout).not.toContain('wrong-key-456');
  });

  it('2 with a hint when the target needs credentials and none are given', async () => {
    const result = await run(['--target', secured.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('401: the target needs credentials');
  });

  it.each([
    [['--bogus']],
    [['--seed', 'abc']],
    [['--api-key', 'k', '--username', 'u', '--password', 'p']],
    [['--target', 'ftp://127.0.0.1:1']],
    [['--only', 'CJ-NOPE-999', '--target', 'http://127.0.0.1:1']],
    [['cleanup']],
  ])('2 for bad usage: %j', async (args) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mlclose-conformance: /);
  });

  it('answers --help, list, bad usage, cleanup and yaml usage without loading vitest, which only a run needs', async () => {
    // A module hook in the child that refuses to resolve vitest: whatever imports it fails.
    const refuseVitest = `export async function resolve(specifier, context, next) {
      if (/^vitest(\\/|$)/.test(specifier)) throw new Error('loaded ' + specifier);
      return next(specifier, context);
    }`;
    const register = `import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(refuseVitest)}));`;
    const withoutVitest = ['--import', `data:text/javascript,${encodeURIComponent(register)}`];
    const help = await run(['--help'], {}, withoutVitest);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toContain('--target');
    const list = await run(['list'], {}, withoutVitest);
    expect([list.code, list.stderr]).toEqual([0, '']);
    expect(
      list.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(allChecks().map((check) => check.id));
    const usage = await run(['--seed', 'abc'], {}, withoutVitest);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('mlclose-conformance: --seed must be a non-negative integer');
    const cleanup = await run(
      ['cleanup', '--run-id', 'nothinghere', '--target', server.url],
      {},
      withoutVitest,
    );
    expect([cleanup.code, cleanup.stderr]).toEqual([0, '']);
    expect(cleanup.stdout).toContain('cleanup of run nothinghere: 0 job(s), 0 datafeed(s) removed');
    const yaml = await run(['yaml'], {}, withoutVitest);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toContain('yaml: give at least one YAML file or directory');
    // The hook does refuse: a run loads vitest, and fails here.
    const runOnce = await run(['--target', UNCONNECTABLE], {}, withoutVitest);
    expect(runOnce.code).toBe(2);
    expect(runOnce.stderr).toContain('loaded vitest');
  });

  it('0 for a conformant target, with JSON, JUnit and HTML reports', async () => {
    const dir = temporaryDir('mlc-cli-');
    const result = await run([
      '--target',
      server.url,
      '--only',
      'supporting,CJ-MATCH-002',
      '--seed',
      '5',
      '--json',
      join(dir, 'r.json'),
      '--junit',
      join(dir, 'r.xml'),
      '--html',
      join(dir, 'r.html'),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('verdict: CONFORMANT');
    expect(result.stdout).toContain('seed 5');
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as unknown;
    expect(validateReport(report).errors).toEqual([]);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('<testsuites');
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('1 for an incomplete run: nothing selected that a check verifies', async () => {
    const result = await run(['--target', server.url, '--only', 'CJ-EXPAND-008', '--seed', '7']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('verdict: INCOMPLETE (no check passed)');
  });

  it('1 for a non-conformant target, with a replay command per failure', async () => {
    const proxy = await startTamperProxy(server.url, (exchange) =>
      exchange.url.includes('/_close') && exchange.status === 404 ? { status: 400 } : undefined,
    );
    try {
      const result = await run(['--target', proxy.url, '--only', 'route/not-validated', '--seed', '6']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('verdict: NOT CONFORMANT');
      expect(result.stdout).toMatch(
        /mlclose-conformance --target http:\/\/127\.0\.0\.1:\d+ --seed 6 --only \S+/,
      );
    } finally {
      await proxy.close();
    }
  });

  it('cleanup --run-id removes what a run left behind, and only that', async () => {
    // Its own server: the runs of the other tests create and delete mlc-* jobs on the shared one meanwhile.
    const own = await startServer({ host: '127.0.0.1', port: 0 });
    try {
      const put = (id: string) =>
        fetch(`${own.url}/_ml/anomaly_detectors/${id}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            analysis_config: { detectors: [{ function: 'count' }] },
            data_description: {},
          }),
        });
      await put('mlc-left1-a');
      await put('mlc-left1-b');
      await put('mlc-other-a');
      const result = await run(['cleanup', '--run-id', 'left1', '--target', own.url]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('2 job(s)');
      const jobs = (await (await fetch(`${own.url}/_ml/anomaly_detectors/mlc-*`)).json()) as {
        jobs: Array<{ job_id: string }>;
      };
      expect(jobs.jobs.map((j) => j.job_id)).toEqual(['mlc-other-a']);
    } finally {
      await own.close();
    }
  });

  it('cleanup redacts basic-auth secrets (the password, user:password and its base64) from what it prints', async () => {
    const username = 'conf';
    const password = 'pass-word1';
    // The Basic Authorization value, as a careless target might echo it back.
    const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    const echoed = [`mlc-leak1-${encoded}`, `mlc-leak1-${username}:${password}`];
    // The target lists jobs whose ids carry the credentials, and refuses to delete them, by prefix (test control) and
    // one by one: cleanup reports each id.
    const proxy = await startTamperProxy(server.url, (exchange) => {
      if (exchange.method === 'POST' && exchange.url.startsWith('/_mlclose/test/_delete_by_prefix'))
        return { status: 500, responseBody: JSON.stringify({ echoed }) };
      if (exchange.method === 'GET' && exchange.url.startsWith('/_ml/anomaly_detectors/mlc-leak1-*/_stats'))
        return {
          status: 200,
          responseBody: JSON.stringify({
            count: 2,
            jobs: echoed.map((job_id) => ({ job_id, state: 'closed' })),
          }),
        };
      if (exchange.method === 'DELETE' && exchange.url.includes('mlc-leak1-'))
        return { status: 500, responseBody: JSON.stringify({ echoed }) };
      return undefined;
    });
    try {
      const result = await run([
        'cleanup',
        '--run-id',
        'leak1',
        '--target',
        proxy.url,
        '--username',
        username,
        '--password',
        password,
      ]);
      expect(result.code).toBe(1);
      const output = result.stdout + result.stderr;
      expect(output.match(/delete job mlc-leak1-\[REDACTED\]: answered 500/g)).toHaveLength(2);
      expect(output).toContain('delete by prefix mlc-leak1-: answered 500');
      for (const secret of [password, `${username}:${password}`, encoded])
        expect(output).not.toContain(secret);
    } finally {
      await proxy.close();
    }
  });

  it('130 on Ctrl-C: vitest stops, the cleanup still runs, nothing of the run is left', async () => {
    const child = spawn(process.execPath, [CLI, '--target', server.url, '--seed', '12', '--verbose'], {
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once a check has finished: --verbose prints a line per check, so the first one is the event.
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/^(PASSED|FAILED|WARNED|SKIPPED) /m.test(stdout)) resolve();
      }),
    );
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted: cleaning up');
    expect(stdout).toMatch(
      /^verdict: (INCOMPLETE|NOT CONFORMANT) \(interrupted; \d+ of \d+ checks did not run\)$/m,
    );
    const runId = /run ([a-z0-9]+),/.exec(stdout)![1]!;
    const left = (await (
      await fetch(`${server.url}/_ml/anomaly_detectors/mlc-${runId}-*?allow_no_match=true`)
    ).json()) as { count: number };
    expect(left.count).toBe(0);
  }, 120_000);

  it('runs from an installed copy (the suite module inside node_modules)', async () => {
    // The package as a user's node_modules holds it: dist and the manifest, its dependencies next to it.
    const root = temporaryDir('mlclose-installed-');
    const pkg = join(root, 'node_modules/@mlclose/conformance');
    mkdirSync(pkg, { recursive: true });
    cpSync(fileURLToPath(new URL('../dist', import.meta.url)), join(pkg, 'dist'), { recursive: true });
    cpSync(fileURLToPath(new URL('../package.json', import.meta.url)), join(pkg, 'package.json'));
    const here = fileURLToPath(new URL('..', import.meta.url));
    for (const dep of ['vitest', 'fast-check', '@mlclose/schema', '@mlclose/server'])
      symlinkSync(realpathSync(join(here, 'node_modules', dep)), join(root, 'node_modules', dep));
    const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          join(pkg, 'dist/cli.js'),
          '--target',
          server.url,
          '--only',
          'route/options,supporting/info',
          '--seed',
          '5',
        ],
        { cwd: root, env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
        (error, stdout) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
      ),
    );
    expect(result.stdout).toContain('checks: 3 (passed 3, failed 0');
    expect(result.code).toBe(0);
  }, 120_000);
});

describe('parseCli', () => {
  it('takes the target from ELASTICSEARCH_URL and the key from ELASTIC_API_KEY', () => {
    const args = parseCli([], { ELASTICSEARCH_URL: 'http://127.0.0.1:9200', ELASTIC_API_KEY: 'k' });
    expect(args.target).toBe('http://127.0.0.1:9200');
    expect(args.credentials).toEqual({ apiKey: 'k' });
  });

  it('lets --target and --api-key win over the environment, and reads user:password from the URL', () => {
    expect(
      parseCli(['--target', 'http://127.0.0.1:1', '--api-key', 'x'], {
        ELASTICSEARCH_URL: 'http://127.0.0.1:2',
        ELASTIC_API_KEY: 'k',
      }),
    ).toMatchObject({
      target: 'http://127.0.0.1:1',
      credentials: { apiKey: 'x' },
    });
    expect(parseCli(['--target', 'http://u:p@127.0.0.1:1'], {})).toMatchObject({
      target: 'http://127.0.0.1:1',
      credentials: { username: 'u', password: 'p' },
    });
  });

  it('splits --only and parses --seed', () => {
    expect(parseCli(['--only', 'CJ-MATCH-001, CJ-BODY-002', '--seed', '42'], {})).toMatchObject({
      only: ['CJ-MATCH-001', 'CJ-BODY-002'],
      seed: 42,
    });
  });

  it('takes vitest reporters with an optional output file, and --bail', () => {
    expect(
      parseCli(['--vitest-reporter', 'verbose', '--vitest-reporter', 'junit:out/v.xml', '--bail'], {}),
    ).toMatchObject({
      vitestReporters: ['verbose', ['junit', { outputFile: 'out/v.xml' }]],
      bail: true,
    });
    expect(parseCli([], {})).toMatchObject({ vitestReporters: [], bail: false, checkTimeoutMs: undefined });
    expect(parseCli(['--check-timeout', '300'], {})).toMatchObject({ checkTimeoutMs: 300_000 });
  });

  it.each([
    [['--vitest-reporter', 'html'], "unknown reporter 'html'"],
    [['--vitest-reporter', 'junit:'], 'the file after'],
    [['--vitest-reporter', './my-reporter.js'], 'unknown reporter'],
    [['--check-timeout', '0'], '--check-timeout must be'],
    [['--check-timeout', '1.5'], '--check-timeout must be'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(message);
  });
});
