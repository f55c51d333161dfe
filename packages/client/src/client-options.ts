import type { CloseJobQuery, CloseJobRequest, CloseJobRequestBody, CloseJobResponse } from '@mlclose/schema';
import type { ConnectionError, ResponseError } from './errors.js';

/**
 * The close options, the parameters that both the query string and the JSON body take: sent in the body
 * (default) or in the query string, never both.
 */
export type CloseJobOptionName = Extract<keyof CloseJobQuery, keyof CloseJobRequestBody>;
/** Query parameters that are not close options (`pretty`, `human`, `error_trace`, `filter_path`). */
export type CommonQueryParams = Omit<CloseJobQuery, CloseJobOptionName>;

/** Where the close options travel. */
export type ParamsIn = 'body' | 'query';

/**
 * The first argument of `ml.closeJob`, as the official client takes it. `job_id` may also be an array of ids,
 * groups and wildcards; they are joined with commas.
 */
export type CloseJobParams = Omit<CloseJobRequest, 'job_id'> & {
  job_id: CloseJobRequest['job_id'] | readonly CloseJobRequest['job_id'][];
} & CommonQueryParams;

/** What `ml.closeJob` resolves to: `{ closed: true }`. */
export type CloseJobResult = CloseJobResponse;

/** The second argument of `ml.closeJob`. */
export interface CloseJobCallOptions {
  /** Aborts the request with a `RequestAbortedError`. @default undefined */
  signal?: AbortSignal;
  /** Where to send `allow_no_match`, `force` and `timeout` for this call. @default the client's `paramsIn` */
  paramsIn?: ParamsIn;
  /** Extra query parameters; the close options are not allowed here (a body plus query options is a 400). @default undefined */
  querystring?: CommonQueryParams;
}

/** An API key: the encoded `id:api_key` string Kibana shows, or the pair. */
export type ApiKey = string | { id: string; api_key: string };

/** Credentials, one scheme. `undefined` values are allowed (for `process.env`): then no Authorization header is sent. */
export type Auth =
  | { /** `Authorization: ApiKey …`. @default undefined */ apiKey: ApiKey | undefined }
  | {
      /** Basic auth user name. @default undefined */ username: string | undefined;
      /** Basic auth password. @default undefined */ password: string | undefined;
    }
  | {
      /** `Authorization: Bearer …` (a token from the token service or a JWT). @default undefined */ bearer:
        | string
        | undefined;
    };

/**
 * Decides after a failed attempt whether to retry: waits, then resolves `true`; or resolves `false` and the
 * error is thrown. `attempt` counts from 0. Timeouts and aborts are never passed here: they are thrown at once.
 * Build one with `retry()` from `@mlclose/client/retry`.
 */
export type RetryPolicy = (
  attempt: number,
  error: ResponseError | ConnectionError,
  signal?: AbortSignal,
) => Promise<boolean>;

/** Options of `retry()` from `@mlclose/client/retry`. */
export interface RetryOptions {
  /** How many times to retry after the first attempt. @default 2 */
  retries?: number;
  /** HTTP statuses that are retried. @default [429, 502, 503, 504] */
  statuses?: readonly number[];
  /** The first backoff delay; it doubles each attempt. @default 500 */
  minDelayMs?: number;
  /** The cap on any delay, `Retry-After` included. @default 10000 */
  maxDelayMs?: number;
  /** Retry when the connection was refused (the request never reached the server). Browsers cannot tell this case apart, so there it never applies. @default true */
  retryOnConnectionRefused?: boolean;
  /** How to wait; for tests. @default a setTimeout that the call's signal cuts short */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1); for tests. @default Math.random */
  random?: () => number;
}

/** Options of `createClient`. */
export interface ClientOptions {
  /** The Elasticsearch URL, like the official client's `node`. A URL with user info is refused: credentials go in `auth`. @default undefined (required unless `baseUrl` is given) */
  node?: string | undefined;
  /** Alias of `node`, as openapi-fetch names it. @default undefined */
  baseUrl?: string | undefined;
  /** Credentials: `{ apiKey }`, `{ username, password }` or `{ bearer }`. @default undefined (no Authorization header) */
  auth?: Auth;
  /** Headers sent with every request. @default {} */
  headers?: Record<string, string>;
  /** The fetch to use; inject one in tests. @default globalThis.fetch */
  fetch?: (input: Request) => Promise<Response>;
  /** Client-side limit in milliseconds per attempt; `TimeoutError` when it expires. Not the server-side `timeout`. @default undefined (no limit) */
  requestTimeout?: number;
  /** Opt-in retries: `retry({ retries: 3 })` from `@mlclose/client/retry`. @default undefined (no retries) */
  retry?: RetryPolicy;
  /** Where to send `allow_no_match`, `force` and `timeout`: a JSON body, like the official client, or the query string. @default 'body' */
  paramsIn?: ParamsIn;
  /** How `ml.closeJob` sends requests: `undiciTransport()` from `@mlclose/client/undici` in Node. Not with `fetch`. @default one `fetch` call; openapi-fetch's `POST` on `raw` once middleware is registered there or a `fetch` is injected */
  transport?: Transport;
}

/** One close-job request as a transport sends it: checked, split and encoded already. */
export interface TransportRequest {
  /** The path after the node's URL, `job_id` percent-encoded: `/_ml/anomaly_detectors/a,b/_close`. */
  path: string;
  /** Query parameters, unencoded. */
  query: CloseJobQuery;
  /** The JSON body, or `undefined` for none. */
  body: CloseJobRequestBody | undefined;
  /** Aborts the request; the transport rejects with any error once it fires. */
  signal: AbortSignal | undefined;
}

/** What a transport got back: any HTTP status. It rejects only when no response came. */
export interface TransportResponse {
  status: number;
  /** The body: parsed JSON, the text when it is not JSON, `undefined` when empty. */
  body: unknown;
  /** The response headers, names in lower case. Only read for errors, so a 2xx may leave them out. */
  headers?: Record<string, string>;
}

/** Sends one request; made once per client by a `Transport`. */
export type Send = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Makes the `Send` of one client from its URL (`node`, without a trailing slash) and headers (names in lower
 * case, Authorization included).
 */
export type Transport = (client: { node: string; headers: Record<string, string> }) => Send;
