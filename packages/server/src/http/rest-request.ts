// Building the request, as RestRequest's constructor and AbstractHttpServerTransport.handleIncomingRequest do it
// before any routing: the query string is decoded first (a failure is the request's bad-request cause), then the
// Accept and Content-Type headers are parsed for every request, with or without a body (CJ-CT-005, CJ-CT-006),
// then the compatible-with versions are checked (CJ-CT-007). A header that fails is dropped from the request and
// the request is answered 400 media_type_header_exception: the response is built without that header.
import type { EsError } from '../rules/error-envelope.js';
import {
  compatibleVersionFailure,
  type MediaType,
  mediaTypeHeaderError,
  parseMediaTypeHeader,
} from '../rules/media-type.js';

export interface MediaTypeHeaders {
  /** The Accept value kept on the request (undefined when absent or dropped). */
  readonly accept: string | undefined;
  /** The Content-Type value kept on the request (undefined when absent or dropped). */
  readonly contentType: string | undefined;
  /** The parsed Content-Type: null for a media range, undefined when absent or dropped. */
  readonly parsedContentType: MediaType | null | undefined;
  /** The bad-request cause, when a header failed. */
  readonly error: EsError | undefined;
}

/**
 * Every value of one header, in order: Node joins a repeated Accept and keeps only the first Content-Type, so the
 * raw header list is read to see a repetition (RestRequest refuses one).
 */
export function headerValues(req: { readonly rawHeaders: readonly string[] }, name: string): string[] {
  const raw = req.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length === name.length && key.toLowerCase() === name) values.push(raw[i + 1]!);
  }
  return values;
}

const NO_MEDIA_TYPE_HEADERS: MediaTypeHeaders = Object.freeze({
  accept: undefined,
  contentType: undefined,
  parsedContentType: undefined,
  error: undefined,
});

/** The IllegalArgumentException of parseHeaderWithMediaType, wrapped in MediaTypeHeaderException. */
function parseFailure(name: 'Accept' | 'Content-Type', reason: string): EsError {
  return mediaTypeHeaderError([name], { type: 'illegal_argument_exception', reason });
}

/**
 * RestRequest's header parsing, with AbstractHttpServerTransport's retry without the failed header(s): each failure
 * drops its header(s) and the request is built again; the first failure is the cause (a later one is only
 * suppressed into it: ExceptionsHelper.useOrSuppress). A rebuilt request no longer has the dropped header, so the
 * steps run once each, in order.
 */
export function parseMediaTypeHeaders(
  acceptValues: readonly string[],
  contentTypeValues: readonly string[],
  hasContent: boolean,
): MediaTypeHeaders {
  // Neither header: nothing to parse, no version asked for, nothing can fail.
  if (acceptValues.length === 0 && contentTypeValues.length === 0) return NO_MEDIA_TYPE_HEADERS;
  let error: EsError | undefined;
  let accept: string | undefined = acceptValues[0];
  let acceptType: MediaType | null = null;
  const acceptParse = parseMediaTypeHeader('Accept', acceptValues);
  if (acceptParse.ok) acceptType = acceptParse.mediaType;
  else {
    error = parseFailure('Accept', acceptParse.reason);
    accept = undefined;
  }
  let contentType: string | undefined = contentTypeValues[0];
  let contentTypeParsed: MediaType | null | undefined;
  const contentTypeParse = parseMediaTypeHeader('Content-Type', contentTypeValues);
  if (contentTypeParse.ok) {
    if (contentType !== undefined) contentTypeParsed = contentTypeParse.mediaType;
  } else {
    error ??= parseFailure('Content-Type', contentTypeParse.reason);
    contentType = undefined;
  }
  const versionFailure = compatibleVersionFailure(acceptType, contentTypeParsed ?? null, hasContent);
  if (versionFailure) {
    // MediaTypeHeaderException names both headers (a Set.of, whose order Java does not fix) and both are dropped.
    error ??= mediaTypeHeaderError(['Accept', 'Content-Type'], versionFailure);
    accept = undefined;
    contentType = undefined;
    contentTypeParsed = undefined;
  }
  return { accept, contentType, parsedContentType: contentTypeParsed, error };
}
