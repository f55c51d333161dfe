import { describe, expect, it } from 'vitest';
import {
  ConnectionError,
  createClient,
  ResponseError,
  TimeoutError,
  type RetryPolicy,
} from '../src/index.js';
import { retry, retryAfterMs } from '../src/retry.js';
import { json, recordingFetch } from './helpers/recording-fetch.js';

const NODE = 'http://es.test:9200';
const request = { method: 'POST' as const, url: `${NODE}/_ml/anomaly_detectors/j1/_close` };
const responseError = (status: number, headers: Record<string, string> = {}) =>
  new ResponseError({ status, body: { error: 'x', status }, headers }, request);
// What Node's fetch throws for a refused connection: TypeError('fetch failed') caused by ECONNREFUSED.
const refused = () =>
  new ConnectionError(
    'fetch failed',
    request,
    Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    }),
  );

/** A retry policy with a recorded, instant sleep and a fixed random. */
function recorded(options: Parameters<typeof retry>[0] = {}, random = 0) {
  const waits: number[] = [];
  const policy = retry({ sleep: async (ms) => void waits.push(ms), random: () => random, ...options });
  return { policy, waits };
}

async function decisions(policy: RetryPolicy, error: ResponseError | ConnectionError, attempts = 5) {
  const out: boolean[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) out.push(await policy(attempt, error));
  return out;
}

describe('retry(): which failures are retried', () => {
  it.each([
    { description: '429 Too Many Requests', error: () => responseError(429), want: true },
    { description: '502 Bad Gateway', error: () => responseError(502), want: true },
    { description: '503 Service Unavailable', error: () => responseError(503), want: true },
    { description: '504 Gateway Timeout', error: () => responseError(504), want: true },
    { description: '500 (the close may have started)', error: () => responseError(500), want: false },
    { description: '404', error: () => responseError(404), want: false },
    { description: '409', error: () => responseError(409), want: false },
    { description: 'a refused connection (Node)', error: refused, want: true },
    {
      description: 'a refused connection (Bun)',
      error: () =>
        new ConnectionError(
          'x',
          request,
          Object.assign(new Error('Unable to connect'), { code: 'ConnectionRefused' }),
        ),
      want: true,
    },
    {
      description: 'a connection reset after sending (the close may have started)',
      error: () =>
        new ConnectionError(
          'x',
          request,
          Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        ),
      want: false,
    },
    {
      description: 'a browser network error, which cannot tell refused apart',
      error: () => new ConnectionError('x', request, new TypeError('Failed to fetch')),
      want: false,
    },
    {
      description: 'a client-side timeout',
      error: () => new TimeoutError('timed out', request),
      want: false,
    },
  ])('$description: $want', async ({ error, want }) => {
    const { policy } = recorded();
    // TimeoutError is never passed by the client; the policy must still refuse it.
    expect(await policy(0, error() as ResponseError)).toBe(want);
  });

  it('stops after `retries` retries', async () => {
    const { policy, waits } = recorded({ retries: 3 });
    expect(await decisions(policy, responseError(503))).toEqual([true, true, true, false, false]);
    expect(waits).toHaveLength(3);
  });

  it('takes custom statuses', async () => {
    const { policy } = recorded({ statuses: [500] });
    expect(await policy(0, responseError(500))).toBe(true);
    expect(await policy(0, responseError(503))).toBe(false);
  });

  it('does not retry refused connections with retryOnConnectionRefused: false', async () => {
    const { policy } = recorded({ retryOnConnectionRefused: false });
    expect(await policy(0, refused())).toBe(false);
  });
});

describe('retry(): how long it waits', () => {
  it.each([
    { description: 'jitter 0: half the doubled delay', random: 0, want: [250, 500, 1000, 2000, 4000, 5000] },
    {
      description: 'jitter 1: the full doubled delay, capped',
      random: 1,
      want: [500, 1000, 2000, 4000, 8000, 10_000],
    },
  ])('$description', async ({ random, want }) => {
    const { policy, waits } = recorded({ retries: 6 }, random);
    await decisions(policy, responseError(503), 6);
    expect(waits).toEqual(want);
  });

  it('uses minDelayMs and maxDelayMs', async () => {
    const { policy, waits } = recorded({ retries: 4, minDelayMs: 100, maxDelayMs: 300 }, 1);
    await decisions(policy, responseError(429), 4);
    expect(waits).toEqual([100, 200, 300, 300]);
  });

  it('follows Retry-After in seconds, capped by maxDelayMs', async () => {
    const { policy, waits } = recorded({ retries: 3 });
    await policy(0, responseError(503, { 'retry-after': '2' }));
    await policy(1, responseError(503, { 'retry-after': '3600' }));
    expect(waits).toEqual([2000, 10_000]);
  });

  it.each([
    { given: '7', want: 7000 },
    { given: '0', want: 0 },
    { given: 'Wed, 21 Oct 2015 07:28:30 GMT', want: 30_000 },
    { given: 'Wed, 21 Oct 2015 07:27:00 GMT', want: 0 },
    { given: 'soon', want: undefined },
    { given: undefined, want: undefined },
  ])('reads Retry-After $given', ({ given, want }) => {
    expect(retryAfterMs(given, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(want);
  });
});

describe('the client with a retry policy', () => {
  it('retries nothing by default: close is a long-running POST', async () => {
    const { fetch, requests } = recordingFetch(json(503, { error: 'busy', status: 503 }));
    const error = await createClient({ node: NODE, fetch })
      .ml.closeJob({ job_id: 'j1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(requests).toHaveLength(1);
  });

  it('retries a 503 and resolves with the answer that follows', async () => {
    const { fetch, requests } = recordingFetch(
      json(503, { error: 'busy', status: 503 }, { 'retry-after': '1' }),
      json(200, { closed: true }),
    );
    const { policy, waits } = recorded();
    const result = await createClient({ node: NODE, fetch, retry: policy }).ml.closeJob({
      job_id: 'j1',
      force: true,
    });
    expect(result).toEqual({ closed: true });
    expect(waits).toEqual([1000]);
    // The retry is the same request again.
    expect(requests).toHaveLength(2);
    expect(requests[1]).toEqual(requests[0]);
  });

  it('throws the last error when the retries run out', async () => {
    const { fetch, requests } = recordingFetch(json(429, { error: 'slow down', status: 429 }));
    const { policy } = recorded({ retries: 2 });
    const error = await createClient({ node: NODE, fetch, retry: policy })
      .ml.closeJob({ job_id: 'j1' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseError', statusCode: 429 });
    expect(requests).toHaveLength(3);
  });

  it('passes the call signal to the wait, which an abort cuts short', async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch(json(503, { error: 'busy', status: 503 }));
    const policy = retry({ minDelayMs: 3_600_000, maxDelayMs: 3_600_000 });
    const pending = createClient({ node: NODE, fetch, retry: policy })
      .ml.closeJob({ job_id: 'j1' }, { signal: controller.signal })
      .catch((e: unknown) => e);
    while (!requests.length) await new Promise((resolve) => setTimeout(resolve, 1));
    controller.abort();
    expect(await pending).toMatchObject({ name: 'RequestAbortedError' });
  });
});
