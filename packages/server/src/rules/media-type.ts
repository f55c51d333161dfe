// Content-Type and Accept handling of RestController and XContentType (CJ-CT-001, CJ-CT-002, CJ-CT-003,
// CJ-CT-004, CJ-RESP-002).

export interface MediaType {
  readonly type: string;
  readonly subtype: string;
  readonly params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/u;

/** Parses one media type (`type/subtype; k=v`); undefined when the syntax is invalid. */
export function parseMediaType(header: string): MediaType | undefined {
  const [essence = '', ...rawParams] = header.split(';');
  const [type, subtype, extra] = essence.trim().toLowerCase().split('/');
  if (extra !== undefined || !type || !subtype || !TOKEN.test(type) || !TOKEN.test(subtype)) return undefined;
  const params: Record<string, string> = {};
  for (const raw of rawParams) {
    if (raw.trim() === '') continue;
    const eq = raw.indexOf('=');
    if (eq < 0) return undefined;
    const key = raw.slice(0, eq).trim().toLowerCase();
    const value = raw
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/su, '$1');
    if (!TOKEN.test(key)) return undefined;
    params[key] = value;
  }
  return { type, subtype, params };
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

export type ContentTypeCheck =
  | { ok: true; mediaType: MediaType }
  | { ok: false; kind: 'missing' | 'unsupported' | 'invalid' };

/** The body Content-Type check (CJ-CT-001, CJ-CT-002, CJ-CT-003, CJ-CT-004). */
export function checkContentType(header: string | undefined): ContentTypeCheck {
  if (header === undefined) return { ok: false, kind: 'missing' };
  if (header.trim() === '') return { ok: false, kind: 'invalid' };
  const mediaType = parseMediaType(header);
  if (!mediaType) return { ok: false, kind: 'invalid' };
  if (!ACCEPTED.has(`${mediaType.type}/${mediaType.subtype}`)) return { ok: false, kind: 'unsupported' };
  if (mediaType.subtype.startsWith('vnd.elasticsearch+')) {
    const version = mediaType.params['compatible-with'];
    if (version !== '8' && version !== '9') return { ok: false, kind: 'invalid' };
  }
  return { ok: true, mediaType };
}

/**
 * The response Content-Type: `application/json` without a charset, unless the request's Accept (or, without
 * one, its Content-Type) is a JSON type with parameters, which are echoed (CJ-RESP-002).
 */
export function responseContentType(accept: string | undefined, contentType: string | undefined): string {
  const source =
    accept && accept.trim() !== '' && !accept.includes('*/*') ? accept.split(',')[0]! : contentType;
  if (!source) return 'application/json';
  const mediaType = parseMediaType(source);
  if (!mediaType) return 'application/json';
  const essence = `${mediaType.type}/${mediaType.subtype}`;
  if (essence !== 'application/json' && essence !== 'application/vnd.elasticsearch+json')
    return 'application/json';
  const params = Object.entries(mediaType.params).map(([key, value]) => `${key}=${value}`);
  if (params.length === 0) return essence;
  return [essence, ...params].join(';');
}
