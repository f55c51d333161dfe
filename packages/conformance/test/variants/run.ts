// One conformance run against a variant: the faithful server behind the proxy with the variant's middleware (none for
// the faithful baseline), a fixed seed, and the credentials the security checks need.
import { Slots } from '../../src/engine/slots.js';
import type { ConformanceOptions, RunReport } from '../../src/index.js';
import { runConformance } from '../support/built-suite.js';
import { VARIANTS, type Variant } from './catalogue.js';
import { startProxied, type ProxiedServer } from './proxy.js';

export const SEED = 20_261_129;

// Credentials for runs whose variant has none of its own (the same ones the security variants use).
const SECURED = VARIANTS.find((variant) => variant.credentials !== undefined)!;

/**
 * Runs at once, of the tests that vitest runs at once (maxConcurrency, vitest.config.ts). Each run in flight
 * holds a worker thread of the suite's own (src/engine/threads.ts), and each new thread loads the suite and warms it up
 * again. Measured alone (this file, alternated): 5 at once took 45.6 to 61.9 s of CPU (mean 54, five runs) in 33 to
 * 42 s; 2 at once took 36.9 to 53.7 s (mean 43, eight runs) in 38 to 48 s; 3 took 42.9 s and 1 took 43.3 s (in 64 s).
 */
const RUNS_AT_ONCE = 2;
const slots = new Slots(RUNS_AT_ONCE);

/**
 * Runs the checks `only` selects (all of them without it) to their end. A run is never stopped early: a stopped run's
 * worker thread is ended rather than kept for the next run (src/engine/threads.ts), and a new thread cost more than
 * the checks a stop saved.
 */
export async function runVariant(
  variant: Variant | undefined,
  options: Pick<ConformanceOptions, 'only' | 'concurrency'> & { secured?: boolean },
): Promise<RunReport> {
  const secured = variant?.credentials ? variant : options.secured ? SECURED : variant;
  const release = await slots.acquire();
  let server: ProxiedServer | undefined;
  try {
    server = await startProxied((proxy) => variant?.install(proxy), secured?.server ?? {});
    return await runConformance({
      target: server.url,
      seed: SEED,
      concurrency: options.concurrency ?? 4,
      requestTimeoutMs: 20_000,
      ...(options.only ? { only: options.only } : {}),
      ...(secured?.credentials ? { credentials: secured.credentials } : {}),
      ...(secured?.viewerCredentials ? { viewerCredentials: secured.viewerCredentials } : {}),
    });
  } finally {
    try {
      await server?.close();
    } finally {
      release();
    }
  }
}
