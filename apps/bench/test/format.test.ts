import { describe, expect, it } from 'vitest';
import { renderReadmeSummary, renderText } from '../src/format.js';
import {
  exactRatio,
  measurement,
  measurementWithTarget,
  pairedRatio,
  withTarget,
  type BenchRun,
} from '../src/result.js';

const rounds = (values: number[]) => measurement('x', 'throughput', 'req/s', 'higher', values);

/** A run with one benchmark holding these measurements and ratios. */
const run = (result: Pick<BenchRun['benchmarks'][number], 'measurements' | 'ratios'>): BenchRun => ({
  format: 'mlclose-bench/1',
  mode: 'full',
  startedAt: '2026-12-05T20:00:00.000Z',
  finishedAt: '2026-12-05T20:01:00.000Z',
  environment: {
    node: 'v20',
    platform: 'linux',
    arch: 'x64',
    cpus: 2,
    cpuModel: 'cpu',
    loadAverage: { start: 0, end: 0 },
  },
  benchmarks: [
    {
      name: 'server-throughput',
      title: 't',
      status: 'ok',
      measuredAt: '2026-12-05T20:00:00.000Z',
      durationMs: 1,
      loadAverage: 0,
      settings: {},
      notes: [],
      ...result,
    },
  ],
});

describe('90% CI of a median', () => {
  // Fourteen rounds: the 4th smallest and 4th largest per-round quotients (94.3 % coverage).
  const numerator = rounds([90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103]);
  const denominator = rounds(Array.from({ length: 14 }, () => 100));

  it('comes with a paired ratio, from its per-round quotients', () => {
    const ratio = pairedRatio('a / b', numerator, denominator);
    expect(ratio.value).toBeCloseTo(0.965, 12);
    expect(ratio.interval?.low).toBeCloseTo(0.93, 12);
    expect(ratio.interval?.high).toBeCloseTo(1.0, 12);
    expect(ratio.interval?.coverage).toBeCloseTo(0.943, 3);
  });

  it('is shown beside each paired ratio and each median, in the benchmark tables, the summary and the README', () => {
    const text = renderText(
      run({
        measurements: [measurementWithTarget(numerator, '>=', 95)],
        ratios: [
          withTarget(pairedRatio('a / b', numerator, denominator), '>=', 0.95),
          exactRatio('size', 1, 50),
        ],
      }),
    );
    const tables = text.slice(0, text.indexOf('== Summary'));
    expect(tables).toMatch(/subject +metric +median +90% CI +min–max +n +target/);
    expect(tables).toMatch(/x +throughput \(req\/s\) +96\.5 +93–100 +90–103 +14 +>= 95 met/);
    expect(tables).toMatch(/ratio +value +90% CI +min–max +how +target/);
    expect(tables).toMatch(/a \/ b +0\.96 +0\.93–1\.00 +0\.90–1\.03 +paired +>= 0\.95 met/);
    const summary = text.slice(text.indexOf('== Summary'));
    expect(summary).toMatch(/benchmark +ratio +value +90% CI +target/);
    expect(summary).toMatch(/x, throughput \(req\/s\), median +96\.5 +93–100 +>= 95 met/);
    expect(summary).toMatch(/a \/ b +0\.96 +0\.93–1\.00 +>= 0\.95 met/);
    // An exact ratio has no interval.
    expect(summary).toMatch(/size +0\.020\n|size +0\.020$/m);
    const readme = renderReadmeSummary(
      run({ measurements: [], ratios: [pairedRatio('a / b', numerator, denominator)] }),
    );
    expect(readme).toContain('| a / b | 0.96 | 0.93–1.00 |');
  });

  it('is left empty with too few rounds to give one', () => {
    const ratio = pairedRatio('a / b', rounds([1, 2, 3, 4]), rounds([1, 1, 1, 1]));
    expect(ratio.interval).toBeUndefined();
    expect(renderText(run({ measurements: [], ratios: [ratio] }))).toMatch(
      /a \/ b +2\.50 +1\.00–4\.00 +paired/,
    );
  });
});
