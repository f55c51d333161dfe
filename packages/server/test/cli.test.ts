// The mlclose-server binary (the package's bin): ready line, --port 0, --help, bad flags, graceful SIGTERM.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, startCli } from './cli-helpers.js';

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

beforeAll(() => {
  ensureBuilt();
});

describe('mlclose-server CLI', () => {
  // The bin is CommonJS (it starts faster than an ES module), bundled from ES modules, which are strict: the
  // directive must open the file (after the hashbang), or the whole bundle would run in sloppy mode.
  it('is a strict-mode CommonJS file', () => {
    expect(CLI.endsWith('.cjs')).toBe(true);
    const [hashbang, first] = readFileSync(CLI, 'utf8').split('\n');
    expect(hashbang).toBe('#!/usr/bin/env node');
    expect(first).toBe("'use strict';");
  });

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
      // The bundle finds the package's manifest from its own file, as the ES modules do from import.meta.url.
      const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      expect(((await viaUser.json()) as { version: string }).version).toBe(version);
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
