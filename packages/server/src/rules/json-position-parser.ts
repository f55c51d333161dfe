// A small pull parser over JSON bytes that reports Jackson's 1-based [line:column] positions, so body errors
// can carry the `[l:c]` prefix Elasticsearch puts on them (CJ-BODY-006, CJ-BODY-007, CJ-BODY-010).
// Like Elasticsearch's JsonXContent it allows comments and detects duplicate keys. Columns count bytes, as
// Jackson's UTF8StreamJsonParser does for the byte bodies Elasticsearch parses.

export type TokenType =
  | 'START_OBJECT'
  | 'END_OBJECT'
  | 'START_ARRAY'
  | 'END_ARRAY'
  | 'FIELD_NAME'
  | 'VALUE_STRING'
  | 'VALUE_NUMBER'
  | 'VALUE_BOOLEAN'
  | 'VALUE_NULL';

export interface Location {
  readonly line: number;
  readonly column: number;
}

export interface Token extends Location {
  readonly type: TokenType;
}

/** A Jackson-style syntax error; `eof` marks a premature end of input (XContentEOFException). */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly eof: boolean,
  ) {
    super(message);
  }
}

/**
 * Jackson's StreamReadConstraints.DEFAULT_MAX_DEPTH: a document may nest objects and arrays 1000 deep. The
 * next level fails with a StreamConstraintsException (which also keeps readTree's recursion bounded).
 */
export const MAX_NESTING_DEPTH = 1000;

