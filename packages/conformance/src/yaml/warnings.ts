// The `Warning` response header check of DoSection.checkWarningHeaders: every warning must be expected or allowed
// (exactly, or by a regex matching the whole message), every expected one must appear. Messages compare in the
// header's escaped and percent-encoded form (HeaderWarning.escapeAndEncode).

const WARNING_HEADER = /^299 Elasticsearch-\S+ "((?:\\.|[^"\\])*)"(?: "[^"]*")?$/;

/** HeaderWarning.escapeAndEncode: backslash and quote escaped, characters outside the header's set percent-encoded. */
export function escapeAndEncode(message: string): string {
  const escaped = message.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return Array.from(escaped, (c) => {
    const code = c.codePointAt(0)!;
    const plain =
      c === '\t' ||
      c === ' ' ||
      c === '!' ||
      c === '\\' ||
      c === '"' ||
      (code >= 0x23 && code <= 0x7e && c !== '%');
    return plain
      ? c
      : Array.from(
          new TextEncoder().encode(c),
          (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
        ).join('');
  }).join('');
}

export interface WarningExpectations {
  warnings: readonly string[];
  warningsRegex: readonly RegExp[];
  allowedWarnings: readonly string[];
  allowedWarningsRegex: readonly RegExp[];
}

/** The failure message, or undefined when the warnings are as expected. */
export function checkWarnings(headers: readonly string[], expect: WarningExpectations): string | undefined {
  const allowed = new Set(expect.allowedWarnings.map(escapeAndEncode));
  const expected = new Set(expect.warnings.map(escapeAndEncode));
  const expectedRegex = new Set(expect.warningsRegex);
  const unexpected: string[] = [];
  const unmatched: string[] = [];
  for (const header of headers) {
    const match = WARNING_HEADER.exec(header);
    if (!match) {
      unmatched.push(header);
      continue;
    }
    // extractWarningValueFromWarningHeader(header, true) drops an XContent location prefix.
    const message = match[1]!.replace(/^\[\d+:\d+\] /, '');
    if (allowed.has(message)) continue;
    if (expected.delete(message)) continue;
    let matched = false;
    for (const pattern of expectedRegex) {
      if (pattern.test(message)) {
        matched = true;
        expectedRegex.delete(pattern);
        break;
      }
    }
    if (expect.allowedWarningsRegex.some((pattern) => pattern.test(message))) matched = true;
    if (!matched) unexpected.push(header);
  }
  const parts: string[] = [];
  const list = (items: readonly string[], what: string) => {
    if (items.length > 0)
      parts.push(`${what}${items.length > 1 ? 's' : ''} [\n${items.map((i) => `\t${i}\n`).join('')}]`);
  };
  list(unexpected, 'got unexpected warning header');
  list(unmatched, 'got unmatched warning header');
  list([...expected], 'did not get expected warning header');
  if (expectedRegex.size > 0)
    parts.push(
      `the following regular expression${expectedRegex.size > 1 ? 's' : ''} did not match any warning header [\n${[...expectedRegex].map((r) => `\t${r.source}\n`).join('')}]`,
    );
  return parts.length > 0 ? parts.join('\n') : undefined;
}
