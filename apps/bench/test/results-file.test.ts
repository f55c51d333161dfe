import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BenchmarkName, BenchmarkResult, BenchRun } from '../src/result.js';
import { writeResults } from '../src/results-file.js';

const benchmark = (name: BenchmarkName, measuredAt: string): BenchmarkResult => ({
  name,
  title: name,
  status: 'ok',
  measuredAt,
  durationMs: 1,
  loadAverage: 0,
  settings: {},
  measurements: [],
  ratios: [],
  notes: [],
});

const benchRun = (benchmarks: BenchmarkResult[], startedAt = '2026-01-01T00:00:00.000Z'): BenchRun => ({
  format: 'mlclose-bench/1',
  mode: 'full',
  startedAt,
  finishedAt: 'end',
  environment: {
    node: 'v0',
    platform: 'p',
    arch: 'a',
    cpus: 1,
    cpuModel: 'm',
    loadAverage: { start: 0, end: 0 },
  },
  benchmarks,
});

describe('writeResults', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlclose-bench-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const written = async (): Promise<Array<[string, string]>> => {
    const run = JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')) as BenchRun;
    return run.benchmarks.map((b) => [b.name, b.measuredAt]);
  };

  it('replaces the whole file without merge', async () => {
    await writeResults(benchRun([benchmark('scaling', 'old'), benchmark('client-cost', 'old')]), dir, false);
    await writeResults(benchRun([benchmark('build', 'new')]), dir, false);
    expect(await written()).toEqual([['build', 'new']]);
  });

  it('with merge, replaces only the benchmarks that ran and keeps the canonical order', async () => {
    const [old, now] = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'];
    await writeResults(benchRun([benchmark('client-cost', old), benchmark('scaling', old)], old), dir, false);
    await writeResults(benchRun([benchmark('build', now), benchmark('client-cost', now)], now), dir, true);
    expect(await written()).toEqual([
      ['client-cost', now],
      ['scaling', old],
      ['build', now],
    ]);
    expect(await readFile(join(dir, 'latest.md'), 'utf8')).toContain('### build: build');
  });

  it('with merge, starts the run at its earliest kept section', async () => {
    const [first, second, third] = [
      '2026-01-01T00:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
    ];
    await writeResults(benchRun([benchmark('client-cost', first)], first), dir, false);
    await writeResults(benchRun([benchmark('scaling', second)], second), dir, true);
    const merged = await writeResults(benchRun([benchmark('build', third)], third), dir, true);
    expect(merged.startedAt).toBe(first);
  });
});
