// `mlclose close ...` in-process (run()) against the reference server, and once as the real bin.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UNREACHABLE_URL, type TestServer } from '@mlclose/server/testing';
import { EXIT, run } from '../src/cli-program.js';
import { recordingFetch } from './helpers/recording-fetch.js';
import { API_KEY, openJobs, startSecuredServer } from './helpers/secured-server.js';

let server: TestServer;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startSecuredServer();
  env = { ELASTICSEARCH_URL: server.url, ELASTIC_API_KEY: API_KEY };
});
afterAll(() => server?.close());
beforeEach(async () => {
  await server.reset();
  await openJobs(server, ['foo-1', 'foo-2']);
});

async function mlclose(
  argv: string[],
  environment: Record<string, string | undefined> = env,
  fetch?: (r: Request) => Promise<Response>,
) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, environment, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    fetch,
  });
  return { code, stdout, stderr };
}

describe('mlclose close', () => {
  it('closes a job and prints the JSON result', async () => {
    expect(await mlclose(['close', 'foo-1'])).toEqual({
      code: EXIT.ok,
      stdout: '{"closed":true}\n',
      stderr: '',
    });
    expect(await server.state('foo-1')).toBe('closed');
    expect(await server.state('foo-2')).toBe('opened');
  });

  it('closes several ids, a wildcard included', async () => {
    expect((await mlclose(['close', 'foo-1', 'foo-*'])).code).toBe(EXIT.ok);
    expect(await server.state('foo-2')).toBe('closed');
  });

  it.each([
    { flags: ['--force'], body: { force: true } },
    { flags: ['--force=false', '--timeout', '5m'], body: { force: false, timeout: '5m' } },
    { flags: ['--allow-no-match=false'], body: { allow_no_match: false } },
    { flags: ['--allow-no-match'], body: { allow_no_match: true } },
  ])('sends $flags in the body', async ({ flags, body }) => {
    const { fetch, requests } = recordingFetch();
    expect((await mlclose(['close', 'j1', ...flags], env, fetch)).code).toBe(EXIT.ok);
    expect(JSON.parse(requests[0]!.body)).toEqual(body);
    expect(requests[0]!.headers.authorization).toBe(`ApiKey ${API_KEY}`);
  });

  it('--query-params sends the options in the query string', async () => {
    const { fetch, requests } = recordingFetch();
    await mlclose(['close', 'a', 'b', '--force', '--timeout=1m', '--query-params'], env, fetch);
    expect(requests[0]!.url).toBe(`${server.url}/_ml/anomaly_detectors/a,b/_close?force=true&timeout=1m`);
    expect(requests[0]!.body).toBe('');
  });

  it('uses basic auth from ELASTIC_USERNAME and ELASTIC_PASSWORD', async () => {
    const result = await mlclose(['close', 'foo-1'], {
      ELASTICSEARCH_URL: server.url,
      ELASTIC_USERNAME: 'elastic',
      ELASTIC_PASSWORD: 'changeme',
    });
    expect(result.code).toBe(EXIT.ok);
  });

  it('exits 1 with the Elasticsearch reason on one line', async () => {
    const result = await mlclose(['close', 'missing']);
    expect(result.code).toBe(EXIT.response);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^mlclose: HTTP 404 resource_not_found_exception: No known job with id 'missing'.*\n$/,
    );
    expect(result.stderr.split('\n')).toHaveLength(2);
  });

  it('exits 1 for a 409 (failed job without --force), then 0 with --force', async () => {
    await server.failJob('foo-1');
    const result = await mlclose(['close', 'foo-1']);
    expect(result.code).toBe(EXIT.response);
    expect(result.stderr).toContain('cannot close job [foo-1] because it failed, use force close');
    expect((await mlclose(['close', 'foo-1', '--force'])).code).toBe(EXIT.ok);
  });

  it.each([
    { description: 'no command', argv: [] },
    { description: 'no job id', argv: ['close'] },
    { description: 'an unknown command', argv: ['open', 'foo-1'] },
    { description: 'an unknown flag', argv: ['close', 'foo-1', '--forse'] },
    { description: 'a bad boolean', argv: ['close', 'foo-1', '--force=yes'] },
    { description: 'a bad Duration (checked before sending)', argv: ['close', 'foo-1', '--timeout', '30M'] },
    { description: 'a blank job id', argv: ['close', ' '] },
    { description: 'a bad --request-timeout', argv: ['close', 'foo-1', '--request-timeout', 'soon'] },
  ])('exits 2 for $description', async ({ argv }) => {
    const result = await mlclose(argv);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/^mlclose: .+\n$/);
    expect(await server.state('foo-1')).toBe('opened');
  });

  it('exits 2 without ELASTICSEARCH_URL', async () => {
    const result = await mlclose(['close', 'foo-1'], {});
    expect(result).toMatchObject({
      code: EXIT.usage,
      stderr: 'mlclose: set ELASTICSEARCH_URL or pass --url\n',
    });
  });

  it('exits 2 for credentials in the URL, without printing them', async () => {
    const result = await mlclose(['close', 'foo-1'], {
      ELASTICSEARCH_URL: 'http://elastic:hunter2@127.0.0.1:9200',
    });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('exits 3 when nothing listens, without printing the API key', async () => {
    const result = await mlclose(['close', 'foo-1'], {
      ELASTICSEARCH_URL: UNREACHABLE_URL,
      ELASTIC_API_KEY: API_KEY,
    });
    expect(result.code).toBe(EXIT.connection);
    expect(result.stderr).toMatch(/^mlclose: .*\n$/);
    expect(result.stderr).not.toContain(API_KEY);
  });

  it('exits 3 when --request-timeout expires', async () => {
    await server.behaviour('foo-1', { hold_close: true });
    const result = await mlclose(['close', 'foo-1', '--request-timeout', '100']);
    expect(result.code).toBe(EXIT.connection);
    expect(result.stderr).toContain('timed out');
  });

  it('exits 130 when interrupted (the signal Ctrl-C aborts)', async () => {
    await server.behaviour('foo-1', { hold_close: true });
    const controller = new AbortController();
    let stderr = '';
    const pending = run(['close', 'foo-1'], env, {
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
      signal: controller.signal,
    });
    await server.waitForState('foo-1', 'closing');
    controller.abort();
    expect(await pending).toBe(EXIT.aborted);
    expect(stderr).toMatch(/^mlclose: aborted/);
  });

  it('--url overrides ELASTICSEARCH_URL', async () => {
    const result = await mlclose(['close', 'foo-1', '--url', server.url], {
      ELASTICSEARCH_URL: 'http://127.0.0.1:1',
      ELASTIC_API_KEY: API_KEY,
    });
    expect(result.code).toBe(EXIT.ok);
  });

  it('--help prints the usage with the exit codes', async () => {
    const result = await mlclose(['--help']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('Usage: mlclose close <job_id...>');
    expect(result.stdout).toContain('ELASTIC_API_KEY');
    expect(result.stdout).toMatch(/0 ok, 1 Elasticsearch error response, 2 usage, 3 connection/);
  });
});

describe('the mlclose bin (dist/cli.js)', () => {
  const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const exec = promisify(execFile);

  it('closes a job as a real process', async () => {
    const { stdout } = await exec(process.execPath, [bin, 'close', 'foo-2'], {
      env: { ...process.env, ...env },
    });
    expect(stdout).toBe('{"closed":true}\n');
    expect(await server.state('foo-2')).toBe('closed');
  });

  it('sets the exit code of an error response', async () => {
    const error = await exec(process.execPath, [bin, 'close', 'missing'], {
      env: { ...process.env, ...env },
    }).catch((e) => e);
    expect(error.code).toBe(EXIT.response);
    expect(error.stderr).toContain("No known job with id 'missing'");
  });
});
