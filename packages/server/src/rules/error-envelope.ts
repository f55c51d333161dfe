// Elasticsearch's error envelopes (ElasticsearchException.generateFailureXContent, RestResponse); CJ-ENV-001,
// CJ-ENV-002, CJ-ENV-003, CJ-ENV-004, CJ-ENV-005.
import type { DetailedErrorResponse, ErrorCause, SimpleErrorResponse } from '@mlclose/schema';

/** A Java exception class: its binary name, for stack traces, and whether it extends ElasticsearchException. */
export interface JavaClass {
  readonly name: string;
  /** guessRootCauses descends through Elasticsearch exceptions; it wraps a plain Java root cause. */
  readonly elasticsearch: boolean;
}

interface CauseFields {
  reason: string;
  causedBy?: EsCause;
  /** Extra fields rendered next to `type` and `reason` (exception metadata such as `index`). */
  metadata?: Record<string, string | string[]>;
  /** Headers the exception carries (only security exceptions, CJ-SEC-001). */
  header?: Record<string, string | string[]>;
}

/**
 * One exception of a chain, as Elasticsearch renders it (type in snake_case,
 * ElasticsearchException.getExceptionName): one of the exceptions of the close API and the request plumbing
 * (JAVA_CLASSES), or an exception only another API throws, with its Java class declared beside that API.
 */
export type EsCause = CauseFields &
  ({ type: ExceptionType; java?: undefined } | { type: string; java: JavaClass });

// Exceptions that are ElasticsearchException subclasses. root_cause is the innermost run of these
// (ElasticsearchException.guessRootCauses); plain Java exceptions (illegal_argument_exception,
// x_content_parse_exception...) are their own root cause.
const ELASTICSEARCH_TYPES: ReadonlySet<string> = new Set<ExceptionType>([
  'exception',
  'status_exception',
  'resource_not_found_exception',
  'resource_already_exists_exception',
  'parse_exception',
  'security_exception',
  'index_not_found_exception',
  'invalid_index_name_exception',
]);

// Java class names for the synthetic stack traces of ?error_trace=true (CJ-FMT-007).
const JAVA_CLASSES = {
  exception: 'org.elasticsearch.ElasticsearchException',
  status_exception: 'org.elasticsearch.ElasticsearchStatusException',
  resource_not_found_exception: 'org.elasticsearch.ResourceNotFoundException',
  resource_already_exists_exception: 'org.elasticsearch.ResourceAlreadyExistsException',
  parse_exception: 'org.elasticsearch.ElasticsearchParseException',
  security_exception: 'org.elasticsearch.ElasticsearchSecurityException',
  index_not_found_exception: 'org.elasticsearch.index.IndexNotFoundException',
  invalid_index_name_exception: 'org.elasticsearch.indices.InvalidIndexNameException',
  illegal_argument_exception: 'java.lang.IllegalArgumentException',
  illegal_state_exception: 'java.lang.IllegalStateException',
  number_format_exception: 'java.lang.NumberFormatException',
  x_content_parse_exception: 'org.elasticsearch.xcontent.XContentParseException',
  x_content_e_o_f_exception: 'org.elasticsearch.xcontent.XContentEOFException',
  media_type_header_exception: 'org.elasticsearch.rest.RestRequest$MediaTypeHeaderException',
  json_parse_exception: 'com.fasterxml.jackson.core.JsonParseException',
  json_e_o_f_exception: 'com.fasterxml.jackson.core.io.JsonEOFException',
  stream_constraints_exception: 'com.fasterxml.jackson.core.exc.StreamConstraintsException',
} as const;

/**
 * The exceptions of the close API, of the request plumbing every API shares, and of the job and index errors the
 * conformance suite drives; an exception only another API throws declares its Java class beside it (otherApiError).
 */
export type ExceptionType = keyof typeof JAVA_CLASSES;

function isElasticsearch(cause: EsCause): boolean {
  return cause.java?.elasticsearch ?? ELASTICSEARCH_TYPES.has(cause.type);
}

// The anonymous ElasticsearchException that guessRootCauses wraps a plain Java root cause in (CJ-FMT-008).
const ROOT_CAUSE_WRAPPER = 'org.elasticsearch.ElasticsearchException$1';

/** An exception answered with the detailed envelope. */
export class EsError extends Error {
  constructor(
    readonly status: number,
    readonly cause_: EsCause,
    /** HTTP headers to send with the response (WWW-Authenticate on 401). */
    readonly httpHeaders: Record<string, string | string[]> = {},
  ) {
    super(cause_.reason);
  }
}

export function esError(
  status: number,
  type: ExceptionType,
  reason: string,
  causedBy?: EsCause,
  extra?: Pick<CauseFields, 'metadata' | 'header'>,
): EsError {
  return new EsError(status, { type, reason, ...(causedBy ? { causedBy } : {}), ...extra });
}

/** An exception only another API throws (no cause), with its Java class. */
export function otherApiError(
  status: number,
  type: string,
  java: JavaClass,
  reason: string,
  extra?: Pick<CauseFields, 'metadata'>,
): EsError {
  return new EsError(status, { type, java, reason, ...extra });
}

/** 400 illegal_argument_exception, the most common request error. */
export function illegalArgument(reason: string, causedBy?: EsCause): EsError {
  return esError(400, 'illegal_argument_exception', reason, causedBy);
}

