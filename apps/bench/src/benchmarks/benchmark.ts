import type { BenchmarkName, Measurement, Ratio } from '../result.js';
import type { Profile } from '../profile.js';

export interface BenchContext {
  profile: Profile;
  /** Progress for humans, on stderr; the table goes to stdout. */
  log: (message: string) => void;
  /** The monorepo root. */
  repoRoot: string;
}

/** What a benchmark measured; the runner adds its name, status and timing. */
export interface BenchmarkBody {
  settings: Record<string, unknown>;
  measurements: Measurement[];
  ratios: Ratio[];
  notes: string[];
}

export interface Benchmark {
  name: BenchmarkName;
  title: string;
  run: (context: BenchContext) => Promise<BenchmarkBody>;
}

/** Thrown when a benchmark cannot run here (a package not built, say): reported as skipped, not failed. */
export class SkipBenchmark extends Error {
  override name = 'SkipBenchmark';
}