/** Jackson's StreamConstraintsException for too deep nesting, at the opening bracket that went too deep. */
export class JsonDepthError extends Error {
  constructor(
    readonly depth: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(
      `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
    );
  }
}

type Context =
  | { kind: 'root'; state: 'start' | 'done' }
  | { kind: 'object'; state: 'start' | 'name' | 'value' | 'after'; names: Set<string>; start: Location }
  | { kind: 'array'; state: 'start' | 'value' | 'after'; start: Location };

const EXPECTED_VALUE =
  "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

export class JsonPullParser {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly stack: Context[] = [{ kind: 'root', state: 'start' }];
  private pendingString: number | undefined;
  private current: Token | null = null;
  private currentValue: string | number | boolean | null = null;
  private currentName = '';

  constructor(private readonly buf: Buffer) {
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      this.pos = 3;
      this.lineStart = 3;
    }
  }

  /** The current field name. */
  name(): string {
    return this.currentName;
  }

  /** The text of a VALUE_STRING (finishing the string lazily, as Jackson does) or the scalar as a string. */
  text(): string {
    if (this.current?.type === 'VALUE_STRING') {
      if (this.pendingString !== undefined) this.finishPendingString();
      return this.currentValue as string;
    }
    return String(this.currentValue);
  }

  /** The scalar value of the current token. */
  value(): string | number | boolean | null {
    if (this.current?.type === 'VALUE_STRING') return this.text();
    return this.currentValue;
  }

  private here(): Location {
    return { line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private fail(message: string, eof = false): never {
    const { line, column } = this.here();
    throw new JsonSyntaxError(message, line, column, eof);
  }

  private failEof(): never {
    return this.fail('Unexpected end-of-input', true);
  }

  private charDesc(at: number): string {
    const byte = this.buf[at]!;
    if (byte < 0x20) return `(CTRL-CHAR, code ${byte})`;
    const len = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    const ch = this.buf.toString('utf8', at, at + len);
    const code = ch.codePointAt(0) ?? byte;
    return code > 255 ? `'${ch}' (code ${code} / 0x${code.toString(16)})` : `'${ch}' (code ${code})`;
  }

  /** Unexpected character at `pos`; Jackson reports the location after consuming it. */
  private unexpected(comment: string): never {
    const desc = this.charDesc(this.pos);
    this.pos++;
    return this.fail(`Unexpected character (${desc}): ${comment}`);
  }

  /** Skips whitespace and comments; returns the next byte or -1 at the end. */
  private skipSpace(): number {
    for (;;) {
      if (this.pos >= this.buf.length) return -1;
      const b = this.buf[this.pos]!;
      if (b === 0x20 || b === 0x09) {
        this.pos++;
      } else if (b === 0x0a) {
        this.pos++;
        this.newLine();
      } else if (b === 0x0d) {
        this.pos++;
        if (this.buf[this.pos] === 0x0a) this.pos++;
        this.newLine();
      } else if (b === 0x2f) {
        this.skipComment();
      } else if (b < 0x20) {
        this.pos++;
        this.fail(
          `Illegal character ((CTRL-CHAR, code ${b})): only regular white space (\\r, \\n, \\t) is allowed between tokens`,
        );
      } else {
        return b;
      }
    }
  }

  private newLine(): void {
    this.line++;
    this.lineStart = this.pos;
  }

  private skipComment(): void {
    this.pos++;
    if (this.pos >= this.buf.length) this.fail('Unexpected end-of-input in a comment', true);
    const kind = this.buf[this.pos];
    if (kind === 0x2f) {
      while (this.pos < this.buf.length && this.buf[this.pos] !== 0x0a && this.buf[this.pos] !== 0x0d)
        this.pos++;
    } else if (kind === 0x2a) {
      this.pos++;
      for (;;) {
        if (this.pos >= this.buf.length) this.fail('Unexpected end-of-input in a comment', true);
        const b = this.buf[this.pos]!;
        this.pos++;
        if (b === 0x2a && this.buf[this.pos] === 0x2f) {
          this.pos++;
          return;
        }
        if (b === 0x0a) this.newLine();
        else if (b === 0x0d) {
          if (this.buf[this.pos] === 0x0a) this.pos++;
          this.newLine();
        }
      }
    } else {
      this.unexpected("was expecting either '*' or '/' for a comment");
    }
  }

  /** Reads a string starting at the quote at `pos`; returns its decoded text. */
  private readString(): string {
    this.pos++;
    let out = '';
    let chunkStart = this.pos;
    for (;;) {
      if (this.pos >= this.buf.length) this.fail('Unexpected end-of-input in VALUE_STRING', true);
      const b = this.buf[this.pos]!;
      if (b === 0x22) {
        out += this.buf.toString('utf8', chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (b === 0x5c) {
        out += this.buf.toString('utf8', chunkStart, this.pos);
        this.pos++;
        if (this.pos >= this.buf.length)
          this.fail('Unexpected end-of-input in character escape sequence', true);
        const e = this.buf[this.pos]!;
        // biome-ignore-start lint/complexity/useSimpleNumberKeys: escape letters read best as the char codes the parser sees.
        const simple: Record<number, string> = {
          0x22: '"',
          0x5c: '\\',
          0x2f: '/',
          0x62: '\b',
          0x66: '\f',
          0x6e: '\n',
          0x72: '\r',
          0x74: '\t',
        };
        // biome-ignore-end lint/complexity/useSimpleNumberKeys: see above.
        if (simple[e] !== undefined) {
          out += simple[e];
          this.pos++;
        } else if (e === 0x75) {
          this.pos++;
          let code = 0;
          for (let i = 0; i < 4; i++) {
            if (this.pos >= this.buf.length)
              this.fail('Unexpected end-of-input in character escape sequence', true);
            const h = this.buf[this.pos]!;
            const digit = Number.parseInt(String.fromCharCode(h), 16);
            if (Number.isNaN(digit)) this.unexpected('expected a hex-digit for character escape sequence');
            code = code * 16 + digit;
            this.pos++;
          }
          out += String.fromCharCode(code);
        } else {
          const desc = this.charDesc(this.pos);
          this.pos++;
          this.fail(`Unrecognized character escape ${desc}`);
        }
        chunkStart = this.pos;
      } else if (b < 0x20) {
        this.pos++;
        this.fail(
          `Illegal unquoted character ((CTRL-CHAR, code ${b})): has to be escaped using backslash to be included in string value`,
        );
      } else {
        this.pos++;
      }
    }
  }

  private finishPendingString(): void {
    this.pos = this.pendingString!;
    this.pendingString = undefined;
    this.currentValue = this.readString();
  }

  private readNumber(): number {
    const start = this.pos;
    const buf = this.buf;
    const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;
    if (buf[this.pos] === 0x2d) {
      this.pos++;
      if (this.pos >= buf.length) this.failEof();
      if (!isDigit(buf[this.pos]))
        this.unexpected('expected digit (0-9) to follow minus sign, for valid numeric value');
    }
    if (buf[this.pos] === 0x30 && isDigit(buf[this.pos + 1])) {
      this.pos += 2;
      this.fail('Invalid numeric value: Leading zeroes not allowed');
    }
    while (isDigit(buf[this.pos])) this.pos++;
    if (buf[this.pos] === 0x2e) {
      this.pos++;
      if (this.pos >= buf.length) this.failEof();
      if (!isDigit(buf[this.pos])) this.unexpectedInNumber('Decimal point not followed by a digit');
      while (isDigit(buf[this.pos])) this.pos++;
    }
    if (buf[this.pos] === 0x65 || buf[this.pos] === 0x45) {
      this.pos++;
      if (buf[this.pos] === 0x2b || buf[this.pos] === 0x2d) this.pos++;
      if (this.pos >= buf.length) this.failEof();
      if (!isDigit(buf[this.pos])) this.unexpectedInNumber('Exponent indicator not followed by a digit');
      while (isDigit(buf[this.pos])) this.pos++;
    }
    return Number(buf.toString('latin1', start, this.pos));
  }

  private unexpectedInNumber(comment: string): never {
    const desc = this.charDesc(this.pos);
    this.pos++;
    return this.fail(`Unexpected character (${desc}) in numeric value: ${comment}`);
  }

  private isIdentifierPart(b: number | undefined): boolean {
    return (
      b !== undefined &&
      ((b >= 0x30 && b <= 0x39) ||
        (b >= 0x41 && b <= 0x5a) ||
        (b >= 0x61 && b <= 0x7a) ||
        b === 0x5f ||
        b === 0x24 ||
        b >= 0x80)
    );
  }

  private invalidToken(start: number): never {
    this.pos = start;
    while (this.isIdentifierPart(this.buf[this.pos])) this.pos++;
    if (this.pos === start) this.pos++;
    const text = this.buf.toString('utf8', start, this.pos);
    return this.fail(
      `Unrecognized token '${text}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
    );
  }

