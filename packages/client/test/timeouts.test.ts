// requestTimeout (client side) and signal, told apart, with an injected fetch that honours the signal like
// a real one. The server-side `timeout` is a different thing: see reference-server.test.ts (HTTP 500).
import { describe, expect, it } from 'vitest';
import { createClient, RequestAbortedError, TimeoutError } from '../src/index.js';

// Requests in flight, held at module level like a real fetch holds its socket: a pending request must be
// reachable from a GC root. AbortSignal.timeout only holds its signal weakly, so a fake fetch that nothing
// roots lets the whole pending call be garbage-collected and the timeout never fires.
const inFlight = new Set<Request>();

/** A fetch that never answers and rejects with the signal's reason once it is aborted. */
function hangingFetch() {
  const seen: AbortSignal[] = [];
  const fetch = (request: Request) =>
    new Promise<Response>((_, reject) => {
      inFlight.add(request);
      seen.push(request.signal);
      const abort = () => {
        inFlight.delete(request);
        reject(request.signal.reason);
      };
      if (request.signal.aborted) abort();
      request.signal.addEventListener('abort', abort);
    });
  return { fetch, seen };
}

describe('client-side limits', () => {
  it('requestTimeout gives a TimeoutError whose cause is the timeout', async () => {
    const { fetch, seen } = hangingFetch();
    const error = await createClient({ node: 'http://es.test', fetch, requestTimeout: 20 })
      .ml.closeJob({ job_id: 'j1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).cause).toMatchObject({ name: 'TimeoutError' });
    expect(seen[0]!.aborted).toBe(true);
  });

  it('an aborted signal gives a RequestAbortedError with the abort reason as cause', async () => {
    const { fetch } = hangingFetch();
    const controller = new AbortController();
    const pending = createClient({ node: 'http://es.test', fetch, requestTimeout: 3_600_000 })
      .ml.closeJob({ job_id: 'j1' }, { signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort(new Error('user cancelled'));
    const error = await pending;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as RequestAbortedError).cause).toEqual(new Error('user cancelled'));
  });

  it('a signal that times out (AbortSignal.timeout) is the caller’s abort, not requestTimeout', async () => {
    const { fetch } = hangingFetch();
    const error = await createClient({ node: 'http://es.test', fetch })
      .ml.closeJob({ job_id: 'j1' }, { signal: AbortSignal.timeout(20) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
  });
});
