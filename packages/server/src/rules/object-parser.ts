// Elasticsearch's ObjectParser for small option bodies (close-job, stop-datafeed, test control), with its
// exact error texts (CJ-BODY-001, CJ-BODY-002, CJ-BODY-003, CJ-BODY-004, CJ-BODY-005, CJ-BODY-006,
// CJ-BODY-007, CJ-BODY-011, CJ-BODY-012).
import { parseBodyBooleanString } from './booleans.js';
import { unknownFieldMessage } from './did-you-mean.js';
import { EsError, esError, type EsCause } from './error-envelope.js';
import {
  JsonDepthError,
  JsonPullParser,
  JsonSyntaxError,
  type Location,
  type TokenType,
} from './json-position-parser.js';

/** How a field is declared: declareString (VALUE_STRING only) or declareBoolean (VALUE_BOOLEAN or VALUE_STRING). */
export interface FieldSpec<T = unknown> {
  /** @default 'string' */
  readonly kind?: 'string' | 'boolean';
  /** Converts the string value; throws an EsError for a bad value (it becomes `caused_by`). */
  readonly convert?: (text: string) => T;
}

function at(location: Location, message: string): string {
  return `[${location.line}:${location.column}] ${message}`;
}

/** A 400 x_content_parse_exception with Jackson's position. */
export function xContentError(location: Location, message: string, causedBy?: EsCause): EsError {
  return esError(400, 'x_content_parse_exception', at(location, message), causedBy);
}

/**
 * Converts a Jackson-style syntax error into Elasticsearch's wrapper (JsonXContentParser), which keeps Jackson's
 * exception as its cause: x_content_e_o_f_exception (CJ-BODY-007) caused by json_e_o_f_exception (CJ-BODY-012), or
 * x_content_parse_exception (CJ-BODY-006) caused by json_parse_exception (CJ-BODY-011).
 */
export function syntaxError(error: JsonSyntaxError): EsError {
  const location = { line: error.line, column: error.column };
  if (error.eof) {
    const jackson: EsCause = { type: 'json_e_o_f_exception', reason: error.message };
    return esError(400, 'x_content_e_o_f_exception', at(location, 'Unexpected end of file'), jackson);
  }
  const jackson: EsCause = { type: 'json_parse_exception', reason: error.message };
  return esError(400, 'x_content_parse_exception', at(location, error.message), jackson);
}

/** Jackson's StreamConstraintsException, as Elasticsearch renders a non-Elasticsearch exception. */
export function depthCause(error: JsonDepthError): EsCause {
  return { type: 'stream_constraints_exception', reason: error.message };
}

/**
 * Too deep nesting outside any declared field: a 400 x_content_parse_exception at the bracket that went too
 * deep, caused by Jackson's exception. (Inside a field, ObjectParser's "failed to parse field" wraps it; see
 * parseObjectFields.)
 */
export function depthError(error: JsonDepthError): EsError {
  const location = { line: error.line, column: error.column };
  return xContentError(location, error.message, depthCause(error));
}

function withSyntaxErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw syntaxError(error);
    if (error instanceof JsonDepthError) throw depthError(error);
    throw error;
  }
}

/** ObjectParser's first check: the body is an object. Answers the START_OBJECT token. */
function startObject(parser: JsonPullParser, parserName: string): Location {
  const first = parser.nextToken();
  if (first === null || first.type !== 'START_OBJECT') {
    const location = first ?? { line: 1, column: 1 };
    throw xContentError(
      location,
      `[${parserName}] Expected START_OBJECT but was: ${first ? first.type : 'null'}`,
    );
  }
  return first;
}

/**
 * Parses an options body the way ObjectParser does: the first token must be START_OBJECT, fields are
 * checked in stream order, an unknown field fails at its name's location with a "did you mean", a value of
 * an unsupported JSON type fails with `doesn't support values of type`, and a bad value fails with
 * `failed to parse field [f]` caused by the conversion error. Parsing stops at the object's end, so
 * trailing content is ignored (ObjectParser.parse).
 */
export function parseOptionsBody(
  body: Buffer,
  parserName: string,
  fields: Record<string, FieldSpec>,
): Record<string, unknown> {
  return withSyntaxErrors(() => {
    const parser = new JsonPullParser(body);
    const first = startObject(parser, parserName);
    const result: Record<string, unknown> = {};
    let name: string | undefined;
    let nameLocation: Location = first;
    for (let token = parser.nextToken(); token !== null; token = parser.nextToken()) {
      if (token.type === 'END_OBJECT') break;
      if (token.type === 'FIELD_NAME') {
        name = parser.name();
        nameLocation = token;
        continue;
      }
      const field = name === undefined ? undefined : fields[name];
      if (name === undefined || field === undefined) {
        throw xContentError(nameLocation, unknownFieldMessage(parserName, name ?? '', Object.keys(fields)));
      }
      const supported: TokenType[] =
        field.kind === 'boolean' ? ['VALUE_BOOLEAN', 'VALUE_STRING'] : ['VALUE_STRING'];
      if (!supported.includes(token.type)) {
        throw xContentError(token, `[${parserName}] ${name} doesn't support values of type: ${token.type}`);
      }
      try {
        if (field.kind === 'boolean') {
          result[name] =
            token.type === 'VALUE_BOOLEAN' ? parser.value() : parseBodyBooleanString(parser.text());
        } else {
          const text = parser.text();
          result[name] = field.convert ? field.convert(text) : text;
        }
      } catch (error) {
        if (error instanceof EsError) {
          throw xContentError(token, `[${parserName}] failed to parse field [${name}]`, error.cause_);
        }
        throw error;
      }
    }
    return result;
  });
}

/** Parses a whole JSON body into plain values, with Elasticsearch's positioned syntax errors. */
export function parseJsonBody(body: Buffer): { value: unknown; location: Location; type: TokenType | null } {
  return withSyntaxErrors(() => {
    const parser = new JsonPullParser(body);
    const first = parser.nextToken();
    if (first === null) return { value: undefined, location: { line: 1, column: 1 }, type: null };
    return { value: parser.readTree(), location: first, type: first.type };
  });
}

/** A JSON object body read field by field, with where each field's value ended (for ObjectParser's errors). */
export interface ParsedFields {
  readonly value: Record<string, unknown>;
  /** Field name → the location of the last token of its value (ObjectParser wraps setter errors there). */
  readonly ends: ReadonlyMap<string, Location>;
}

/**
 * Reads a JSON object body whose fields an ObjectParser declares (put job, put datafeed): the first token must
 * be START_OBJECT, and too deep nesting inside a field is wrapped as ObjectParser wraps any failure of a
 * field's value: `[l:c] [parser] failed to parse field [name]` caused by Jackson's exception.
 */
export function parseObjectFields(body: Buffer, parserName: string): ParsedFields {
  return withSyntaxErrors(() => {
    const parser = new JsonPullParser(body);
    startObject(parser, parserName);
    const value: Record<string, unknown> = {};
    const ends = new Map<string, Location>();
    for (let token = parser.nextToken(); token !== null; token = parser.nextToken()) {
      if (token.type === 'END_OBJECT') break;
      const name = parser.name();
      parser.nextToken();
      try {
        value[name] = parser.readTree();
      } catch (error) {
        if (error instanceof JsonDepthError) {
          const at = { line: error.line, column: error.column };
          throw xContentError(at, `[${parserName}] failed to parse field [${name}]`, depthCause(error));
        }
        throw error;
      }
      ends.set(name, parser.location());
    }
    return { value, ends };
  });
}
