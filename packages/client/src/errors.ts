import type { ErrorCause, ErrorResponse } from '@mlclose/schema';

/** What an error knows about the request that failed: method and URL only, never headers (they carry credentials). */
export interface RequestSummary {
  method: 'POST';
  url: string;
}

/** The base class of every error this client throws after the input checks passed. */
export class ElasticsearchClientError extends Error {
  override name = 'ElasticsearchClientError';
  /** The request that failed (method and URL; headers are left out on purpose). */
  declare readonly request: RequestSummary;
  constructor(message: string, request: RequestSummary, cause?: unknown) {
    super(message + ': POST ' + request.url, { cause });
    this.request = request;
  }
}

/**
 * Elasticsearch answered with a non-2xx status. Both envelopes are understood: the detailed
 * `{ error: { type, reason, root_cause }, status }` and the simple `{ error: "...", status }`
 * (close-job-behaviour.md §5.1, §5.2).
 */
export class ResponseError extends ElasticsearchClientError {
  override name = 'ResponseError';
  /** The HTTP status. */
  declare readonly statusCode: number;
  /** The parsed error body; a string when it was not JSON; `undefined` when empty. */
  declare readonly body: ErrorResponse | string | undefined;
  /** The response headers, names in lower case. */
  declare readonly headers: Record<string, string>;
  /** `error.type` of the detailed envelope, e.g. `resource_not_found_exception`. */
  declare readonly type: string | undefined;
  /** `error.reason` of the detailed envelope, or the string of the simple one. */
  declare readonly reason: string | null | undefined;
  /** `error.root_cause` of the detailed envelope; empty otherwise. */
  declare readonly rootCause: ErrorCause[];
  constructor(body: any, response: Response, request: RequestSummary) {
    const error = body?.error;
    const type = error?.type;
    const reason = typeof error == 'object' ? error?.reason : error;
    const statusCode = response.status;
    super(`HTTP ${statusCode} ${[type, reason].filter((s) => s).join(': ')}`, request);
    Object.assign(this, {
      statusCode,
      body,
      headers: Object.fromEntries(response.headers),
      type,
      reason,
      rootCause: error?.root_cause ?? [],
    });
  }
  /** Like the official client's `err.meta`: `meta.body`, `meta.statusCode`, `meta.headers`. */
  get meta(): Pick<ResponseError, 'body' | 'statusCode' | 'headers'> {
    return this;
  }
}

/** The request got no HTTP response: refused, reset, DNS, TLS or CORS failure. `cause` holds the fetch error. */
export class ConnectionError extends ElasticsearchClientError {
  override name = 'ConnectionError';
}

/** The client-side `requestTimeout` expired. Elasticsearch may still be closing the job. */
export class TimeoutError extends ElasticsearchClientError {
  override name = 'TimeoutError';
}

/** The caller's `signal` aborted the request. Elasticsearch may still be closing the job. */
export class RequestAbortedError extends ElasticsearchClientError {
  override name = 'RequestAbortedError';
}

/** The input was rejected before any request was sent: empty `job_id`, bad Duration, unknown option. */
export class ValidationError extends TypeError {
  override name = 'ValidationError';
}
