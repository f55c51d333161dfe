// Response serialisation: compact JSON, or Elasticsearch's ?pretty form (Jackson's DefaultPrettyPrinter with a
// two-space indenter for objects and arrays, " : " separators, `{ }` / `[ ]` when empty, trailing newline);
// CJ-FMT-001.

function pretty(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    const inner = indent + '  ';
    return `[\n${value.map((item) => inner + pretty(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{ }';
    const inner = indent + '  ';
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)} : ${pretty(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function toJson(value: unknown, prettyPrint: boolean): string {
  return prettyPrint ? `${pretty(value, '')}\n` : JSON.stringify(value);
}
