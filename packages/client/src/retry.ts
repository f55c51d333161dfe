// @mlclose/client/retry: opt-in retries. Close is a long-running, non-idempotent POST, so the client never
// retries unless you pass `retry: retry({...})`, and apps that don't retry don't ship this code.
import type { RetryOptions, RetryPolicy } from './client-options.js';
// From the main entry, not from errors.js: in dist, the main entry is one file, and this entry imports it.
import { ConnectionError, RequestAbortedError, ResponseError } from './index.js';

export type { RetryOptions, RetryPolicy };

// Node (ECONNREFUSED), Bun (ConnectionRefused) and Deno ("Connection refused") say so somewhere in the
// cause chain. Browsers never do, so there a refused connection is not retried.
const refused = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  return /refused/i.test(`${code} ${message}`) || refused(cause);
};

// The default wait, which an abort ends early.
const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
  });

/** Milliseconds to wait from a `Retry-After` header (seconds or an HTTP date), or `undefined`. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? +value * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * A retry policy for `createClient({ retry })`. Retries a `ResponseError` whose status is in `statuses`,
 * and a `ConnectionError` whose connection was refused (the request never reached the server). Never a
 * timeout, an abort or any other status. The wait is a capped exponential backoff with jitter in
 * [delay/2, delay]; a `Retry-After` header wins, capped by `maxDelayMs` too.
 */
export function retry({
  retries = 2,
  statuses = [429, 502, 503, 504],
  minDelayMs = 500,
  maxDelayMs = 10_000,
  retryOnConnectionRefused = true,
  sleep = wait,
  random = Math.random,
}: RetryOptions = {}): RetryPolicy {
  return async (attempt, error, signal) => {
    const retryable =
      error instanceof ResponseError
        ? statuses.includes(error.statusCode)
        : error instanceof ConnectionError && retryOnConnectionRefused && refused(error.cause);
    if (attempt >= retries || !retryable) return false;
    const after = error instanceof ResponseError ? retryAfterMs(error.headers['retry-after']) : undefined;
    const backoff = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
    await sleep(Math.min(maxDelayMs, after ?? backoff / 2 + (random() * backoff) / 2), signal);
    // Aborted while waiting: stop here rather than send a request that is already cancelled.
    if (signal?.aborted) throw new RequestAbortedError('aborted', error.request, signal.reason);
    return true;
  };
}
