// A JSON reader that keeps Jackson's number classes (see ./java-values.ts): `42.0` stays a Double and integers past
// 2^53 keep their digits. Reads one value (a response body) or a stream of values (a `body:` string holding
// several JSON documents, as bulk-style tests write them).
import { JavaDouble, setKey, type JavaValue } from './java-values.js';

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new JsonSyntaxError(`${what} at offset ${this.pos}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /[ \t\r\n]/.test(this.text[this.pos]!)) this.pos++;
  }

  value(): JavaValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, result] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return result;
      }
    }
    return this.fail(
      c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`,
    );
  }

  object(): JavaValue {
    const out: Record<string, JavaValue> = {};
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('expected a field name');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      setKey(out, key, this.value());
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === '}') return out;
      if (next !== ',') this.fail("expected ',' or '}'");
    }
  }

  array(): JavaValue {
    const out: JavaValue[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === ']') return out;
      if (next !== ',') this.fail("expected ',' or ']'");
    }
  }

  string(): string {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw U+0000-U+001F.
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(
      this.text.slice(this.pos),
    );
    if (!match) this.fail('malformed string');
    this.pos += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  number(): JavaValue {
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) this.fail('malformed number');
    this.pos += match[0].length;
    return javaNumber(match[0], match[1] !== undefined || match[2] !== undefined);
  }
}

/** The value Jackson would read from a number's text. */
export function javaNumber(text: string, floating: boolean): JavaValue {
  if (floating) {
    const value = Number(text);
    return Number.isInteger(value) ? new JavaDouble(value) : value;
  }
  const big = BigInt(text);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Parses exactly one JSON value. */
export function parseJson(text: string): JavaValue {
  const reader = new Reader(text);
  const value = reader.value();
  reader.skipSpace();
  if (reader.pos !== text.length) reader.fail('unexpected content after the value');
  return value;
}

/** Parses whitespace-separated JSON values (Jackson's root-level value stream). */
export function parseJsonStream(text: string): JavaValue[] {
  const reader = new Reader(text);
  const values: JavaValue[] = [];
  reader.skipSpace();
  while (reader.pos < text.length) {
    values.push(reader.value());
    reader.skipSpace();
  }
  return values;
}
