import createFetchClient, { mergeHeaders, removeTrailingSlash, type Client } from 'openapi-fetch';
import type { paths } from '@mlclose/schema';
import { authorization } from './auth.js';
import type { ClientOptions, CloseJobCallOptions, CloseJobParams, CloseJobResult } from './client-options.js';
import { buildCloseJobRequest, checkOptions, optionNames } from './close-job-request.js';
import {
  ConnectionError,
  RequestAbortedError,
  ResponseError,
  TimeoutError,
  ValidationError,
  type RequestSummary,
} from './errors.js';
import { fetchTransport, throughMiddleware } from './fetch-transport.js';

/** A client for Elasticsearch's close anomaly detection jobs API. */
export interface MlCloseClient {
  /** The underlying openapi-fetch client, typed from the spec: `{ data, error }` results and middleware. */
  raw: Client<paths>;
  ml: {
    /**
     * `POST /_ml/anomaly_detectors/{job_id}/_close`, a drop-in for the official client's `ml.closeJob`.
     * Resolves to `{ closed: true }`; every failure is thrown (`ResponseError`, `ConnectionError`,
     * `TimeoutError`, `RequestAbortedError`, or `ValidationError` before anything is sent).
     */
    closeJob(params: CloseJobParams, options?: CloseJobCallOptions): Promise<CloseJobResult>;
  };
}

const CLIENT_OPTIONS = optionNames<ClientOptions>({
  node: true,
  baseUrl: true,
  auth: true,
  headers: true,
  fetch: true,
  requestTimeout: true,
  retry: true,
  paramsIn: true,
  transport: true,
});

/** Creates a client. The options are checked here, so a bad URL or header fails now, not on first use. */
export function createClient(options: ClientOptions): MlCloseClient {
  checkOptions(options, CLIENT_OPTIONS);
  const { node = options.baseUrl, fetch, requestTimeout, retry, paramsIn, transport } = options;
  const credentials = authorization(options.auth);
  // Merged by openapi-fetch's own rules: of two names that differ only in case the later wins, `auth` over both, and
  // an unset value sends no header. Names come out in lower case.
  let headers: Record<string, string>;
  try {
    headers = Object.fromEntries(mergeHeaders(options.headers, { authorization: credentials }));
  } catch {
    // Headers throws with the value in its message, and the value may be a secret.
    throw new ValidationError('invalid header');
  }
  // fetch would quote a URL with credentials in its error: they belong in `auth`.
  if (!node || node.split('/')[2]?.includes('@')) throw new ValidationError('invalid node');
  // `retry: { retries }` would fail only on the first error: the options go through retry() first.
  if (retry !== undefined && typeof retry !== 'function') throw new ValidationError('invalid retry');
  // A transport sends without fetch: an injected one would be ignored.
  if (fetch && transport) throw new ValidationError('fetch and transport exclude each other');
  const raw = createFetchClient<paths>({ baseUrl: node, fetch, headers });
  const base = removeTrailingSlash(node);
  const target = { node: base, headers };
  const send = transport
    ? transport(target)
    : throughMiddleware(raw, fetch ? undefined : fetchTransport(target));

  async function closeJob(params: CloseJobParams, call: CloseJobCallOptions = {}): Promise<CloseJobResult> {
    const { path, query, body } = buildCloseJobRequest(params, call, paramsIn);
    const request: RequestSummary = { method: 'POST', url: base + path };
    const { signal } = call;
    for (let attempt = 0; ; attempt++) {
      // A timer only with a limit: per call, AbortSignal.timeout and AbortSignal.any cost more than the rest of
      // this wrapper in Node 20.
      const timer = requestTimeout ? AbortSignal.timeout(requestTimeout) : undefined;
      let error: ResponseError | ConnectionError;
      try {
        // Named one by one, not `{ ...parts, signal }`: in Node 20 an object literal with a property after a spread
        // takes 0.7 to 1.2 µs (tens of ns without it), and it was half of this wrapper's cost (A/B with a stub fetch).
        const answer = await send({
          path,
          query,
          body,
          signal: timer && signal ? AbortSignal.any([timer, signal]) : (timer ?? signal),
        });
        if (answer.status >= 200 && answer.status < 300) return answer.body as CloseJobResult;
        error = new ResponseError(answer, request);
      } catch (cause) {
        if (timer?.aborted) throw new TimeoutError('timed out', request, cause);
        if (signal?.aborted) throw new RequestAbortedError('aborted', request, cause);
        error = new ConnectionError(cause instanceof Error ? cause.message : String(cause), request, cause);
      }
      if (!(await retry?.(attempt, error, signal))) throw error;
    }
  }

  return { raw, ml: { closeJob } };
}
