import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  longestTasks,
  machineCpuMs,
  takeRunSummary,
  taskTimes,
  turboSummary,
} from '../src/benchmarks/build.js';

// Turbo 2's output for a run with one failed task, as printed here (colour codes included, as in a terminal).
const FAILED_RUN = [
  '@x/b:test: \x1b[32m✓\x1b[39m test/ok.test.ts (3 tests)',
  '@x/a:test:  \x1b[41m\x1b[1m FAIL \x1b[22m\x1b[49m test/smoke.test.ts > pnpm bench --smoke > runs every default benchmark',
  '@x/a:test: AssertionError: expected [] to deeply equal [ …(3) ]',
  '@x/a:test: Error: the CLI did not say where it wrote',
  '@x/a:test:  ELIFECYCLE  Test failed. See above for more details.',
  '@x/a#test:  ERROR  command (/tmp/tfail/packages/a) /usr/bin/pnpm run test exited (1)',
  '',
  ' Tasks:    1 successful, 2 total',
  'Cached:    0 cached, 2 total',
  '  Time:    692ms ',
  'Failed:    @x/a#test',
  '',
  ' ERROR  run failed: command  exited (1)',
].join('\n');

describe('turboSummary', () => {
  it("keeps turbo's summary lines, and names each failed task with its first FAIL and Error lines", () => {
    expect(turboSummary(FAILED_RUN)).toEqual({
      lines: ['Tasks: 1 successful, 2 total', 'Cached: 0 cached, 2 total', 'Failed: @x/a#test'],
      failures: [
        '@x/a#test failed: FAIL  test/smoke.test.ts > pnpm bench --smoke > runs every default benchmark | ' +
          'AssertionError: expected [] to deeply equal [ …(3) ] | Error: the CLI did not say where it wrote',
      ],
    });
  });

  it('names a failed task whose output has no FAIL or Error line, and every task of a Failed line', () => {
    const summary = turboSummary(
      '@x/a:test: killed\n Tasks:    0 successful, 2 total\nFailed:    @x/a#test, @x/c#lint\n',
    );
    expect(summary.failures).toEqual([
      '@x/a#test failed (its output says no FAIL or Error line)',
      '@x/c#lint failed (its output says no FAIL or Error line)',
    ]);
  });

  it('reports no failure for a run that passed', () => {
    const passed = turboSummary(
      ' Tasks:    25 successful, 25 total\nCached:    19 cached, 25 total\n  Time:    40.9s\n',
    );
    expect(passed).toEqual({
      lines: ['Tasks: 25 successful, 25 total', 'Cached: 19 cached, 25 total'],
      failures: [],
    });
  });
});

// The fields of a turbo 2 run summary (`turbo run --summarize`) that the build benchmark reads, trimmed from a real one.
const RUN_SUMMARY = {
  execution: { startTime: 1_000_000, endTime: 1_340_000, exitCode: 0 },
  tasks: [
    { taskId: '@x/a#test', execution: { startTime: 1_050_000, endTime: 1_340_000, exitCode: 0 } },
    { taskId: '@x/a#build', execution: { startTime: 1_000_500, endTime: 1_050_000, exitCode: 0 } },
    { taskId: '@x/b#lint', execution: { startTime: 1_010_000, endTime: 1_020_000, exitCode: 1 } },
  ],
};

describe('taskTimes', () => {
  it("gives each task's start after the run's and its duration, in seconds, in the order they started", () => {
    expect(taskTimes(RUN_SUMMARY)).toEqual([
      { task: '@x/a#build', startS: 0.5, durationS: 49.5, exitCode: 0 },
      { task: '@x/b#lint', startS: 10, durationS: 10, exitCode: 1 },
      { task: '@x/a#test', startS: 50, durationS: 290, exitCode: 0 },
    ]);
  });

  it('names the field of a summary of another shape', () => {
    expect(() => taskTimes([])).toThrow('not a turbo run summary: the summary is not an object');
    expect(() => taskTimes({ execution: {} })).toThrow('execution.startTime is not a time');
    expect(() => taskTimes({ execution: { startTime: 1 }, tasks: {} })).toThrow('tasks is not a list');
    expect(() =>
      taskTimes({ execution: { startTime: 1 }, tasks: [{ taskId: 'a#b', execution: { startTime: 1 } }] }),
    ).toThrow('tasks[0].execution.endTime is not a time');
  });
});

describe('longestTasks', () => {
  it('names the longest tasks first, as start+duration, and marks a failed one', () => {
    expect(longestTasks(taskTimes(RUN_SUMMARY), 2)).toBe('@x/a#test 50+290, @x/a#build 1+50');
    expect(longestTasks(taskTimes(RUN_SUMMARY), 3)).toContain('@x/b#lint 10+10 (exit 1)');
  });
});

describe('machineCpuMs', () => {
  it("counts every core's busy time within its total, and the time used since an earlier reading", () => {
    const before = machineCpuMs();
    expect(before.busyMs).toBeGreaterThan(0);
    expect(before.busyMs).toBeLessThanOrEqual(before.totalMs);
    // Work in this process until the machine's busy time moves (the OS counts it in ticks of about 10 ms), at most
    // 200 rounds of about a million square roots: the reading must see CPU spent after `before`.
    // On a busy machine the first round may already see other processes' time: there is always at least one.
    let used: ReturnType<typeof machineCpuMs>;
    let x = 0;
    let round = 0;
    do {
      for (let i = 0; i < 1_000_000; i++) x += Math.sqrt(i);
      used = machineCpuMs(before);
    } while (used.busyMs === 0 && ++round < 200);
    expect(x).toBeGreaterThan(0);
    expect(used.busyMs).toBeGreaterThan(0);
    expect(used.busyMs).toBeLessThanOrEqual(used.totalMs);
    // A difference, not the machine's time since boot.
    expect(used.totalMs).toBeLessThan(before.totalMs);
  });
});

describe('takeRunSummary', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads the summary written since the run started, removes it, and leaves an older run's alone", async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlclose-bench-runs-'));
    // A second back: the file system's clock is coarser than Date.now(), so a file written now may carry a time a few
    // milliseconds earlier. The older run's summary is a minute before it.
    const since = Date.now() - 1_000;
    await writeFile(join(dir, 'old.json'), JSON.stringify({ execution: { startTime: 0 }, tasks: [] }));
    await utimes(join(dir, 'old.json'), new Date(since - 60_000), new Date(since - 60_000));
    await writeFile(join(dir, 'new.json'), JSON.stringify(RUN_SUMMARY));
    expect(await takeRunSummary(dir, since)).toEqual({ times: taskTimes(RUN_SUMMARY) });
    expect(await readdir(dir)).toEqual(['old.json']);
  });

  it('says why a summary could not be read, and has no tasks when there is none', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlclose-bench-runs-'));
    const since = Date.now() - 1_000;
    expect(await takeRunSummary(dir, since)).toEqual({ times: [] });
    expect(await takeRunSummary(join(dir, 'missing'), since)).toEqual({ times: [] });
    await writeFile(join(dir, 'bad.json'), '{"tasks": 1');
    const bad = await takeRunSummary(dir, since);
    expect(bad).toEqual({ error: expect.stringContaining('bad.json') });
    expect(await readdir(dir)).toEqual([]);
  });
});
