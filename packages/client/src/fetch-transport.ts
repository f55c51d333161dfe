import type { Client } from 'openapi-fetch';
import type { paths } from '@mlclose/schema';
import type { Send } from './client-options.js';
import { CLOSE_JOB_ROUTE } from './close-job-request.js';

/**
 * openapi-fetch's `Request` option, for the calls that need no real `Request`: it keeps the URL and init as
 * they are, and `sendPlain` hands them to `fetch`. A real `Request` would be built twice, once by
 * openapi-fetch and again inside `fetch`, with an AbortSignal each: the largest cost of this client over
 * raw `fetch` in a CPU profile.
 */
class PlainRequest {
  readonly method: string | undefined;
  constructor(
    readonly url: string,
    readonly init: RequestInit,
  ) {
    this.method = init.method;
  }
}

const sendPlain = (request: PlainRequest) => fetch(request.url, request.init);

/**
 * The default transport: openapi-fetch's `POST` on `plain`, a client of the same options with plain requests,
 * until middleware is registered on `raw`; then on `raw`, so that the middleware gets a real `Request`. With
 * an injected `fetch`, which takes a real `Request` too, the caller passes `raw` as `plain`.
 */
export function fetchTransport(raw: Client<paths>, plain: Client<paths>): Send {
  let viaRaw = false;
  const { use } = raw;
  raw.use = (...middleware) => {
    viaRaw = true;
    use(...middleware);
  };
  return async ({ path, query, body, signal }) => {
    const client = viaRaw ? raw : plain;
    const { data, error, response } = await client.POST(CLOSE_JOB_ROUTE, {
      params: { path: { job_id: '' }, query },
      body,
      signal,
      // `path` is encoded per id already (job-id.ts); the default serializer would encode it again.
      pathSerializer: (url) => url.replace(CLOSE_JOB_ROUTE, () => path),
    });
    return response.ok
      ? { status: response.status, body: data }
      : { status: response.status, body: error, headers: Object.fromEntries(response.headers) };
  };
}

/** The openapi-fetch options that make `plain` of `fetchTransport`. */
export const plainRequests = {
  // Documented options of openapi-fetch; it only calls `new Request(url, init)`, reads `method`, and
  // passes the object to `fetch`.
  Request: PlainRequest as unknown as typeof Request,
  fetch: sendPlain as unknown as (input: Request) => Promise<Response>,
};
