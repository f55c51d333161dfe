// One conformance run against a variant: the faithful server behind the proxy with the variant's middleware (none for
// the faithful baseline), a fixed seed, and the credentials the security checks need.
import type { ConformanceOptions, RunReport } from '../../src/index.js';
import { runConformance } from '../support/built-suite.js';
import { VARIANTS, type Variant } from './catalogue.js';
import { startProxied } from './proxy.js';

export const SEED = 20_261_129;

// Credentials for runs whose variant has none of its own (the same ones the security variants use).
const SECURED = VARIANTS.find((variant) => variant.credentials !== undefined)!;

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
  const server = await startProxied((proxy) => variant?.install(proxy), secured?.server ?? {});
  try {
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
    await server.close();
  }
}
