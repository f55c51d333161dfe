import { cpus, loadavg } from 'node:os';
import type { Benchmark, BenchContext } from './benchmarks/benchmark.js';
import { SkipBenchmark } from './benchmarks/benchmark.js';
import { FULL, SMOKE, withRounds } from './profile.js';
import {
  BENCHMARK_NAMES,
  OPT_IN_BENCHMARKS,
  type BenchmarkName,
  type BenchmarkResult,
  type BenchRun,
} from './result.js';

// Loaded on demand: a benchmark whose package is not built fails alone instead of taking the CLI down.
const LOADERS: Record<BenchmarkName, () => Promise<Benchmark>> = {
  'client-throughput': async () => (await import('./benchmarks/client-throughput.js')).clientThroughput,
  'client-cost': async () => (await import('./benchmarks/client-cost.js')).clientCost,
  'server-throughput': async () => (await import('./benchmarks/server-throughput.js')).serverThroughput,
  scaling: async () => (await import('./benchmarks/scaling.js')).scaling,
  conformance: async () => (await import('./benchmarks/conformance.js')).conformance,
  build: async () => (await import('./benchmarks/build.js')).buildBench,
};

export interface RunOptions {
  /** Tiny counts that prove every benchmark works; the numbers mean nothing. */
  smoke: boolean;
  /** Run only these; without it, every benchmark but the opt-in ones. */
  only?: readonly BenchmarkName[];
  /** Measured rounds, overriding the profile's. */
  rounds?: number;
  repoRoot: string;
  /** Progress lines. */
  log: (message: string) => void;
}

/** The benchmarks a run takes, in their fixed order. */
export function selectBenchmarks(only: readonly BenchmarkName[] | undefined): BenchmarkName[] {
  if (only !== undefined && only.length > 0) return BENCHMARK_NAMES.filter((name) => only.includes(name));
  return BENCHMARK_NAMES.filter((name) => !OPT_IN_BENCHMARKS.includes(name));
}

const oneMinuteLoad = (): number => loadavg()[0] ?? 0;

async function runOne(name: BenchmarkName, context: BenchContext): Promise<BenchmarkResult> {
  const measuredAt = new Date().toISOString();
  const loadAverage = oneMinuteLoad();
  const started = performance.now();
  const empty = { settings: {}, measurements: [], ratios: [], notes: [] };
  let title: string = name;
  try {
    const benchmark = await LOADERS[name]();
    title = benchmark.title;
    const body = await benchmark.run({ ...context, log: (message) => context.log(`[${name}] ${message}`) });
    return {
      name,
      title,
      status: 'ok',
      measuredAt,
      durationMs: performance.now() - started,
      loadAverage,
      ...body,
    };
  } catch (error) {
    const status = error instanceof SkipBenchmark ? 'skipped' : 'failed';
    const reason = error instanceof Error ? error.message : String(error);
    context.log(`[${name}] ${status}: ${reason}`);
    return {
      name,
      title,
      status,
      reason,
      measuredAt,
      durationMs: performance.now() - started,
      loadAverage,
      ...empty,
    };
  }
}

export async function runBenchmarks(options: RunOptions): Promise<BenchRun> {
  const profile = withRounds(options.smoke ? SMOKE : FULL, options.rounds);
  const startedAt = new Date().toISOString();
  const loadAtStart = oneMinuteLoad();
  const context: BenchContext = { profile, log: options.log, repoRoot: options.repoRoot };
  const benchmarks: BenchmarkResult[] = [];
  for (const name of selectBenchmarks(options.only)) {
    options.log(`[${name}] starting`);
    benchmarks.push(await runOne(name, context));
  }
  const cpuList = cpus();
  return {
    format: 'mlclose-bench/1',
    mode: profile.mode,
    startedAt,
    finishedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? 'unknown',
      loadAverage: { start: loadAtStart, end: oneMinuteLoad() },
    },
    benchmarks,
  };
}
