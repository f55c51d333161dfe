import { closePath, ServerDriver } from '@mlclose/server/testing';
import { LoadTimeout, loadGenerator, startChildServer } from '../child-process.js';
import type { LoadResult } from '../child/load.js';
import { jobPath, MINIMAL_JOB, NO_SIMULATED_DELAYS, padIndex, STATE_READS } from '../jobs.js';
import { measurement, medianRatio, withTarget, type Measurement, type Ratio } from '../result.js';
import { formatNumber } from '../format.js';
import { SkipBenchmark, type Benchmark } from './benchmark.js';

const PREFIX = 'scale-';
const jobId = (index: number): string => `${PREFIX}${padIndex(index)}`;

/** The close requests timed at every size; each one closes every job. */
const VARIANTS = [
  { name: 'close _all', path: closePath('_all') },
  { name: `close ${PREFIX}*`, path: closePath(`${PREFIX}*`) },
  { name: 'close _all force=true', path: closePath('_all', '?force=true') },
] as const;

/** Jobs are created in chunks of this many, so that a creation rate that falls shows before the budget is gone. */
const CREATE_CHUNK = 10_000;

/**
 * Per-job cost at the largest size over the smallest, at most this. Fixed per-request costs make small sizes
 * look dearer per job, so a flat implementation lands at or below 1; a per-job cost that grows with the
 * number of jobs (a quadratic expansion, say) lands far above 2 at 100x the jobs.
 */
const FLATNESS_LIMIT = 2;

/** A size whose set-up would not finish within the budget. */
class OverBudget extends Error {
  override name = 'OverBudget';
}

