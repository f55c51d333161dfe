// The load generator (src/child-process.ts, loadGenerator): one autocannon process serves a benchmark's runs, one at
// a time, and a run that fails leaves the next one a working generator. Against a small server on 127.0.0.1; every
// load is a few requests or a fraction of a second. Nothing here looks at how fast anything was.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ChildProcesses from '../src/child-process.js';

// The built module: it starts the built child script next to it (dist/child/load.js). Imported by a URL, not a literal
// path, so that the typecheck reads its types from the sources and does not need the build, which it may run before.
const built = new URL('../dist/child-process.js', import.meta.url).href;
const { loadGenerator, LoadTimeout } = (await import(built)) as typeof ChildProcesses;

let server: Server;
let url: string;
/** Every request the server got, as `METHOD path`. */
const seen: string[] = [];
/** The Origin header of every request that had one, as `path origin`. */
const origins: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    if (request.headers.origin !== undefined) origins.push(`${request.url} ${request.headers.origin}`);
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The pids of this process's children that run the load generator's script (read from Linux's /proc). */
function loadProcesses(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the field after the command name, which is in parentheses and may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && command.includes('/child/load.js')) pids.push(Number(entry));
    } catch {
      // It exited while being read.
    }
  }
  return pids;
}

/** `count` PUTs to /jobs/<padded index>, from `start`. */
const each = (start: number, count: number) =>
  ({
    url,
    connections: Math.min(2, count),
    durationS: 0,
    scenario: { kind: 'each', method: 'PUT', template: '/jobs/{i}', start, count, body: '{}' },
  }) as const;

describe('loadGenerator', () => {
  it('runs one load after another, each with its own counts, and the runs asked for at once in turn', async () => {
    const generator = loadGenerator();
    try {
      seen.length = 0;
      expect(loadProcesses()).toEqual([]);
      expect(await generator.run(each(0, 5))).toMatchObject({ ok: 5, errors: 0, statusCodes: { 200: 5 } });
      const [first] = loadProcesses();
      expect(first).toBeDefined();
      // Asked for together: the second starts after the first has answered.
      const [second, third] = await Promise.all([generator.run(each(5, 3)), generator.run(each(8, 4))]);
      expect(second).toMatchObject({ ok: 3, errors: 0 });
      expect(third).toMatchObject({ ok: 4, errors: 0 });
      expect(seen.filter((line) => line.startsWith('PUT /jobs/')).sort()).toEqual(
        Array.from({ length: 12 }, (_, i) => `PUT /jobs/${String(i).padStart(6, '0')}`),
      );
      const timed = await generator.run({
        url,
        connections: 2,
        durationS: 0.3,
        scenario: { kind: 'post', paths: ['/close'] },
      });
      expect(timed.ok).toBeGreaterThan(0);
      expect(seen).toContain('POST /close');
      // The same process served all four.
      expect(loadProcesses()).toEqual([first]);
    } finally {
      await generator.stop();
    }
    expect(loadProcesses()).toEqual([]);
  });

  it('sends the header lines of a post scenario with every request, and none without them', async () => {
    const generator = loadGenerator();
    try {
      origins.length = 0;
      const load = (path: string, headers?: Record<string, string>) =>
        generator.run({
          url,
          connections: 2,
          durationS: 0.2,
          scenario: { kind: 'post', paths: [path], ...(headers ? { headers } : {}) },
        });
      const withOrigin = await load('/with-origin', { origin: 'http://app.example' });
      const without = await load('/without');
      expect(withOrigin.ok).toBeGreaterThan(0);
      expect(without.ok).toBeGreaterThan(0);
      // Every request of the first run, and only those, carried the header.
      expect(origins.length).toBeGreaterThanOrEqual(withOrigin.ok);
      expect(new Set(origins)).toEqual(new Set(['/with-origin http://app.example']));
    } finally {
      await generator.stop();
    }
  });

  it('stops a run that passes its time limit with a LoadTimeout, and runs the next load in a new process', async () => {
    const generator = loadGenerator();
    try {
      const endless = generator.run(
        { url, connections: 1, durationS: 60, scenario: { kind: 'post', paths: ['/slow'] } },
        500,
      );
      // Started by the run: the one process there is.
      await expect.poll(loadProcesses).toHaveLength(1);
      const [killed] = loadProcesses();
      await expect(endless).rejects.toBeInstanceOf(LoadTimeout);
      await expect(endless).rejects.toThrow(/still running after 0\.5 s$/);
      expect(await generator.run(each(100, 2))).toMatchObject({ ok: 2, errors: 0 });
      const [next] = loadProcesses();
      expect(next).toBeDefined();
      expect(next).not.toBe(killed);
    } finally {
      await generator.stop();
    }
  });

  it('answers an error for a load that autocannon refuses, and keeps serving', async () => {
    const generator = loadGenerator();
    try {
      // More connections than requests: autocannon throws, in the generator's process.
      await expect(generator.run({ ...each(0, 1), connections: 2 })).rejects.toThrow(
        'load generator: connections cannot be greater than amount',
      );
      const [kept] = loadProcesses();
      expect(kept).toBeDefined();
      expect(await generator.run(each(200, 1))).toMatchObject({ ok: 1, errors: 0 });
      expect(loadProcesses()).toEqual([kept]);
    } finally {
      await generator.stop();
    }
  });

  it('starts again after stop, and stops when it never ran', async () => {
    const generator = loadGenerator();
    await generator.stop();
    expect(await generator.run(each(300, 1))).toMatchObject({ ok: 1 });
    await generator.stop();
    expect(await generator.run(each(301, 1))).toMatchObject({ ok: 1 });
    await generator.stop();
    expect(loadProcesses()).toEqual([]);
  });
});
