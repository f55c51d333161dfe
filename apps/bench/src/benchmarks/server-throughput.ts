import { runLoad, startChildServer, type ChildServer } from '../child-process.js';
import type { LoadRequest, LoadResult } from '../child/load.js';
import { closePath, createJob, NO_SIMULATED_DELAYS } from '../jobs.js';
import { forEachLimited } from '../http.js';
import { interleave } from '../interleave.js';
import { measurement, pairedRatio, withTarget, type Measurement } from '../result.js';
import type { Benchmark } from './benchmark.js';

/** Closed jobs the steady-state requests close again; connections spread over them. */
const STEADY_JOBS = ['steady-0', 'steady-1', 'steady-2', 'steady-3'];
const CYCLE_PREFIX = 'cycle-';

export const serverThroughput: Benchmark = {
  name: 'server-throughput',
  title: 'Reference server throughput (external load generator)',
  async run({ profile, log }) {
    const { durationS, warmupS, connections } = profile.serverThroughput;
    const reference = await startChildServer({ kind: 'reference', ...NO_SIMULATED_DELAYS });
    let bare: ChildServer | undefined;
    const notes: string[] = [];
    try {
      log('creating jobs on the reference server');
      for (const id of STEADY_JOBS) await createJob(reference.url, id);
      // One job per connection for the open+close cycle, so connections never race on one job.
      await forEachLimited(connections, 8, (k) => createJob(reference.url, `${CYCLE_PREFIX}${k}`));

      // The bare server answers with the reference server's own bytes for this request.
      const sample = await fetch(reference.url + closePath(STEADY_JOBS[0]!), { method: 'POST' });
      const body = await sample.text();
      if (sample.status !== 200) throw new Error(`closing a closed job answered ${sample.status}: ${body}`);
      bare = await startChildServer({
        kind: 'bare',
        body,
        contentType: sample.headers.get('content-type') ?? 'application/json',
      });
      notes.push(`Both servers answer ${body} to the steady-state close.`);

      const closeClosedJobs = { kind: 'post', paths: STEADY_JOBS.map((id) => closePath(id)) } as const;
      const contenders: { name: string; steady: boolean; load: Omit<LoadRequest, 'durationS'> }[] = [
        {
          name: 'bare node:http, close',
          steady: true,
          load: { url: bare.url, connections, scenario: closeClosedJobs },
        },
        {
          name: '@mlclose/server, close a closed job',
          steady: true,
          load: { url: reference.url, connections, scenario: closeClosedJobs },
        },
        {
          name: '@mlclose/server, open+close cycle',
          steady: false,
          load: { url: reference.url, connections, scenario: { kind: 'open-close', prefix: CYCLE_PREFIX } },
        },
      ];
      const runs = await interleave<LoadResult>(
        contenders.map(({ name, load }) => ({
          name,
          run: (warmup) => runLoad({ ...load, durationS: warmup ? warmupS : durationS }),
        })),
        { rounds: profile.rounds, warmup: 1, onRun: (name, round) => log(`${name}, round ${round + 1}`) },
      );

      const rates: Measurement[] = contenders.map(({ name, steady }, i) => {
        const results = runs[i]!;
        const statuses: Record<string, number> = {};
        let errors = 0;
        for (const result of results) {
          errors += result.errors;
          for (const [code, count] of Object.entries(result.statusCodes))
            statuses[code] = (statuses[code] ?? 0) + count;
        }
        if (Object.keys(statuses).some((code) => !code.startsWith('2')) || errors > 0) {
          const what = `${name}: answers by status ${JSON.stringify(statuses)}, ${errors} connection errors`;
          // A steady-state close that fails is not the request we meant to time: the numbers would be wrong.
          if (steady) throw new Error(what);
          notes.push(`${what}; only 2xx answers count.`);
        }
        return measurement(
          name,
          'throughput',
          'req/s',
          'higher',
          results.map((r) => r.ok / r.durationS),
        );
      });
      const [bareRate, closeRate, cycleRate] = rates;
      return {
        settings: { durationS, warmupS, connections, rounds: profile.rounds, pipelining: 1 },
        measurements: rates,
        ratios: [
          withTarget(
            pairedRatio('@mlclose/server / bare node:http, close req/s', closeRate!, bareRate!),
            '>=',
            0.8,
          ),
          pairedRatio('@mlclose/server open+close cycle / bare node:http, req/s', cycleRate!, bareRate!),
        ],
        notes: [
          'Servers and autocannon each run in a child process of their own; with 2 cores the load generator and the server share the machine.',
          'Steady state: closing an already-closed job, a no-op 200. The cycle alternates open and close of one job per connection and counts both.',
          'No latency here: autocannon records whole milliseconds, too coarse on loopback; client-throughput reports latency.',
          ...notes,
        ],
      };
    } finally {
      await bare?.stop();
      await reference.stop();
    }
  },
};