export const scaling: Benchmark = {
  name: 'scaling',
  title: 'Close at scale: _all and a wildcard over N opened jobs',
  async run({ profile, log }) {
    const { sizes, setupConcurrency, budgetMs } = profile.scaling;
    const deadline = performance.now() + budgetMs;
    const server = await startChildServer({ kind: 'reference', ...NO_SIMULATED_DELAYS });
    const generator = loadGenerator();
    const url = server.url;
    const driver = new ServerDriver(url);
    const notes: string[] = [];

    /** Open requests per second, and a load run's fixed cost beyond autocannon's own duration, from the latest open. */
    let openRate: number | undefined;
    let overheadMs = 0;
    const projectOpensMs = (times: number, size: number): number =>
      openRate === undefined ? 0 : times * (overheadMs + (size * 1_000) / openRate);

    // Set-up traffic comes from autocannon in a child process: far faster than fetch from this process,
    // which is what makes 100k jobs affordable. Past the deadline it is stopped.
    const each = async (what: string, template: string, start: number, count: number, body?: string) => {
      const t0 = performance.now();
      let result: LoadResult;
      try {
        result = await generator.run(
          {
            url,
            connections: Math.min(setupConcurrency, count),
            durationS: 0,
            scenario: {
              kind: 'each',
              method: body === undefined ? 'POST' : 'PUT',
              template,
              start,
              count,
              body,
            },
          },
          Math.max(5_000, deadline - t0),
        );
      } catch (error) {
        if (error instanceof LoadTimeout) throw new OverBudget(`${what} was stopped at the deadline`);
        throw error;
      }
      if (result.ok !== count || result.errors > 0) {
        throw new Error(
          `${what}: ${result.ok} of ${count} answered 2xx, by status ${JSON.stringify(result.statusCodes)}, ${result.errors} errors`,
        );
      }
      overheadMs = Math.max(0, performance.now() - t0 - result.durationS * 1_000);
      return count / result.durationS;
    };

    const create = async (size: number): Promise<void> => {
      const rates: number[] = [];
      const history = (): string =>
        rates.length > 0
          ? `; creates/s per chunk of ${CREATE_CHUNK}, first to last: ${rates.map(formatNumber).join(', ')}`
          : '';
      for (let start = 0; start < size; start += CREATE_CHUNK) {
        const latest = rates.at(-1);
        if (latest !== undefined) {
          // Projected with the latest chunk's rate: optimistic if the rate keeps falling, so this stops early
          // only when even the optimistic projection does not fit.
          const projected = ((size - start) * 1_000) / latest + projectOpensMs(3, size);
          if (performance.now() + projected > deadline) {
            throw new OverBudget(`created ${start} of ${size} jobs, and the rest would not fit${history()}`);
          }
        }
        const count = Math.min(CREATE_CHUNK, size - start);
        const template = jobPath(`${PREFIX}{i}`);
        try {
          rates.push(
            await each(`creating ${size} jobs`, template, start, count, JSON.stringify(MINIMAL_JOB)),
          );
        } catch (error) {
          if (error instanceof OverBudget) throw new OverBudget(`${error.message}${history()}`);
          throw error;
        }
        log(`${size} jobs: created ${start + count} at ${formatNumber(rates.at(-1)!)} requests/s`);
      }
      if (rates.length > 1) notes.push(`${size} jobs: created${history()}.`);
    };
    const open = async (size: number): Promise<void> => {
      openRate = await each(`opening ${size} jobs`, `${jobPath(`${PREFIX}{i}`)}/_open`, 0, size);
      log(`${size} jobs: opened at ${formatNumber(openRate)} requests/s`);
    };
    const expectState = async (size: number, want: string): Promise<void> => {
      for (const index of [0, size - 1]) await driver.waitForState(jobId(index), want, STATE_READS);
    };

    /** Creates and opens `size` jobs, then times each close variant `rounds` times, re-opening in between. */
    const measureSize = async (size: number, rounds: number): Promise<Map<string, number[]>> => {
      await driver.reset();
      await create(size);
      await open(size);
      let opened = true;
      const times = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
      for (let round = 0; round < rounds; round++) {
        for (let step = 0; step < VARIANTS.length; step++) {
          const variant = VARIANTS[(round + step) % VARIANTS.length]!;
          if (!opened) await open(size);
          await expectState(size, 'opened');
          log(`${size} jobs: ${variant.name}, round ${round + 1}`);
          const t0 = performance.now();
          const response = await driver.request('POST', variant.path);
          const elapsed = performance.now() - t0;
          if (response.status !== 200 || response.json?.closed !== true) {
            throw new Error(
              `${variant.name} over ${size} jobs answered ${response.status}: ${response.text}`,
            );
          }
          opened = false;
          await expectState(size, 'closed');
          times.get(variant.name)!.push(elapsed);
        }
      }
      return times;
    };

    const measurements: Measurement[] = [];
    const perJob = new Map<string, Map<number, Measurement>>(VARIANTS.map((v) => [v.name, new Map()]));
    try {
      for (const size of sizes) {
        // Each round after the first costs three re-opens. Fit as many rounds as the budget allows (at least
        // one); creation is checked chunk by chunk as it goes.
        const remainingMs = deadline - performance.now();
        const perRound = projectOpensMs(3, size);
        const fit = perRound === 0 ? profile.rounds : Math.floor((remainingMs - 2 * perRound) / perRound) + 1;
        const rounds = Math.max(1, Math.min(profile.rounds, fit));
        let times: Map<string, number[]>;
        try {
          times = await measureSize(size, rounds);
        } catch (error) {
          if (!(error instanceof OverBudget)) throw error;
          notes.push(`${size} jobs: not measured within the ${budgetMs / 1_000} s budget: ${error.message}.`);
          break;
        }
        if (rounds < profile.rounds) {
          notes.push(
            `${size} jobs: ${rounds} round(s) instead of ${profile.rounds}, to fit the time budget.`,
          );
        }
        for (const variant of VARIANTS) {
          const ms = times.get(variant.name)!;
          const subject = `${variant.name}, ${size} jobs`;
          const cost = measurement(
            subject,
            'per job',
            'µs',
            'lower',
            ms.map((t) => (t * 1_000) / size),
          );
          measurements.push(measurement(subject, 'time', 'ms', 'lower', ms), cost);
          perJob.get(variant.name)!.set(size, cost);
        }
      }
    } finally {
      await generator.stop();
      await server.stop();
    }

    const measured = sizes.filter((size) => perJob.get(VARIANTS[0].name)!.has(size));
    if (measured.length === 0)
      throw new SkipBenchmark(`no size could be set up in the ${budgetMs / 1_000} s budget`);
    const smallest = measured[0]!;
    const largest = measured[measured.length - 1]!;
    const ratios: Ratio[] = [];
    if (largest !== smallest) {
      for (const variant of VARIANTS) {
        const costs = perJob.get(variant.name)!;
        const name = `${variant.name}: per-job cost ${largest} / ${smallest} jobs`;
        ratios.push(
          withTarget(medianRatio(name, costs.get(largest)!, costs.get(smallest)!), '<=', FLATNESS_LIMIT),
        );
      }
    }
    return {
      settings: { sizes, setupConcurrency, budgetMs, rounds: profile.rounds, createChunk: CREATE_CHUNK },
      measurements,
      ratios,
      notes: [
        'The reference server runs in a child process with its simulated node delays off; jobs are created and opened over HTTP by autocannon in another, then one close request closes them all, timed from send to answer.',
        'Sizes are set up one after another, so the flatness ratios compare medians, not interleaved rounds; the three closes at one size are interleaved.',
        ...notes,
      ],
    };
  },
};
