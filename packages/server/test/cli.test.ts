// The mlclose-server binary (dist/mlclose-server.js): ready line, --port 0, --help, bad flags, graceful SIGTERM.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, startCli } from './cli-helpers.js';

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

beforeAll(() => {
  ensureBuilt();
});

describe('mlclose-server CLI', () => {
  it('prints exactly one ready line with --port 0 and serves requests; SIGTERM exits 0', async () => {
    const { child, url, lines } = await startCli(['--port', '0', '--host', '127.0.0.1']);
    expect(lines).toEqual([`listening on ${url}`]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    const response = await fetch(`${url}/`);
    expect(response.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(response.headers.get('x-mlclose-test-control')).toBeNull();
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it('SIGINT also shuts down gracefully', async () => {
    const { child } = await startCli(['--port', '0', '--test-control']);
    const exited = exitOf(child);
    child.kill('SIGINT');
    expect((await exited).code).toBe(0);
  });

  it('--api-key, --user and --test-control are applied', async () => {
    const key = Buffer.from('id1:secret').toString('base64');
    const { child, url } = await startCli([
      '--port',
      '0',
      '--test-control',
      '--api-key',
      `${key}:viewer`,
      '--user',
      'elastic:pw',
    ]);
    try {
      expect((await fetch(`${url}/`)).status).toBe(401);
      const viaUser = await fetch(`${url}/_mlclose/test`, {
        headers: { Authorization: `Basic ${Buffer.from('elastic:pw').toString('base64')}` },
      });
      expect(viaUser.status).toBe(200);
      const viaKey = await fetch(`${url}/_ml/anomaly_detectors/x/_close`, {
        method: 'POST',
        headers: { Authorization: `ApiKey ${key}` },
      });
      expect(viaKey.status).toBe(403);
    } finally {
      const exited = exitOf(child);
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('--help documents every option and exits 0', () => {
    const result = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const flag of [
      '--host',
      '--port',
      '--api-key',
      '--user',
      '--data-dir',
      '--test-control',
      '--cors-allow-origin',
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it.each([['--bogus'], ['--port', 'abc'], ['--port', '70000'], ['--user', 'nopassword'], ['positional']])(
    'a bad flag (%s) prints a message on stderr and exits 2',
    (...args) => {
      const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^mlclose-server: /u);
      expect(result.stdout).toBe('');
    },
  );
});
