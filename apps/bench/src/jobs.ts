// Job ids, paths and bodies the benchmarks share. Requests to the reference server go through the shared
// driver (@mlclose/server/testing); this file imports nothing, so the load generator's child stays lean.

/** The smallest valid anomaly detection job: one count detector (the body autocannon sends). */
export const MINIMAL_JOB = {
  analysis_config: { bucket_span: '15m', detectors: [{ function: 'count' }] },
  data_description: { time_field: 'timestamp' },
};

/** Job numbers as they appear in generated ids, so that ids sort in creation order. */
export const padIndex = (index: number): string => String(index).padStart(6, '0');

// Ids and expressions here are the benchmarks' own (`[a-z0-9-]`, `*`, `_all`, `{i}`): nothing to escape.
export const jobPath = (expression: string): string => `/_ml/anomaly_detectors/${expression}`;

/**
 * The reference server simulates the node's work with timers (10 ms to open, 20 ms to close, by default).
 * Benchmarks turn them off, so that they time the server's own work and not a sleep.
 */
export const NO_SIMULATED_DELAYS = { closeDelayMs: 0, openDelayMs: 0 } as const;

/** Job-stats reads before a wait for a state gives up (10 ms apart, so seconds at least). */
export const STATE_READS = 1_000;
