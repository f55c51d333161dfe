// Child process: the external load generator, so that the cost of generating load is never counted in the server's
// process. It reads one JSON LoadRequest per line on stdin, runs autocannon for it against a server in another
// process, and answers each with one JSON line (a LoadAnswer); it ends when stdin ends. One process serves a whole
// benchmark: a process per run cost each run about 0.3 s of CPU to start and load autocannon.
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { padIndex } from '../jobs.js';

export type LoadScenario =
  | {
      /** Every connection POSTs to one of `paths`, connection k to `paths[k % length]`, for a duration. */
      kind: 'post';
      paths: string[];
      /** Header lines sent with every request, besides autocannon's own. */
      headers?: Record<string, string>;
    }
  | {
      /** Connection k opens then closes job `${prefix}${k}`, over and over, for a duration. */
      kind: 'open-close';
      prefix: string;
    }
  | {
      /**
       * Exactly `count` requests, to `template` with `{i}` replaced by `start`, `start + 1`, … padded to 6
       * digits: a fast way to create or open many jobs.
       */
      kind: 'each';
      method: 'PUT' | 'POST';
      template: string;
      start: number;
      count: number;
      /** A JSON body for every request. */
      body?: string;
    };

export interface LoadRequest {
  url: string;
  connections: number;
  /** Ignored by `each`, which ends after its count. */
  durationS: number;
  scenario: LoadScenario;
}

export interface LoadResult {
  ok: number;
  errors: number;
  durationS: number;
  statusCodes: Record<string, number>;
}

function options(request: LoadRequest): autocannon.Options {
  const { scenario } = request;
  const base = {
    url: request.url,
    connections: request.connections,
    // autocannon stops at the first sample tick after the duration; tick often so short runs end on time.
    sampleInt: 100,
    method: 'POST' as const,
  };
  switch (scenario.kind) {
    case 'post': {
      let nextConnection = 0;
      const { paths, headers } = scenario;
      return {
        ...base,
        duration: request.durationS,
        ...(headers === undefined ? {} : { headers }),
        setupClient: (client) => {
          client.setRequests([{ method: 'POST', path: paths[nextConnection++ % paths.length]! }]);
        },
      };
    }
    case 'open-close': {
      let nextConnection = 0;
      const { prefix } = scenario;
      return {
        ...base,
        duration: request.durationS,
        setupClient: (client) => {
          const job = `/_ml/anomaly_detectors/${prefix}${nextConnection++}`;
          client.setRequests([
            { method: 'POST', path: `${job}/_open` },
            { method: 'POST', path: `${job}/_close` },
          ]);
        },
      };
    }
    case 'each': {
      const { method, template, body, start } = scenario;
      let next = start;
      return {
        ...base,
        amount: scenario.count,
        method,
        ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
        requests: [{ setupRequest: (req) => ({ ...req, path: template.replace('{i}', padIndex(next++)) }) }],
      };
    }
  }
}

/** The answer to one request line: the run's result, or why there was none. */
export type LoadAnswer = { result: LoadResult } | { error: string };

async function answer(line: string): Promise<LoadAnswer> {
  try {
    const result = await autocannon(options(JSON.parse(line) as LoadRequest));
    const statusCodes: Record<string, number> = {};
    for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
      statusCodes[code] = Number(stats.count ?? 0);
    }
    return {
      result: { ok: result['2xx'], errors: result.errors, durationS: result.duration, statusCodes },
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

// One run at a time: the parent sends the next line only after this one's answer.
for await (const line of createInterface({ input: process.stdin })) {
  process.stdout.write(`${JSON.stringify(await answer(line))}\n`);
}
