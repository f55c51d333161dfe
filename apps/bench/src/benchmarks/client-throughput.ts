import { Client as OfficialClient } from '@elastic/elasticsearch';
import { createClient } from '@mlclose/client';
import { undiciTransport } from '@mlclose/client/undici';
import { Agent } from 'undici';
import { closePath } from '@mlclose/server/testing';
import { startChildServer } from '../child-process.js';
import { interleave } from '../interleave.js';
import { measurement, pairedRatio, withTarget, type Measurement, type Ratio } from '../result.js';
import { quantileSorted, sortedCopy } from '../stats.js';
import type { Benchmark } from './benchmark.js';

const JOB_ID = 'bench-job';

interface DriveResult {
  rate: number;
  p50: number;
  p99: number;
  /** CPU time (user and system) of this process per call, µs: the client's own cost, the server being elsewhere. */
  cpu: number;
}

const METRICS = [
  { key: 'rate', metric: 'throughput', unit: 'req/s', better: 'higher' },
  { key: 'p50', metric: 'p50 latency', unit: 'ms', better: 'lower' },
  { key: 'p99', metric: 'p99 latency', unit: 'ms', better: 'lower' },
  { key: 'cpu', metric: 'client CPU per call', unit: 'µs', better: 'lower' },
] as const satisfies readonly { key: keyof DriveResult; metric: string; unit: string; better: string }[];

const OURS = '@mlclose/client';
const OURS_UNDICI = '@mlclose/client/undici';
const OFFICIAL = '@elastic/elasticsearch';
const RAW = 'raw fetch';
/** The same call as RAW again: its ratio to RAW shows the method's bias and noise (an A/A test). */
const RAW_AGAIN = 'raw fetch (A/A)';
/** Issue #15: the client's layer over fetch costs at most 5%; the undici transport matches the official client. */
const FETCH_TARGET = 0.95;
const OFFICIAL_TARGET = 1;

/** Keeps `concurrency` calls in flight for `durationMs`, timing each call. */
async function drive(
  call: () => Promise<void>,
  concurrency: number,
  durationMs: number,
): Promise<DriveResult> {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      await call();
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedS = (performance.now() - started) / 1_000;
  const { user, system } = process.cpuUsage(cpuBefore);
  const sorted = sortedCopy(latencies);
  return {
    cpu: (user + system) / latencies.length,
    rate: latencies.length / elapsedS,
    p50: quantileSorted(sorted, 0.5),
    p99: quantileSorted(sorted, 0.99),
  };
}

function expectClosed(body: unknown): void {
  if ((body as { closed?: unknown } | null)?.closed !== true) {
    throw new Error(`close answered ${JSON.stringify(body)}, not {"closed":true}`);
  }
}

export const clientThroughput: Benchmark = {
  name: 'client-throughput',
  title: 'Client throughput and latency (minimal server, loopback)',
  async run({ profile, log }) {
    const { rounds, concurrencies, durationMs, warmupMs } = profile.clientThroughput;
    // The server runs in a process of its own, so it does not share the event loop of the clients.
    const server = await startChildServer({ kind: 'bare' });
    const ours = createClient({ node: server.url });
    // The bench owns the dispatcher so that it can close it; undiciTransport() alone makes one per client.
    const dispatcher = new Agent();
    const oursUndici = createClient({ node: server.url, transport: undiciTransport({ dispatcher }) });
    const official = new OfficialClient({ node: server.url });
    const closeUrl = server.url + closePath(JOB_ID);
    const rawFetch = async () => {
      const response = await fetch(closeUrl, { method: 'POST' });
      if (!response.ok) throw new Error(`close answered ${response.status}`);
      expectClosed(await response.json());
    };
    const contenders = [
      {
        name: OURS,
        call: async () => expectClosed(await ours.ml.closeJob({ job_id: JOB_ID })),
      },
      { name: RAW, call: rawFetch },
      {
        name: OFFICIAL,
        call: async () => expectClosed(await official.ml.closeJob({ job_id: JOB_ID })),
      },
      {
        name: OURS_UNDICI,
        call: async () => expectClosed(await oursUndici.ml.closeJob({ job_id: JOB_ID })),
      },
      { name: RAW_AGAIN, call: rawFetch },
    ];
    const measurements: Measurement[] = [];
    const ratios: Ratio[] = [];
    try {
      for (const concurrency of concurrencies) {
        const results = await interleave(
          contenders.map(({ name, call }) => ({
            name,
            run: (warmup: boolean) => drive(call, concurrency, warmup ? warmupMs : durationMs),
          })),
          {
            rounds,
            warmup: 1,
            onRun: (name, round) => log(`c=${concurrency} ${name}, round ${round + 1}`),
          },
        );
        const byName = new Map<string, Partial<Record<keyof DriveResult, Measurement>>>();
        contenders.forEach(({ name }, i) => {
          const ofContender: Partial<Record<keyof DriveResult, Measurement>> = {};
          for (const { key, metric, unit, better } of METRICS) {
            const samples = results[i]!.map((result) => result[key]);
            const m = measurement(`${name} c=${concurrency}`, metric, unit, better, samples);
            measurements.push(m);
            ofContender[key] = m;
          }
          byName.set(name, ofContender);
        });
        /** A contender's measurement of `key` (one of METRICS). */
        const of = (name: string, key: (typeof METRICS)[number]['key']): Measurement =>
          byName.get(name)![key]!;
        const rate = (name: string) => of(name, 'rate');
        const cpu = (name: string) => of(name, 'cpu');
        ratios.push(
          withTarget(
            pairedRatio(`${OURS} / ${RAW}, req/s c=${concurrency}`, rate(OURS), rate(RAW)),
            '>=',
            FETCH_TARGET,
          ),
          withTarget(
            pairedRatio(
              `${OURS_UNDICI} / ${OFFICIAL}, req/s c=${concurrency}`,
              rate(OURS_UNDICI),
              rate(OFFICIAL),
            ),
            '>=',
            OFFICIAL_TARGET,
          ),
          pairedRatio(`${OURS} / ${OFFICIAL}, req/s c=${concurrency}`, rate(OURS), rate(OFFICIAL)),
          pairedRatio(`${RAW_AGAIN} / ${RAW}, req/s c=${concurrency}`, rate(RAW_AGAIN), rate(RAW)),
          pairedRatio(`${OURS} / ${RAW}, client CPU per call c=${concurrency}`, cpu(OURS), cpu(RAW)),
        );
      }
    } finally {
      await official.close();
      await dispatcher.close();
      await server.stop();
    }
    return {
      settings: { concurrencies, durationMs, warmupMs, rounds },
      measurements,
      ratios,
      notes: [
        'Every contender sends the same POST and parses the JSON answer; the server is a bare node:http server in a child process that answers {"closed":true}.',
        `${RAW_AGAIN} runs the same call as ${RAW}: its ratio to it, ideally 1, shows how far the method itself moves a ratio (an A/A test). The rounds take the orders of a Williams design, so every contender runs after every other one equally often.`,
        'Clients keep their default connection handling, as a user gets them: @mlclose/client and raw fetch share the global fetch dispatcher; @elastic/elasticsearch calls an undici Pool directly (up to 256 connections), skipping the fetch Request/Response layer; @mlclose/client/undici calls an undici Agent directly (undici defaults) the same way.',
      ],
    };
  },
};
