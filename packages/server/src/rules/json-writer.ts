// Response serialisation: compact JSON, or Elasticsearch's ?pretty form (Jackson's DefaultPrettyPrinter with a
// two-space indenter for objects and arrays, " : " separators, `{ }` / `[ ]` when empty, trailing newline);
// CJ-FMT-001. A field that Elasticsearch holds as a Java double is written as Jackson writes it, with its
// fraction (`42.0`, `1.0E7`): wrap its value in JavaDouble when rendering.

/**
 * Double.toString for a finite value (the writer prints null for the others): plain between 10^-3 and 10^7,
 * otherwise computerized scientific notation (`1.0E7`).
 */
function javaDoubleToString(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${digits}E${Number(exponent)}`;
}

/** Set when JSON.stringify met a JavaDouble: toJson then writes the value again with the slower writer. */
let stringifiedDouble = false;

/** A number Elasticsearch holds as a `double`: written with Double.toString (`42.0`, not `42`). */
export class JavaDouble {
  constructor(readonly value: number) {}
  /** Plain JSON (JSON.stringify, filter_path) sees the number itself. */
  toJSON(): number {
    stringifiedDouble = true;
    return this.value;
  }
}

/** Wraps a number as a Java double; anything else is returned as is. */
export function asDouble(value: unknown): unknown {
  return typeof value === 'number' ? new JavaDouble(value) : value;
}

function scalar(value: unknown): string {
  if (value instanceof JavaDouble) {
    // Jackson writes NaN and infinities as strings only with a feature ES does not enable; they never occur
    // here because the parser accepts no such literals.
    return Number.isFinite(value.value) ? javaDoubleToString(value.value) : 'null';
  }
  return JSON.stringify(value) ?? 'null';
}

function compact(value: unknown): string {
  if (value instanceof JavaDouble) return scalar(value);
  if (Array.isArray(value)) return `[${value.map((item) => compact(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue;
      parts.push(`${JSON.stringify(key)}:${compact(item)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return scalar(value);
}

function pretty(value: unknown, indent: string): string {
  if (value instanceof JavaDouble) return scalar(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    const inner = `${indent}  `;
    return `[\n${value.map((item) => inner + pretty(item ?? null, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)} : ${pretty(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return scalar(value);
}

export function toJson(value: unknown, prettyPrint: boolean): string {
  if (prettyPrint) return `${pretty(value, '')}\n`;
  // JSON.stringify first: it tells whether the value holds a JavaDouble (its toJSON ran), which most answers do not.
  // A walk of the value to find out first cost as much as the stringify itself on the job stats.
  stringifiedDouble = false;
  const text = JSON.stringify(value);
  return stringifiedDouble ? compact(value) : text;
}
