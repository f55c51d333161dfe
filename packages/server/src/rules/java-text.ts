// Java's text primitives as Elasticsearch's parsers use them: Character.isWhitespace, Strings.hasText, String.trim and
// String.split. One table, shared by the boolean, duration and media-type rules.

/**
 * Character.isWhitespace: Unicode space separators except the no-break ones (U+00A0, U+2007, U+202F), and the ASCII
 * controls \t \n \v \f \r and U+001C..U+001F.
 */
export function isJavaWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code >= 0x1c;
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a && code !== 0x2007) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Strings.hasText negated: empty, or only Java whitespace. */
export function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isJavaWhitespace(value.charCodeAt(i))) return false;
  return true;
}

/** String.trim(): Java strips every char <= U+0020, not Unicode whitespace. */
export function javaTrim(value: string): string {
  // charCodeAt past either end is NaN, which stops both loops; for an all-blank value end falls below start and
  // slice gives "".
  let start = 0;
  let end = value.length;
  while (value.charCodeAt(start) <= 0x20) start++;
  while (value.charCodeAt(end - 1) <= 0x20) end--;
  return value.slice(start, end);
}

/** String.split with a one-char literal: trailing empty strings are dropped. */
export function javaSplit(s: string, separator: string): string[] {
  const parts = s.split(separator);
  if (parts.length === 1) return parts;
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
