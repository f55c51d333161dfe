// How the suite encodes job ids in paths and query objects in query strings.

/** Encodes one path segment, keeping `,` and `*` readable (Elasticsearch decodes the segment either way). */
export function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',');
}

/** Encodes a query object the way a client would. */
export function encodeQuery(query: Readonly<Record<string, string | boolean>>): string {
  return Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}
