import { pairedRatios, summarize, type MedianInterval, type Summary } from './stats.js';

/** Every benchmark the CLI knows, in the order a full run takes them. */
export const BENCHMARK_NAMES = [
  'client-throughput',
  'client-cost',
  'server-throughput',
  'scaling',
  'conformance',
  'build',
] as const;
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];

/** Benchmarks that only run when asked for by name, because they take minutes. */
export const OPT_IN_BENCHMARKS: readonly BenchmarkName[] = ['build'];

/** What we aim for, e.g. `>= 0.9`, or `<= 5` ms. */
export interface Target {
  op: '>=' | '<=';
  value: number;
}

/** One metric of one subject, with every round's sample. */
export interface Measurement {
  /** What was measured, e.g. `@mlclose/client c=32`. */
  subject: string;
  /** e.g. `req/s`, `p99`. */
  metric: string;
  /** e.g. `req/s`, `ms`, `bytes`. */
  unit: string;
  better: 'higher' | 'lower';
  samples: number[];
  summary: Summary;
  /** An absolute target for the median, e.g. `<= 5` ms of cold import. */
  target?: Target;
  meetsTarget?: boolean;
}

/** A quotient of two measurements of the same metric. */
export interface Ratio {
  /** e.g. `@mlclose/client / raw fetch, req/s c=32`. */
  name: string;
  /** Median of the per-round ratios (`paired`), or ratio of the medians (`medians`). */
  value: number;
  min: number;
  max: number;
  /**
   * `paired`: rounds were interleaved, and each round's quotient was taken before the median.
   * `medians`: the two sides could not run interleaved (e.g. different job counts); quotient of medians.
   * `exact`: deterministic values such as byte sizes.
   */
  method: 'paired' | 'medians' | 'exact';
  /**
   * `paired` only: where the median of the per-round ratios lies, at MEDIAN_INTERVAL_LEVEL (absent with too few
   * rounds). A target inside it is within the run's noise, met or missed.
   */
  interval?: MedianInterval;
  /** What we aim for, e.g. `>= 0.9`. */
  target?: Target;
  meetsTarget?: boolean;
}

export interface BenchmarkResult {
  name: BenchmarkName;
  title: string;
  status: 'ok' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  reason?: string;
  /** ISO time the benchmark started; ratios are only ever taken within one benchmark. */
  measuredAt: string;
  durationMs: number;
  /** 1-minute load average when the benchmark started: a busy machine shows here. */
  loadAverage: number;
  /** The counts it ran with. */
  settings: Record<string, unknown>;
  measurements: Measurement[];
  ratios: Ratio[];
  notes: string[];
}

export interface BenchRun {
  format: 'mlclose-bench/1';
  mode: 'full' | 'smoke';
  startedAt: string;
  finishedAt: string;
  environment: {
    node: string;
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    /** 1-minute load average when the run started and ended: a busy machine shows here. */
    loadAverage: { start: number; end: number };
  };
  benchmarks: BenchmarkResult[];
}

export function measurement(
  subject: string,
  metric: string,
  unit: string,
  better: Measurement['better'],
  samples: number[],
): Measurement {
  return { subject, metric, unit, better, samples, summary: summarize(samples) };
}

const meets = (actual: number, op: Target['op'], value: number): boolean =>
  op === '>=' ? actual >= value : actual <= value;

export function withTarget(ratio: Ratio, op: Target['op'], value: number): Ratio {
  return { ...ratio, target: { op, value }, meetsTarget: meets(ratio.value, op, value) };
}

/** A measurement whose median has an absolute target (an absolute time, say, next to its ratio). */
export function measurementWithTarget(m: Measurement, op: Target['op'], value: number): Measurement {
  return { ...m, target: { op, value }, meetsTarget: meets(m.summary.median, op, value) };
}

/** The ratio of two measurements from the same interleaved rounds. */
export function pairedRatio(name: string, numerator: Measurement, denominator: Measurement): Ratio {
  const perRound = summarize(pairedRatios(numerator.samples, denominator.samples));
  const { median, min, max, medianInterval } = perRound;
  return {
    name,
    value: median,
    min,
    max,
    method: 'paired',
    ...(medianInterval === undefined ? {} : { interval: medianInterval }),
  };
}

/** The ratio of two medians, for measurements that could not be interleaved round by round. */
export function medianRatio(name: string, numerator: Measurement, denominator: Measurement): Ratio {
  const value = numerator.summary.median / denominator.summary.median;
  // Bounds: the most extreme quotients the two spreads allow.
  const min = numerator.summary.min / denominator.summary.max;
  const max = numerator.summary.max / denominator.summary.min;
  return { name, value, min, max, method: 'medians' };
}

export function exactRatio(name: string, numerator: number, denominator: number): Ratio {
  const value = numerator / denominator;
  return { name, value, min: value, max: value, method: 'exact' };
}
