// The suite's worker threads outlive a run (src/engine/threads.ts): a clean run parks its thread and the next run in
// the process takes it. These tests pin what that must never change: each run still gets its own plan and state; a
// cancelled or bailed run's thread, or one that met an error outside the checks, is ended, not reused; and a parked
// thread neither keeps the process alive nor outlives its idle time. The counts are deltas, from a park emptied before
// each test.
// They run the built suite (./support/built-suite.ts) and its thread pool: each test starts new threads on purpose, and
// a new thread loads the built suite natively, where the sources would go through Vite first (measured alone: 15.6 s
// of CPU for this file against 18.5 s).
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PoolOptions } from 'vitest/node';
import type * as Threads from '../src/engine/threads.js';
import { builtFile } from './support/fresh-dist.js';
import { runConformance } from './support/built-suite.js';
import { runNodeScript } from './support/node-script.js';
import { startMissingAs400 } from './support/tamper-proxy.js';
import { startTarget, type Target } from './support/target.js';

const { endParked, reusedThreads, setThreadLimits, threadCounts } = (await import(
  builtFile('engine/threads.js')
)) as typeof Threads;

let server: Target;
// Answers 400 where the close API answers 404: fails the route checks (a failing check is an ordinary run).
let broken: Awaited<ReturnType<typeof startMissingAs400>>;

beforeAll(async () => {
  server = await startTarget();
  broken = await startMissingAs400(server.url);
});

// Threads that other test files of this worker parked would end on their own idle time in the middle of a test.
beforeEach(() => endParked());

afterAll(async () => {
  await broken.close();
  await server.close();
});

const delta = (before: ReturnType<typeof threadCounts>) => {
  const now = threadCounts();
  return {
    started: now.started - before.started,
    reused: now.reused - before.reused,
    ended: now.ended - before.ended,
    parked: now.parked - before.parked,
  };
};

/** Runs `test` with some of the pool's limits changed, and puts them back. */
async function withLimits(
  changes: Parameters<typeof setThreadLimits>[0],
  test: () => Promise<void>,
): Promise<void> {
  const previous = setThreadLimits(changes);
  try {
    await test();
  } finally {
    setThreadLimits(previous);
  }
}

