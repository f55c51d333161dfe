import type { Client } from 'openapi-fetch';
import type { paths } from '@mlclose/schema';
import type { Send, Transport, TransportResponse } from './client-options.js';
import { CLOSE_JOB_ROUTE } from './close-job-request.js';
import { parseBody, jsonHeaders, requestUrl } from './wire.js';

/** A transport's answer from a fetch `Response` and its parsed body; the headers only for an error. */
const answer = ({ ok, status, headers }: Response, body: unknown): TransportResponse => ({
  status,
  body,
  headers: ok ? undefined : Object.fromEntries(headers),
});

/**
 * The default transport: one `fetch` call with the URL, headers and body that openapi-fetch would build
 * (wire.ts). In an A/B run on loopback, openapi-fetch's `POST` (even with its `Request` option) cost 5-13 % more
 * client CPU per call than a bare `fetch`, mostly building and copying the request; apps/bench records this path's
 * client CPU per call next to a bare `fetch`'s.
 */
export const fetchTransport: Transport = ({ node, headers }) => {
  const json = jsonHeaders(headers);
  return async ({ path, query, body, signal }) => {
    const response = await fetch(requestUrl(node, path, query), {
      method: 'POST',
      headers: body ? json : headers,
      body: body && JSON.stringify(body),
      signal,
    });
    return answer(response, parseBody(await response.text(), response.ok));
  };
};

/**
 * Sends through `direct` until middleware is registered on `raw`, then through openapi-fetch's `POST` on
 * `raw`, so that the middleware sees every call with a real `Request`. With no `direct` (an injected
 * `fetch`, which takes a real `Request` too), always through `raw`.
 */
export function throughMiddleware(raw: Client<paths>, direct: Send | undefined): Send {
  let send = direct;
  const { use } = raw;
  raw.use = (...middleware) => {
    send = undefined;
    use(...middleware);
  };
  const viaOpenapiFetch: Send = async ({ path, query, body, signal }) => {
    const { data, error, response } = await raw.POST(CLOSE_JOB_ROUTE, {
      params: { path: { job_id: '' }, query },
      body,
      // JSON whatever the content-type, as the transports send it (openapi-fetch would send a form body for
      // `application/x-www-form-urlencoded`). Its second argument, the headers, is neither a function nor an array,
      // so JSON.stringify ignores it as a replacer.
      bodySerializer: JSON.stringify,
      signal,
      // `path` is encoded per id already (job-id.ts); the default serializer would encode it again.
      pathSerializer: (url) => url.replace(CLOSE_JOB_ROUTE, () => path),
    });
    // An empty error body without a Content-Length: openapi-fetch gives '', the transports `undefined`.
    return answer(response, response.ok ? data : (error as unknown) === '' ? undefined : error);
  };
  // Not async itself: the direct call gets no extra promise around it.
  return (request) => (send ? send(request) : viaOpenapiFetch(request));
}
