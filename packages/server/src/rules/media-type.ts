// The media types of the Accept and Content-Type headers: how RestRequest parses them when it is built (before
// routing, for every request: CJ-CT-005, CJ-CT-006, CJ-CT-007), which body media types RestController takes
// (CJ-CT-001, CJ-CT-002, CJ-CT-003, CJ-CT-004), and the response Content-Type (CJ-RESP-002).
import { parseJavaLong } from './duration.js';
import { isBlank, isJavaWhitespace, javaSplit, javaTrim } from './java-text.js';
import { type EsCause, EsError } from './error-envelope.js';

export interface MediaType {
  /** The header value as sent (ParsedMediaType.toString, quoted in the compatible-version errors). */
  readonly raw: string;
  readonly type: string;
  readonly subtype: string;
  readonly params: Readonly<Record<string, string>>;
}

/** A parse result: the media type (null for a media range or `*\/*`, which count as not provided), or the reason. */
export type MediaTypeParse = { ok: true; mediaType: MediaType | null } | { ok: false; reason: string };

// RFC 7230 tchar, the pattern type and subtype must match.
const TCHAR = /^[a-zA-Z0-9!#$%&'*+\-.^_`|~]+$/u;
/**
 * ParsedMediaType.parseMediaType: one `type/subtype` of tchars, then `;`-separated `key=value` parameters with no
 * space around the `=`; keys and values are lower-cased and kept as sent otherwise (quotes included). A value
 * with a comma (a media range) or exactly `*\/*` is not provided.
 */
export function parseMediaType(value: string): MediaTypeParse {
  if (value.includes(',') || value === '*/*') return { ok: true, mediaType: null };
  const elements = javaSplit(value.toLowerCase(), ';');
  // A value of semicolons only has no first element: Java fails there with an ArrayIndexOutOfBoundsException that
  // the transport does not handle; it is answered as malformed here.
  const essence = javaSplit(elements[0] ?? '', '/');
  const type = javaTrim(essence[0] ?? '');
  const subtype = javaTrim(essence[1] ?? '');
  if (essence.length !== 2 || !TCHAR.test(type) || !TCHAR.test(subtype)) {
    return { ok: false, reason: `invalid media-type [${value}]` };
  }
  const params: Record<string, string> = {};
  for (const element of elements.slice(1)) {
    const param = javaTrim(element);
    if (param === '') continue;
    const pair = javaSplit(param, '=');
    const [key = '', val = ''] = pair;
    if (
      pair.length !== 2 ||
      key === '' ||
      isJavaWhitespace(key.charCodeAt(key.length - 1)) ||
      val === '' ||
      isJavaWhitespace(val.charCodeAt(0))
    ) {
      return { ok: false, reason: `invalid parameters for header [${value}]` };
    }
    params[javaTrim(key)] = javaTrim(val);
  }
  return { ok: true, mediaType: { raw: value, type, subtype, params } };
}

/**
 * RestRequest.parseHeaderWithMediaType: every value the request carries for the header (a repeated header is
 * refused, a blank one too), then parseMediaType.
 */
export function parseMediaTypeHeader(name: string, values: readonly string[]): MediaTypeParse {
  if (values.length === 0) return { ok: true, mediaType: null };
  if (values.length > 1)
    return { ok: false, reason: `Incorrect header [${name}]. Only one value should be provided` };
  const value = values[0]!;
  if (isBlank(value)) return { ok: false, reason: `Header [${name}] cannot be empty.` };
  return parseMediaType(value);
}

// RestApiVersion.current() and minimumSupported() of a 9.x node.
const CURRENT_MAJOR = 9;
const MINIMUM_MAJOR = 8;

/** Byte.parseByte (Integer.parseInt, any Unicode decimal digit), -128..127, or its NumberFormatException. */
function parseJavaByte(value: string): number | EsCause {
  const n = parseJavaLong(value);
  if (n === undefined || n < -2147483648n || n > 2147483647n)
    return { type: 'number_format_exception', reason: `For input string: "${value}"` };
  if (n < -128n || n > 127n)
    return { type: 'number_format_exception', reason: `Value out of range. Value:"${value}" Radix:10` };
  return Number(n);
}

/** The compatible-with version a media type asks for, if any. */
function versionOf(mediaType: MediaType | null): number | EsCause | undefined {
  const version = mediaType?.params['compatible-with'];
  return version === undefined ? undefined : parseJavaByte(version);
}

const show = (mediaType: MediaType | null): string => (mediaType ? mediaType.raw : 'null');

/**
 * RestCompatibleVersionHelper.getCompatibleVersion: the cause of the failure, or undefined. The Accept version must
 * be 8 or 9; with a body, so must the Content-Type version, both must match, and both or neither must be
 * versioned. A version that is not a byte fails in Byte.parseByte with a NumberFormatException.
 */
export function compatibleVersionFailure(
  accept: MediaType | null,
  contentType: MediaType | null,
  hasContent: boolean,
): EsCause | undefined {
  const a = versionOf(accept);
  if (typeof a === 'object') return a;
  const c = versionOf(contentType);
  if (typeof c === 'object') return c;
  const acceptVersion = a ?? CURRENT_MAJOR;
  const contentTypeVersion = c ?? CURRENT_MAJOR;
  const status = (reason: string): EsCause => ({ type: 'status_exception', reason });
  if (acceptVersion > CURRENT_MAJOR || acceptVersion < MINIMUM_MAJOR) {
    return status(
      `Accept version must be either version ${CURRENT_MAJOR} or ${MINIMUM_MAJOR}, but found ${acceptVersion}. Accept=${show(accept)}`,
    );
  }
  if (!hasContent) return undefined;
  if (contentTypeVersion > CURRENT_MAJOR || contentTypeVersion < MINIMUM_MAJOR) {
    return status(
      `Content-Type version must be either version ${CURRENT_MAJOR} or ${MINIMUM_MAJOR}, but found ${contentTypeVersion}. Content-Type=${show(contentType)}`,
    );
  }
  const both =
    'A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version';
  if (contentTypeVersion !== acceptVersion) {
    return status(
      `${both} and the compatible versions must match. Accept=${show(accept)}, Content-Type=${show(contentType)}`,
    );
  }
  if ((a === undefined) !== (c === undefined)) {
    return status(`${both}. Accept=${show(accept)}, Content-Type=${show(contentType)}`);
  }
  return undefined;
}

/** RestRequest.MediaTypeHeaderException: a 400 naming the failed headers, with the parse failure as its cause. */
export function mediaTypeHeaderError(headers: readonly string[], cause: EsCause): EsError {
  return new EsError(400, {
    type: 'media_type_header_exception',
    reason: `Invalid media-type value on headers [${headers.join(', ')}]`,
    causedBy: cause,
  });
}

// XContentType's media types. Browser-safelisted types and unknown ones are 406 (CJ-CT-002).
const ACCEPTED = new Set([
  'application/json',
  'application/x-ndjson',
  'application/yaml',
  'application/smile',
  'application/cbor',
  'application/vnd.elasticsearch+json',
  'application/vnd.elasticsearch+x-ndjson',
  'application/vnd.elasticsearch+yaml',
  'application/vnd.elasticsearch+smile',
  'application/vnd.elasticsearch+cbor',
]);

export type ContentTypeCheck = { ok: true } | { ok: false; kind: 'missing' | 'unsupported' };

/**
 * The body Content-Type check of RestController, after routing, on a header RestRequest already parsed
 * (CJ-CT-001, CJ-CT-002, CJ-CT-003, CJ-CT-004): a type XContentType does not know, or a vendor type whose
 * compatible-with is not a number (ParsedMediaType.toMediaType), is not supported.
 */
export function checkContentType(contentType: MediaType | null | undefined): ContentTypeCheck {
  if (contentType === undefined) return { ok: false, kind: 'missing' };
  if (contentType === null || !ACCEPTED.has(`${contentType.type}/${contentType.subtype}`))
    return { ok: false, kind: 'unsupported' };
  const version = contentType.params['compatible-with'];
  if (
    contentType.subtype.startsWith('vnd.elasticsearch+') &&
    version !== undefined &&
    !/^\d+$/u.test(version)
  )
    return { ok: false, kind: 'unsupported' };
  return { ok: true };
}

/**
 * The response Content-Type: `application/json` without a charset, unless the request's Accept (or, without
 * one, its Content-Type) is a JSON type with parameters, which are echoed (CJ-RESP-002). A header RestRequest
 * refused was dropped from the request, so it is not passed here.
 */
export function responseContentType(accept: string | undefined, contentType: string | undefined): string {
  const source =
    accept && accept.trim() !== '' && !accept.includes('*/*') ? accept.split(',')[0]! : contentType;
  if (!source) return 'application/json';
  const parsed = parseMediaType(source);
  const mediaType = parsed.ok ? parsed.mediaType : null;
  if (!mediaType) return 'application/json';
  const essence = `${mediaType.type}/${mediaType.subtype}`;
  if (essence !== 'application/json' && essence !== 'application/vnd.elasticsearch+json')
    return 'application/json';
  const params = Object.entries(mediaType.params).map(([key, value]) => `${key}=${value}`);
  if (params.length === 0) return essence;
  return [essence, ...params].join(';');
}