describe('a worker thread that outlives its run', () => {
  it('serves the next run, which gets its own plan, order and results', async () => {
    const first = await runConformance({ target: server.url, seed: 11, only: ['supporting/info'] });
    expect(first.verdict).toBe('conformant');
    const before = threadCounts();
    expect(before.parked).toBeGreaterThan(0);
    // Another selection, on a target that fails some of it: the suite module must run this plan, not the last one.
    const second = await runConformance({
      target: broken.url,
      seed: 12,
      only: ['route/options', 'route/head'],
    });
    expect(delta(before)).toEqual({ started: 0, reused: 1, ended: 0, parked: 0 });
    expect(second.checks.map((check) => check.id).sort()).toEqual([
      'route/head',
      'route/options',
      'safety/bystanders-untouched',
    ]);
    expect(second.seed).toBe(12);
    // A run whose checks failed ended cleanly: its thread is parked again.
    const third = await runConformance({ target: broken.url, seed: 13, only: ['CJ-MATCH-001'] });
    expect(third.verdict).toBe('non-conformant');
    expect(delta(before)).toEqual({ started: 0, reused: 2, ended: 0, parked: 0 });
  }, 120_000);

  it('is ended, not parked, after a cancelled run', async () => {
    await runConformance({ target: server.url, seed: 21, only: ['supporting/info'] });
    const before = threadCounts();
    const stop = new AbortController();
    const report = await runConformance({
      target: server.url,
      seed: 22,
      only: ['route'],
      concurrency: 1,
      signal: stop.signal,
      reporters: [{ onCheckEnd: () => stop.abort() }],
    });
    expect(report.verdict).toBe('incomplete');
    expect(delta(before)).toEqual({ started: 0, reused: 1, ended: 1, parked: -1 });
  }, 120_000);

  it('is ended, not parked, after a run with bail', async () => {
    await runConformance({ target: server.url, seed: 31, only: ['supporting/info'] });
    const before = threadCounts();
    await runConformance({ target: broken.url, seed: 32, only: ['CJ-MATCH-001'], bail: true });
    expect(delta(before)).toEqual({ started: 0, reused: 1, ended: 1, parked: -1 });
  }, 120_000);

  it('is ended, not parked, after a run with an error outside the checks (a vitest reporter that throws)', async () => {
    await runConformance({ target: server.url, seed: 41, only: ['supporting/info'] });
    const before = threadCounts();
    let thrown = 0;
    const report = await runConformance({
      target: server.url,
      seed: 42,
      only: ['supporting/info'],
      vitestReporters: [
        {
          onTestCaseResult: () => {
            thrown++;
            throw new Error('a reporter that throws');
          },
        },
      ],
    });
    expect(thrown).toBeGreaterThan(0);
    // The checks themselves passed; only the thread is given up.
    expect(report.checks.map((check) => check.status)).not.toContain('failed');
    expect(delta(before)).toEqual({ started: 0, reused: 1, ended: 1, parked: -1 });
  }, 120_000);

  it('is ended once it stays parked longer than its idle time', async () => {
    await withLimits({ idleMs: 200 }, async () => {
      const before = threadCounts();
      await runConformance({ target: server.url, seed: 41, only: ['supporting/info'] });
      // The run parked its thread (one taken from the park, or a new one) with this idle time.
      const parked = delta(before);
      expect(parked.started + parked.reused).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(delta(before)).toEqual({ ...parked, ended: parked.ended + 1, parked: parked.parked - 1 });
    });
  }, 120_000);

  it('is ended after its last allowed run, and a run starts a new one', async () => {
    await withLimits({ maxRuns: 2 }, async () => {
      const before = threadCounts();
      for (const seed of [61, 62, 63])
        await runConformance({ target: server.url, seed, only: ['supporting/info'] });
      // Run 1 starts a thread, run 2 takes it and ends it (its second run), run 3 starts another and parks it.
      expect(delta(before)).toEqual({ started: 2, reused: 1, ended: 1, parked: 1 });
    });
  }, 120_000);

  it('is ended when the park is full', async () => {
    await withLimits({ maxParked: 1 }, async () => {
      const before = threadCounts();
      // Two runs at once, on two threads: the first to end parks its thread, the other finds the park full.
      const reports = await Promise.all(
        [71, 72].map((seed) => runConformance({ target: server.url, seed, only: ['supporting/info'] })),
      );
      expect(reports.map((report) => report.verdict)).toEqual(['conformant', 'conformant']);
      expect(delta(before)).toEqual({ started: 2, reused: 0, ended: 1, parked: 1 });
    });
  }, 120_000);

  it('does not keep the process alive, and the built suite module runs again in it', async () => {
    // In a fresh process with the built package, which must end by itself (no process.exit) with a thread parked.
    const url = (file: string) => JSON.stringify(pathToFileURL(builtFile(file)).href);
    const script = `
      const { runConformance } = await import(${url('index.js')});
      const { threadCounts } = await import(${url('engine/threads.js')});
      const run = (seed) => runConformance({ target: ${JSON.stringify(server.url)}, seed, only: ['supporting/info'] });
      await run(51);
      // dist/engine/suite.js is evaluated again in the reused thread: this run has its checks.
      const reused = await run(52);
      console.log(JSON.stringify([threadCounts(), reused.verdict, reused.checks.length]));
    `;
    const [counts, verdict, checks] = (await runNodeScript(script)) as unknown[];
    // The process ended on its own with this thread parked.
    expect(counts).toEqual({ started: 1, reused: 1, ended: 0, parked: 1 });
    expect([verdict, checks]).toEqual(['conformant', 2]);
  }, 120_000);
});

describe('a worker thread that cannot start', () => {
  it('fails its start with the reason, and stopping it afterwards is no second error', async () => {
    // What vitest does with a thread whose start failed: it removes its exit listener and stops it. Node refuses a
    // flag that wants a value and has none (vitest passes on `--cpu-prof-dir DIR` without DIR).
    const options = { env: {}, execArgv: ['--cpu-prof-dir'] } as unknown as PoolOptions;
    const worker = reusedThreads(() => false).createPoolWorker(options);
    const before = threadCounts();
    await expect(worker.start()).rejects.toMatchObject({
      code: 'ERR_WORKER_INVALID_EXEC_ARGV',
      message: expect.stringContaining('--cpu-prof-dir requires an argument'),
    });
    expect(() => worker.off('exit', () => {})).not.toThrow();
    await expect(worker.stop()).resolves.toBeUndefined();
    expect(delta(before)).toEqual({ started: 0, reused: 0, ended: 0, parked: 0 });
  });
});