  private readLiteral(word: string): void {
    const start = this.pos;
    for (let i = 0; i < word.length; i++) {
      if (this.pos >= this.buf.length) this.failEof();
      if (this.buf[this.pos] !== word.charCodeAt(i)) this.invalidToken(start);
      this.pos++;
    }
    if (this.isIdentifierPart(this.buf[this.pos])) this.invalidToken(start);
  }

  /** Reads a value's first token at `b` (the byte at `pos`). */
  private readValue(b: number): Token {
    const location = this.here();
    const parent = this.stack[this.stack.length - 1]!;
    const token = (type: TokenType, value: string | number | boolean | null = null): Token => {
      this.currentValue = value;
      return { type, ...location };
    };
    if ((b === 0x7b || b === 0x5b) && this.stack.length > MAX_NESTING_DEPTH) {
      throw new JsonDepthError(this.stack.length, location.line, location.column);
    }
    switch (b) {
      case 0x7b:
        this.pos++;
        this.stack.push({ kind: 'object', state: 'start', names: new Set(), start: location });
        return token('START_OBJECT');
      case 0x5b:
        this.pos++;
        this.stack.push({ kind: 'array', state: 'start', start: location });
        return token('START_ARRAY');
      case 0x22:
        // Jackson leaves string contents unread until they are asked for (_tokenIncomplete).
        this.pendingString = this.pos;
        return token('VALUE_STRING', '');
      case 0x74:
        this.readLiteral('true');
        return token('VALUE_BOOLEAN', true);
      case 0x66:
        this.readLiteral('false');
        return token('VALUE_BOOLEAN', false);
      case 0x6e:
        this.readLiteral('null');
        return token('VALUE_NULL', null);
      default:
        if (b === 0x2d || (b >= 0x30 && b <= 0x39)) return token('VALUE_NUMBER', this.readNumber());
        if (b === 0x5d && parent.kind === 'array') this.unexpected('expected a value');
        if (this.isIdentifierPart(b)) this.invalidToken(this.pos);
        return this.unexpected(EXPECTED_VALUE);
    }
  }

  private afterValue(): void {
    const top = this.stack[this.stack.length - 1]!;
    if (top.kind === 'root') top.state = 'done';
    else top.state = 'after';
  }

