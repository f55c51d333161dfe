/** The counts a run uses. `full` is what `pnpm bench` runs; `smoke` only proves that everything works. */
export interface Profile {
  mode: 'full' | 'smoke';
  /** Measured rounds of the scaling benchmark; `--rounds` sets it, and derives the other benchmarks' rounds from it. */
  rounds: number;
  clientThroughput: {
    /**
     * Measured rounds: more and shorter than the other benchmarks', because the ratio is the median of
     * per-round ratios, and a short round is less likely to be cut in two by a neighbour's burst. The full
     * profile runs 60 of 200 ms. With 20 of 300 ms, the per-round ratios of the client to raw fetch spread over
     * 0.90-1.05 (quartiles, 60 rounds measured) and the median of 20 of them moved by ±0.045 (5-95 %, resampled):
     * as much as the 5 % that the client's target allows. Three times the rounds narrow it by a factor of √3.
     */
    rounds: number;
    /** Concurrent in-flight calls per contender. */
    concurrencies: number[];
    /** Length of one measured run. */
    durationMs: number;
    /** Length of the one warm-up run per contender and concurrency. */
    warmupMs: number;
  };
  clientCost: {
    /** Fresh Node processes per contender for the cold-import time. */
    importRounds: number;
  };
  serverThroughput: {
    /**
     * Measured rounds, every contender once per round; `--rounds` sets them. The full profile runs 48 of 0.25 s: this
     * machine's speed moves within seconds, and the runs of one round are only as comparable as they are close in
     * time. With 12 of 1 s, bare against itself read 0.73 to 1.32 round by round, its ratio's 90 % interval 0.86 to
     * 1.20; with 48 of 0.25 s, in about the same time (68 s against 57 s for the benchmark, then of four contenders),
     * 0.97 to 1.03 and 0.98 to 1.05 in two runs (2026-12-05). Before that, 12 of 1 s had replaced 5 of 2 s on the
     * same grounds.
     */
    rounds: number;
    /**
     * Blocks the rounds are split over, each on server processes started afresh (at most one per round): a
     * process's own luck moved a ratio by 2-3 %, more than a run's interval.
     */
    blocks: number;
    /** Length of one measured autocannon run, in seconds. */
    durationS: number;
    warmupS: number;
    connections: number;
    /** Fresh processes per contender for the time to `listening on`. */
    startups: number;
  };
  scaling: {
    /** Job counts, smallest first. */
    sizes: number[];
    /** In-flight requests while creating and opening jobs. */
    setupConcurrency: number;
    /** Wall-clock budget for the whole scaling benchmark; sizes that would overrun it are skipped. */
    budgetMs: number;
  };
  conformance: {
    /**
     * Rounds of a full run, the first with a new worker thread (as the command line gets it); `--rounds` sets them.
     * A full run takes about 3 s now, where the first profile's took tens of seconds and ran two: the median of two
     * is their mean, so a cold first round of 4,068 ms beside a warm one of 2,709 ms put it at 3,388 ms (2026-12-05),
     * and one slow round moved the target's measurement by half its excess.
     */
    rounds: number;
    /** Run only the checks of the first this many requirements of the catalogue; `all` runs the suite. */
    requirements: number | 'all';
  };
}

export const FULL: Profile = {
  mode: 'full',
  rounds: 5,
  clientThroughput: { rounds: 60, concurrencies: [1, 32], durationMs: 200, warmupMs: 500 },
  clientCost: { importRounds: 14 },
  serverThroughput: { rounds: 48, blocks: 4, durationS: 0.25, warmupS: 1, connections: 32, startups: 15 },
  scaling: { sizes: [1_000, 10_000, 100_000], setupConcurrency: 32, budgetMs: 150_000 },
  conformance: { rounds: 5, requirements: 'all' },
};

export const SMOKE: Profile = {
  mode: 'smoke',
  // One measured round after each warm-up: a smoke run proves that every step works, and the test command runs it on
  // two shared cores. Two rounds cost the smoke run 26-30 s of CPU against 19-20 s (measured alone) and prove nothing
  // more.
  rounds: 1,
  clientThroughput: { rounds: 1, concurrencies: [1, 32], durationMs: 100, warmupMs: 50 },
  clientCost: { importRounds: 2 },
  serverThroughput: { rounds: 1, blocks: 1, durationS: 0.3, warmupS: 0.1, connections: 8, startups: 1 },
  scaling: { sizes: [10, 50], setupConcurrency: 8, budgetMs: 60_000 },
  conformance: { rounds: 1, requirements: 2 },
};

/**
 * The profile with `--rounds` applied: it sets the interleaved rounds and the conformance rounds, and scales the short
 * client rounds and the cheap import rounds up.
 */
export function withRounds(profile: Profile, rounds: number | undefined): Profile {
  if (rounds === undefined) return profile;
  return {
    ...profile,
    rounds,
    clientThroughput: { ...profile.clientThroughput, rounds: rounds * 3 },
    clientCost: { importRounds: rounds * 3 },
    serverThroughput: { ...profile.serverThroughput, rounds, startups: rounds * 3 },
    conformance: { ...profile.conformance, rounds },
  };
}
