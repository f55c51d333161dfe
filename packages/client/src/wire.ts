// What every transport puts on the wire and reads back, as openapi-fetch does it, so that the transports
// differ only in how the bytes travel: the same URL, headers and body for a request, the same answer for a
// response.
import { createQuerySerializer } from 'openapi-fetch';

// The query serializer openapi-fetch uses by default, made once.
const serializeQuery = createQuerySerializer();

/** The URL of one request: `base` (no trailing slash), the encoded path, and the query string, if any. */
export function requestUrl(base: string, path: string, query: object): string {
  const search = serializeQuery(query as Record<string, unknown>);
  return base + path + (search && `?${search}`);
}

/**
 * The headers of a request with a JSON body, from the client's headers (lower-case names): like openapi-fetch,
 * `content-type: application/json` unless the client sets one. A request with no body sends the client's.
 */
export const jsonHeaders = (headers: Record<string, string>): Record<string, string> => ({
  'content-type': 'application/json',
  ...headers,
});

/** The body as openapi-fetch reads it: JSON, or the text when an error body is not JSON; empty is `undefined`. */
export function parseBody(text: string, ok: boolean): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch (error) {
    if (ok) throw error;
    return text;
  }
}
