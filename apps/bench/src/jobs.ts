import { expectOk } from './http.js';

/** The smallest valid anomaly detection job: one count detector. */
export const MINIMAL_JOB = {
  analysis_config: { bucket_span: '15m', detectors: [{ function: 'count' }] },
  data_description: { time_field: 'timestamp' },
};

/** Job numbers as they appear in generated ids, so that ids sort in creation order. */
export const padIndex = (index: number): string => String(index).padStart(6, '0');

// Ids and expressions here are the benchmarks' own (`[a-z0-9-]`, `*`, `_all`): nothing to escape.
export const jobPath = (expression: string): string => `/_ml/anomaly_detectors/${expression}`;

export const closePath = (expression: string, query = ''): string =>
  `${jobPath(expression)}/_close${query === '' ? '' : `?${query}`}`;

export const createJob = (server: string, id: string): Promise<unknown> =>
  expectOk('PUT', server + jobPath(id), MINIMAL_JOB);

/**
 * The reference server simulates the node's work with timers (10 ms to open, 20 ms to close, by default).
 * Benchmarks turn them off, so that they time the server's own work and not a sleep.
 */
export const NO_SIMULATED_DELAYS = { closeDelayMs: 0, openDelayMs: 0 } as const;

/** The state `GET …/_stats` reports for one job. */
export async function jobState(server: string, id: string): Promise<string | undefined> {
  const body = (await expectOk('GET', `${server}${jobPath(id)}/_stats`)) as {
    jobs?: { job_id: string; state?: string }[];
  };
  return body.jobs?.find((job) => job.job_id === id)?.state;
}

/** Polls until the job is in `state`: opening and closing finish after the answer. */
export async function waitForState(
  server: string,
  id: string,
  state: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const current = await jobState(server, id);
    if (current === state) return;
    if (performance.now() > deadline)
      throw new Error(`${id} is ${String(current)} after ${timeoutMs} ms, not ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Forgets every job and datafeed (the reference server's test-control API). */
export const resetServer = (server: string): Promise<unknown> =>
  expectOk('POST', `${server}/_mlclose/test/_reset`);
