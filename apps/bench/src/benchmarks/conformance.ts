import { runConformance } from '@mlclose/conformance';
import { REQUIREMENTS } from '@mlclose/schema';
import { measurement, measurementWithTarget } from '../result.js';
import type { Benchmark } from './benchmark.js';

/** A full run against the embedded server, wall time: the target of the performance issue. */
const FULL_RUN_TARGET_MS = 4000;

/** A fixed seed: every round runs the same checks in the same order, so rounds differ only by the machine. */
const SEED = 1;

export const conformance: Benchmark = {
  name: 'conformance',
  title: 'Conformance suite against the embedded reference server',
  async run({ profile, log }) {
    const { rounds, requirements } = profile.conformance;
    const only = requirements === 'all' ? [] : REQUIREMENTS.slice(0, requirements).map((r) => r.id);
    const subject =
      requirements === 'all'
        ? 'full suite, embedded server'
        : `checks of ${only.length} requirements, embedded server`;
    const wall: number[] = [];
    const suite: number[] = [];
    const requests: number[] = [];
    const rates: number[] = [];
    const notes: string[] = [];
    // No warm-up round. The rounds run in this process, so the first starts the suite's worker thread and the later
    // ones take it warm (the suite parks it between runs): the first round is also reported on its own, as the run a
    // command-line user gets.
    for (let round = 0; round < rounds; round++) {
      log(`round ${round + 1}`);
      const started = performance.now();
      const report = await runConformance({ seed: SEED, only });
      const elapsed = performance.now() - started;
      if (round === 0) {
        const checks = Object.entries(report.summary.checks)
          .map(([status, count]) => `${count} ${status}`)
          .join(', ');
        notes.push(`Verdict ${report.verdict}; checks: ${checks}.`);
      }
      wall.push(elapsed);
      suite.push(report.durationMs);
      requests.push(report.requests.count);
      rates.push(report.requests.perSecond);
    }
    return {
      settings: { rounds, seed: SEED, only: requirements === 'all' ? 'all' : only },
      measurements: [
        // The target is for a full run; a partial one (the smoke profile) has none.
        requirements === 'all'
          ? measurementWithTarget(
              measurement(subject, 'wall time', 'ms', 'lower', wall),
              '<=',
              FULL_RUN_TARGET_MS,
            )
          : measurement(subject, 'wall time', 'ms', 'lower', wall),
        measurement(subject, 'first round (a new worker thread), wall time', 'ms', 'lower', wall.slice(0, 1)),
        measurement(subject, 'suite time (report)', 'ms', 'lower', suite),
        measurement(subject, 'requests', 'count', 'lower', requests),
        measurement(subject, 'requests per second', 'req/s', 'higher', rates),
      ],
      ratios: [],
      notes: [
        'runConformance() in the bench process with its default target, an embedded @mlclose/server on 127.0.0.1; wall time includes starting and stopping it.',
        'Requests and requests per second are as the suite counts them in its report.',
        ...notes,
      ],
    };
  },
};
