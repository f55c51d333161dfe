// better-sqlite3 is a native add-on: a server in memory must not load it, only a server with a data directory.
// Each case runs the built server (dist/, and the bin) in a fresh Node process and reads what that process loaded.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startCli } from './cli-helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/loaded-modules.mjs', import.meta.url));
const REPORT_ON_EXIT = fileURLToPath(new URL('./fixtures/report-loaded-on-exit.cjs', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Loaded {
  status: number;
  modules: string[];
  sharedObjects: string[];
}

async function loadedBy(options: Record<string, unknown>): Promise<Loaded> {
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD, JSON.stringify(options)], {
    timeout: 30_000,
  });
  return JSON.parse(stdout) as Loaded;
}

const isSqliteModule = (path: string): boolean => /[\\/]better-sqlite3[\\/]/u.test(path);
const isSqliteAddon = (path: string): boolean => path.endsWith('better_sqlite3.node');

describe('better-sqlite3 is loaded lazily', () => {
  it('a server in memory loads neither better-sqlite3 nor its native add-on', async () => {
    const loaded = await loadedBy({});
    expect(loaded.status).toBe(200);
    expect(loaded.modules.filter(isSqliteModule)).toEqual([]);
    expect(loaded.sharedObjects.filter(isSqliteAddon)).toEqual([]);
  });

  // The control: the same observation sees the module when a data directory makes the server load it.
  it('a server with a data directory loads both', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlclose-lazy-'));
    dirs.push(dataDir);
    const loaded = await loadedBy({ dataDir });
    expect(loaded.status).toBe(200);
    expect(loaded.modules.filter(isSqliteModule)).not.toEqual([]);
    expect(loaded.sharedObjects.filter(isSqliteAddon)).not.toEqual([]);
  });
});

/** Runs the bin with `args`, answers one request, stops it with SIGTERM, and reads what its process loaded. */
async function loadedByBin(args: string[]): Promise<Loaded> {
  const { child, url, stderr } = await startCli(['--port', '0', ...args], ['--require', REPORT_ON_EXIT]);
  const exited = once(child, 'exit');
  const response = await fetch(`${url}/`);
  child.kill('SIGTERM');
  const [code] = await exited;
  expect(code).toBe(0);
  const last = stderr().trimEnd().split('\n').at(-1) ?? '';
  return { status: response.status, ...(JSON.parse(last) as Omit<Loaded, 'status'>) };
}

describe('the mlclose-server bin loads better-sqlite3 lazily', () => {
  beforeAll(() => {
    ensureBuilt();
  });

  it('in memory it loads neither better-sqlite3 nor its native add-on', async () => {
    const loaded = await loadedByBin([]);
    expect(loaded.status).toBe(200);
    // The observation works: the bin itself is in the module cache.
    expect(loaded.modules.some((path) => path.endsWith('mlclose-server.cjs'))).toBe(true);
    expect(loaded.modules.filter(isSqliteModule)).toEqual([]);
    expect(loaded.sharedObjects.filter(isSqliteAddon)).toEqual([]);
  });

  it('with --data-dir it loads both', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlclose-lazy-'));
    dirs.push(dataDir);
    const loaded = await loadedByBin(['--data-dir', dataDir]);
    expect(loaded.status).toBe(200);
    expect(loaded.modules.filter(isSqliteModule)).not.toEqual([]);
    expect(loaded.sharedObjects.filter(isSqliteAddon)).not.toEqual([]);
  });
});