/** 404 resource_not_found_exception for jobs, with ML's wording (CJ-MATCH-001). */
export function missingJob(ids: string): EsError {
  return esError(404, 'resource_not_found_exception', `No known job with id '${ids}'`);
}

/** 404 for datafeeds, with ML's wording (`ExceptionsHelper.missingDatafeedException`). */
export function missingDatafeed(ids: string): EsError {
  return esError(404, 'resource_not_found_exception', `No datafeed with id [${ids}] exists`);
}

/** 409 status_exception (`ExceptionsHelper.conflictStatusException`). */
export function conflict(reason: string, causedBy?: EsCause): EsError {
  return esError(409, 'status_exception', reason, causedBy);
}

/** A root_cause entry: the exception and whether guessRootCauses had to wrap it (a plain Java exception). */
interface RootCause {
  readonly cause: EsCause;
  readonly wrapped: boolean;
}

/**
 * ElasticsearchException.guessRootCauses: an Elasticsearch exception descends while its cause is one too; an
 * XContentParseException descends into a cause that is another XContentParseException or an Elasticsearch
 * exception (its subclass XContentEOFException only ever wraps Jackson's exception); anything else is its own
 * root cause, wrapped in an anonymous ElasticsearchException.
 */
function rootCause(cause: EsCause): RootCause {
  if (isElasticsearch(cause)) {
    let current = cause;
    while (current.causedBy && isElasticsearch(current.causedBy)) current = current.causedBy;
    return { cause: current, wrapped: false };
  }
  const inner = cause.causedBy;
  if (
    cause.type === 'x_content_parse_exception' &&
    inner &&
    (inner.type === 'x_content_parse_exception' || isElasticsearch(inner))
  ) {
    return rootCause(inner);
  }
  return { cause, wrapped: true };
}

/**
 * Throwable.toString, after ElasticsearchException.toString's prefix for an exception that carries an index (only
 * Elasticsearch exceptions carry metadata): Index.toString, `[name]` or `[name/uuid]` when the uuid is known, then
 * `[` + ShardId.toString() + `]` when it carries a shard, then a space (CJ-FMT-007).
 */
function javaToString(cause: EsCause): string {
  const { index, index_uuid: uuid, shard } = cause.metadata ?? {};
  let prefix = '';
  if (typeof index === 'string') {
    prefix = typeof uuid !== 'string' || uuid === '_na_' ? `[${index}]` : `[${index}/${uuid}]`;
    if (shard !== undefined) prefix += `[[${index}][${shard}]]`;
    prefix += ' ';
  }
  // Without `java`, the type is one of the table's (EsCause).
  const javaClass = cause.java?.name ?? JAVA_CLASSES[cause.type as ExceptionType];
  return `${prefix}${javaClass}: ${cause.reason}`;
}

// Throwable.printStackTrace: the exception's toString (`head`), a frame, then each cause on a `Caused by:` line.
// Frame lines are not part of the contract.
function stackTrace(head: string, causedBy: EsCause | undefined): string {
  let trace = `${head}\n\tat mlclose.server(reference-server.js)`;
  if (causedBy) trace += `\nCaused by: ${stackTrace(javaToString(causedBy), causedBy.causedBy)}`;
  return trace;
}

// Members left undefined are not written (toJson, like JSON.stringify, skips them).
function render(cause: EsCause, withCause: boolean, errorTrace: boolean): ErrorCause {
  const out: ErrorCause = { type: cause.type, reason: cause.reason };
  // Field order of ElasticsearchException.innerToXContent: metadata, caused_by, header, stack_trace.
  Object.assign(out, cause.metadata);
  if (withCause && cause.causedBy) out.caused_by = render(cause.causedBy, true, errorTrace);
  out.header = cause.header;
  if (errorTrace) out.stack_trace = stackTrace(javaToString(cause), cause.causedBy);
  return out;
}

// A root_cause entry: rendered without caused_by. A wrapped plain exception shows the wrapper's type, reason and
// trace, so the trace starts with the anonymous class and names the real exception on a `Caused by:` line.
function renderRoot({ cause, wrapped }: RootCause, errorTrace: boolean): ErrorCause {
  if (!wrapped) return render(cause, false, errorTrace);
  const out: ErrorCause = { type: cause.type, reason: cause.reason };
  if (errorTrace) out.stack_trace = stackTrace(`${ROOT_CAUSE_WRAPPER}: ${cause.reason}`, cause);
  return out;
}

/**
 * The detailed envelope (CJ-ENV-001). `errorTrace` adds `stack_trace` to every rendered exception: the top level,
 * the root_cause entry and each caused_by (CJ-FMT-004), never for 401 (CJ-FMT-006).
 */
export function detailedBody(error: EsError, errorTrace: boolean): DetailedErrorResponse {
  const trace = errorTrace && error.status !== 401;
  const top = render(error.cause_, true, trace);
  const root = renderRoot(rootCause(error.cause_), trace);
  // Key order as Elasticsearch writes it: root_cause first.
  const { type, reason, ...rest } = top;
  // root_cause entries never carry caused_by (render skips it); the schema type says so with `caused_by?: never`.
  const body = { root_cause: [root], type, reason, ...rest } as DetailedErrorResponse['error'];
  return { error: body, status: error.status };
}

/**
 * The simple envelope (CJ-ENV-004); the unknown-route 400 has no `status` (CJ-ROUTE-004): left undefined, it is not
 * written.
 */
export function simpleBody(message: string, status?: number): SimpleErrorResponse {
  return { error: message, status };
}
