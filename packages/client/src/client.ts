import createFetchClient, { type Client } from 'openapi-fetch';
import type { paths } from '@mlclose/schema';
import { authorization } from './auth.js';
import type { ClientOptions, CloseJobCallOptions, CloseJobParams, CloseJobResult } from './client-options.js';
import { buildCloseJobRequest, checkOptions } from './close-job-request.js';
import {
  ConnectionError,
  RequestAbortedError,
  ResponseError,
  TimeoutError,
  ValidationError,
  type RequestSummary,
} from './errors.js';

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

/** Creates a client. The options are checked here, so a bad URL or header fails now, not on first use. */
export function createClient(options: ClientOptions): MlCloseClient {
  checkOptions(options, [
    'node',
    'baseUrl',
    'auth',
    'headers',
    'fetch',
    'requestTimeout',
    'retry',
    'paramsIn',
  ]);
  const { node = options.baseUrl, fetch, requestTimeout, retry, paramsIn } = options;
  const headers = { ...options.headers, Authorization: authorization(options.auth) };
  try {
    // Headers would throw later with the value in its message, and the value may be a secret.
    new Headers(headers as HeadersInit);
  } catch {
    throw new ValidationError('invalid header');
  }
  // fetch would quote a URL with credentials in its error: they belong in `auth`.
  if (!node || node.split('/')[2]?.includes('@')) throw new ValidationError('invalid node');
  // `retry: { retries }` would fail only on the first error: the options go through retry() first.
  if (retry && typeof retry != 'function') throw new ValidationError('invalid retry');
  const raw = createFetchClient<paths>({ baseUrl: node, fetch, headers });

  async function closeJob(params: CloseJobParams, call: CloseJobCallOptions = {}): Promise<CloseJobResult> {
    const [path, query, body] = buildCloseJobRequest(params, call, paramsIn);
    const request: RequestSummary = { method: 'POST', url: path };
    const { signal } = call;
    for (let attempt = 0; ; attempt++) {
      // A timer only with a limit: per call, AbortSignal.timeout and AbortSignal.any cost more than the rest of
      // this wrapper in Node 20 (and the ~23-day timer used before stayed pending after every call).
      const timer = (requestTimeout && AbortSignal.timeout(requestTimeout)) as AbortSignal | undefined;
      let error: ResponseError | ConnectionError;
      try {
        const {
          data,
          error: errorBody,
          response,
        } = await raw.POST('/_ml/anomaly_detectors/{job_id}/_close', {
          params: { path: { job_id: path }, query },
          body,
          signal: timer && signal ? AbortSignal.any([timer, signal]) : timer || signal,
          // The segment is encoded per id already (job-id.ts); the default serializer would encode it again.
          pathSerializer: (url) => (request.url = url.replace('{job_id}', path)),
        });
        if (response.ok) return data!;
        error = new ResponseError(errorBody, response, request);
      } catch (cause) {
        if (timer?.aborted) throw new TimeoutError('timed out', request, cause);
        if (signal?.aborted) throw new RequestAbortedError('aborted', request, cause);
        error = new ConnectionError((cause as Error)?.message, request, cause);
      }
      if (!(await retry?.(attempt, error, signal))) throw error;
    }
  }

  return { raw, ml: { closeJob } };
}
