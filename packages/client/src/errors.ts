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
  readonly request: RequestSummary;
  constructor(message: string, request: RequestSummary, cause?: unknown) {
    super(`${message}: POST ${request.url}`, { cause });
    this.request = request;
  }
}

/** What `ResponseError` reads from an answer; a `TransportResponse` is one. */
export interface ErrorAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Elasticsearch answered with a non-2xx status. Both envelopes are understood: the detailed
 * `{ error: { type, reason, root_cause }, status }` (CJ-ENV-001) and the simple `{ error: "...", status }`
 * (CJ-ENV-004).
 */
export class ResponseError extends ElasticsearchClientError {
  override name = 'ResponseError';
  /** The HTTP status. */
  readonly statusCode: number;
  /** The parsed error body; a string when it was not JSON; `undefined` when empty. */
  readonly body: ErrorResponse | string | undefined;
  /** The response headers, names in lower case. */
  readonly headers: Record<string, string>;
  /** `error.type` of the detailed envelope, e.g. `resource_not_found_exception`. */
  readonly type: string | undefined;
  /** `error.reason` of the detailed envelope, or the string of the simple one. */
  readonly reason: string | null | undefined;
  /** `error.root_cause` of the detailed envelope; empty otherwise. */
  readonly rootCause: ErrorCause[];
  constructor(answer: ErrorAnswer, request: RequestSummary) {
    // Elasticsearch sends one of the two envelopes; anything else (a proxy's page, say) keeps only its status.
    const body = answer.body as ErrorResponse | string | undefined;
    const error = typeof body === 'object' && body !== null ? body.error : undefined;
    const detailed = typeof error === 'object' && error !== null ? error : undefined;
    const type = detailed?.type;
    const reason = typeof error === 'string' ? error : detailed?.reason;
    super(`HTTP ${answer.status} ${[type, reason].filter(Boolean).join(': ')}`, request);
    this.statusCode = answer.status;
    this.body = body;
    this.headers = answer.headers ?? {};
    this.type = type;
    this.reason = reason;
    this.rootCause = detailed?.root_cause ?? [];
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
