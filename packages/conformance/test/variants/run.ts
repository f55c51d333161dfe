// One conformance run against a variant: the faithful server behind the proxy with the variant's middleware (none for
// the faithful baseline), a fixed seed, and the credentials the security checks need.
import type { RequirementId } from '@mlclose/schema';
import type { ConformanceOptions, RunReport } from '../../src/index.js';
import { runConformance } from '../support/built-suite.js';
import { VARIANTS, type Variant } from './catalogue.js';
import { startProxied } from './proxy.js';

export const SEED = 20_261_129;

// Credentials for runs whose variant has none of its own (the same ones the security variants use).
const SECURED = VARIANTS.find((variant) => variant.credentials !== undefined)!;

/**
 * `stopOnceFailing`: the run stops (interrupted, its other checks not run) as soon as a check fails one of these
 * requirements. That failure is what the caller asserts, and an interrupted run with a failure is non-conformant.
 */
export async function runVariant(
  variant: Variant | undefined,
  options: Pick<ConformanceOptions, 'only' | 'concurrency'> & {
    secured?: boolean;
    stopOnceFailing?: readonly RequirementId[];
  },
): Promise<RunReport> {
  const secured = variant?.credentials ? variant : options.secured ? SECURED : variant;
  const stop = options.stopOnceFailing;
  const caught = new AbortController();
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
      ...(stop
        ? {
            signal: caught.signal,
            reporters: [
              {
                onCheckEnd: (result) => {
                  const failing = result.failures.some((failure) =>
                    failure.requirements.some((id) => stop.includes(id)),
                  );
                  if (result.status === 'failed' && failing) caught.abort();
                },
              },
            ],
          }
        : {}),
    });
  } finally {
    await server.close();
  }
}