  private closeScope(b: number, top: Exclude<Context, { kind: 'root' }>): Token {
    const expected = top.kind === 'object' ? 0x7d : 0x5d;
    if (b !== expected) {
      const what = top.kind === 'object' ? 'Object' : 'Array';
      const close = top.kind === 'object' ? '}' : ']';
      this.pos++;
      this.fail(
        `Unexpected close marker '${String.fromCharCode(b)}': expected '${close}' (for ${what} starting at [Source: (byte[]); line: ${top.start.line}, column: ${top.start.column}])`,
      );
    }
    const location = this.here();
    this.pos++;
    this.stack.pop();
    this.afterValue();
    this.currentValue = null;
    return { type: top.kind === 'object' ? 'END_OBJECT' : 'END_ARRAY', ...location };
  }

  /**
   * The next token, or null at the end of the root value (trailing content is not read: ObjectParser.parse
   * stops at the object's END_OBJECT).
   */
  nextToken(): Token | null {
    if (this.pendingString !== undefined) this.finishPendingString();
    this.current = this.advance();
    return this.current;
  }

  private advance(): Token | null {
    const top = this.stack[this.stack.length - 1]!;
    if (top.kind === 'root' && top.state === 'done') return null;
    let b = this.skipSpace();
    if (top.kind === 'root') {
      if (b < 0) return null;
      const t = this.readValue(b);
      if (t.type !== 'START_OBJECT' && t.type !== 'START_ARRAY') this.afterValue();
      return t;
    }
    if (b < 0)
      this.fail(
        `Unexpected end-of-input: expected close marker for ${top.kind === 'object' ? 'Object' : 'Array'}`,
        true,
      );
    if (top.kind === 'array') {
      if (top.state === 'after') {
        if (b === 0x2c) {
          this.pos++;
          top.state = 'value';
          b = this.skipSpace();
          if (b < 0) this.failEof();
        } else if (b === 0x5d || b === 0x7d) {
          return this.closeScope(b, top);
        } else {
          this.unexpected('was expecting comma to separate Array entries');
        }
      } else if (top.state === 'start' && (b === 0x5d || b === 0x7d)) {
        return this.closeScope(b, top);
      }
      const t = this.readValue(b);
      if (t.type !== 'START_OBJECT' && t.type !== 'START_ARRAY') this.afterValue();
      else top.state = 'after';
      return t;
    }
    // Object context.
    if (top.state === 'value') {
      top.state = 'after';
      const t = this.readValue(b);
      if (t.type === 'START_OBJECT' || t.type === 'START_ARRAY') top.state = 'after';
      return t;
    }
    if (top.state === 'after') {
      if (b === 0x2c) {
        this.pos++;
        top.state = 'name';
        b = this.skipSpace();
        if (b < 0) this.failEof();
      } else if (b === 0x7d || b === 0x5d) {
        return this.closeScope(b, top);
      } else {
        this.unexpected('was expecting comma to separate Object entries');
      }
    } else if (top.state === 'start' && (b === 0x7d || b === 0x5d)) {
      return this.closeScope(b, top);
    }
    if (b !== 0x22) this.unexpected('was expecting double-quote to start field name');
    const location = this.here();
    const name = this.readString();
    if (top.names.has(name)) this.fail(`Duplicate field '${name}'`);
    top.names.add(name);
    const colon = this.skipSpace();
    if (colon < 0) this.failEof();
    if (colon !== 0x3a) this.unexpected('was expecting a colon to separate field name and value');
    this.pos++;
    top.state = 'value';
    this.currentName = name;
    this.currentValue = name;
    return { type: 'FIELD_NAME', ...location };
  }

  /** Where the current token starts. */
  location(): Location {
    return this.current ?? { line: 1, column: 1 };
  }

  /** Accepts another root value after the current one: a stream of values, as Jackson reads post-data bodies. */
  resumeRoot(): void {
    const root = this.stack[0]!;
    if (this.stack.length === 1 && root.kind === 'root') root.state = 'start';
  }

  /** Reads the whole value starting at the current token into plain JS. */
  readTree(): unknown {
    const t = this.current;
    if (t === null) return undefined;
    switch (t.type) {
      case 'START_OBJECT': {
        const out: Record<string, unknown> = {};
        for (let n = this.nextToken(); n !== null && n.type !== 'END_OBJECT'; n = this.nextToken()) {
          const key = this.name();
          this.nextToken();
          out[key] = this.readTree();
        }
        return out;
      }
      case 'START_ARRAY': {
        const out: unknown[] = [];
        for (let n = this.nextToken(); n !== null && n.type !== 'END_ARRAY'; n = this.nextToken()) {
          out.push(this.readTree());
        }
        return out;
      }
      default:
        return this.value();
    }
  }
}
