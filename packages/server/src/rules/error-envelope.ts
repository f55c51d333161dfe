// Elasticsearch's error envelopes, see close-job-behaviour.md §5.
import type { DetailedErrorResponse, ErrorCause, SimpleErrorResponse } from '@mlclose/schema';

/** One exception of a chain, as Elasticsearch renders it (type in snake_case, see §5.1). */
export interface EsCause {
  type: string;
  reason: string | null;
  causedBy?: EsCause;
  /** Extra fields rendered next to `type` and `reason` (exception metadata such as `index`). */
  metadata?: Record<string, string | string[]>;
  /** Headers the exception carries (only security exceptions, §6). */
  header?: Record<string, string | string[]>;
}

// Exceptions that are ElasticsearchException subclasses. root_cause is the innermost run of these (§5.1);
// plain Java exceptions (illegal_argument_exception, x_content_parse_exception...) are their own root cause.
const ELASTICSEARCH_TYPES = new Set([
  'exception',
  'status_exception',
  'resource_not_found_exception',
  'resource_already_exists_exception',
  'parse_exception',
  'security_exception',
  'index_not_found_exception',
  'invalid_index_name_exception',
  'master_not_discovered_exception',
  'action_request_validation_exception',
  'parsing_exception',
  'version_conflict_engine_exception',
]);

// Java class names for the synthetic stack traces of ?error_trace=true (§7).
const JAVA_CLASSES: Record<string, string> = {
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
  action_request_validation_exception: 'org.elasticsearch.action.ActionRequestValidationException',
  parsing_exception: 'org.elasticsearch.common.ParsingException',
  version_conflict_engine_exception: 'org.elasticsearch.index.engine.VersionConflictEngineException',
  runtime_exception: 'java.lang.RuntimeException',
  media_type_header_exception: 'org.elasticsearch.xcontent.MediaTypeRegistry$MediaTypeHeaderException',
};

/** An exception answered with the detailed envelope. */
export class EsError extends Error {
  constructor(
    readonly status: number,
    readonly cause_: EsCause,
    /** HTTP headers to send with the response (WWW-Authenticate on 401). */
    readonly httpHeaders: Record<string, string | string[]> = {},
  ) {
    super(cause_.reason ?? cause_.type);
  }
}

export function esError(
  status: number,
  type: string,
  reason: string | null,
  causedBy?: EsCause,
  extra?: Pick<EsCause, 'metadata' | 'header'>,
): EsError {
  return new EsError(status, { type, reason, ...(causedBy ? { causedBy } : {}), ...extra });
}

/** 400 illegal_argument_exception, the most common request error. */
export function illegalArgument(reason: string, causedBy?: EsCause): EsError {
  return esError(400, 'illegal_argument_exception', reason, causedBy);
}

/** 404 resource_not_found_exception for jobs, with ML's wording (§2.3). */
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

function rootCauses(cause: EsCause): EsCause {
  // ElasticsearchException.guessRootCauses: descend while the cause is itself an Elasticsearch exception.
  if (!ELASTICSEARCH_TYPES.has(cause.type)) return cause;
  let current = cause;
  while (current.causedBy && ELASTICSEARCH_TYPES.has(current.causedBy.type)) current = current.causedBy;
  return current;
}

function stackTrace(cause: EsCause): string {
  const javaClass = JAVA_CLASSES[cause.type] ?? 'org.elasticsearch.ElasticsearchException';
  let trace = `${javaClass}: ${cause.reason ?? 'null'}\n\tat mlclose.server(reference-server.js)`;
  if (cause.causedBy) trace += `\nCaused by: ${stackTrace(cause.causedBy)}`;
  return trace;
}

function render(cause: EsCause, withCause: boolean, errorTrace: boolean): ErrorCause {
  const out: ErrorCause = { type: cause.type, reason: cause.reason };
  // Field order of ElasticsearchException.innerToXContent: metadata, caused_by, header, stack_trace.
  if (cause.metadata) Object.assign(out, cause.metadata);
  if (withCause && cause.causedBy) out.caused_by = render(cause.causedBy, true, errorTrace);
  if (cause.header) out.header = cause.header;
  if (errorTrace) out.stack_trace = stackTrace(cause);
  return out;
}

/** The detailed envelope of §5.1. `errorTrace` adds `stack_trace` (never for 401, §6). */
export function detailedBody(error: EsError, errorTrace: boolean): DetailedErrorResponse {
  const trace = errorTrace && error.status !== 401;
  const top = render(error.cause_, true, trace);
  const root = render(rootCauses(error.cause_), false, trace);
  // Key order as Elasticsearch writes it: root_cause first.
  const { type, reason, ...rest } = top;
  // root_cause entries never carry caused_by (render skips it); the schema type says so with `caused_by?: never`.
  const body = { root_cause: [root], type, reason, ...rest } as DetailedErrorResponse['error'];
  return { error: body, status: error.status };
}

/** The simple envelope of §5.2; the unknown-route 400 has no `status`. */
export function simpleBody(message: string, status?: number): SimpleErrorResponse {
  return status === undefined ? { error: message } : { error: message, status };
}
