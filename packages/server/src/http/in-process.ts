// The pipeline without a socket: a request given as values is answered as node:http would have carried it to the
// pipeline and back, with the same checks and the same answers, minus what only a connection adds
// (Connection). Input that node:http could not have carried is refused with a TypeError.
import { METHODS, validateHeaderName, validateHeaderValue, type IncomingHttpHeaders } from 'node:http';
import { EMPTY_BODY, MAX_BODY_BYTES, type Pipeline, type PipelineRequest, type Received } from './server.js';

/** A request for the in-process server. */
export interface InProcessRequest {
  /** An HTTP method as node:http accepts it, upper case: `GET`, `POST`, `PUT`, `DELETE`, `HEAD`, `OPTIONS`… */
  method: string;
  /**
   * The request target as it would be sent: the path, percent-encoded, and the query string (`/_ml/anomaly_detectors/
   * my-job/_close?force=true`). It starts with `/` and has no spaces or control characters.
   */
  path: string;
  /** Header name to value; an array sends the header once per value, in order. Names are case-insensitive. */
  headers?: Readonly<Record<string, string | readonly string[]>>;
  /** The body: a string is sent as UTF-8. None, or an empty one, is no body. */
  body?: string | Uint8Array;
}

/** The answer. */
export interface InProcessResponse {
  status: number;
  /** Lower-case names. A header sent once is a string; one sent more than once (Warning) is an array. */
  headers: Record<string, string | string[]>;
  /** The body as text; empty for HEAD and for an answer without one. */
  body: string;
}

// node:http keeps the first of these when one is repeated (IncomingMessage.headers), and joins any other with ', ',
// but Cookie with '; '. Set-Cookie is never joined (an array).
const FIRST_WINS = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);
const KNOWN_METHODS = new Set(METHODS);
/** What node:http's client sends in a request target (it refuses anything else): no space, control or non-Latin-1. */
const REQUEST_TARGET = /^\/[\u0021-\u00ff]*$/;

function refuse(message: string): never {
  throw new TypeError(`in-process request: ${message}`);
}

/** The request as the pipeline takes it, and its body, or a TypeError naming what node:http would not carry. */
function parseRequest(request: InProcessRequest): { head: PipelineRequest; body: Buffer } {
  if (typeof request !== 'object' || request === null) refuse('expected an object with a method and a path');
  const { method, path } = request;
  if (typeof method !== 'string' || !KNOWN_METHODS.has(method))
    refuse(`method ${JSON.stringify(method)} is not an HTTP method node:http accepts (upper case)`);
  if (typeof path !== 'string' || !REQUEST_TARGET.test(path))
    refuse(
      `path ${JSON.stringify(path)} must start with "/" and have no space, control or non-Latin-1 character (percent-encode them)`,
    );
  const body = bodyBytes(request.body);
  const headers: IncomingHttpHeaders = {};
  const rawHeaders: string[] = [];
  const given = request.headers ?? {};
  if (typeof given !== 'object' || given === null) refuse('headers must be an object of names to values');
  for (const [name, value] of Object.entries(given)) {
    const sentValues: readonly unknown[] = Array.isArray(value) ? value : [value];
    if (sentValues.some((one) => typeof one !== 'string')) refuse(`header ${name}: a value must be a string`);
    const values = sentValues as readonly string[];
    try {
      validateHeaderName(name);
      for (const one of values) validateHeaderValue(name, one);
    } catch (error) {
      refuse(`header ${JSON.stringify(name)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const key = name.toLowerCase();
    if (key === 'transfer-encoding') refuse('transfer-encoding: the body is given whole');
    if (key === 'content-length' && (values.length !== 1 || values[0]!.trim() !== String(body.length)))
      refuse(`content-length ${values.join(', ')} is not the body's length (${body.length} bytes)`);
    for (const sent of values) {
      // The parser drops the whitespace around a value (RFC 9112 section 5.1).
      const one = sent.replace(/^[ \t]+|[ \t]+$/g, '');
      rawHeaders.push(name, one);
      const had = headers[key];
      if (had === undefined) headers[key] = key === 'set-cookie' ? [one] : one;
      else if (key === 'set-cookie') (had as string[]).push(one);
      else if (!FIRST_WINS.has(key)) headers[key] = `${had as string}${key === 'cookie' ? '; ' : ', '}${one}`;
    }
  }
  return { head: { method, uri: path, headers, rawHeaders }, body };
}

function bodyBytes(body: InProcessRequest['body']): Buffer {
  if (body === undefined) return EMPTY_BODY;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return refuse('body must be a string or a Uint8Array');
}

/** What the in-process server does with a request, and how it ends what is still pending when it closes. */
export interface InProcessHandler {
  handle(request: InProcessRequest): Promise<InProcessResponse>;
  /** Rejects every request still waiting for its answer, and every later one. */
  close(): void;
}

export function createInProcessHandler(pipeline: Pipeline): InProcessHandler {
  const pending = new Set<(error: Error) => void>();
  let closed = false;
  return {
    handle(request) {
      if (closed) return Promise.reject(new Error('the in-process server is closed'));
      let parsed: ReturnType<typeof parseRequest>;
      try {
        parsed = parseRequest(request);
      } catch (error) {
        return Promise.reject(error);
      }
      const { head, body } = parsed;
      return new Promise<InProcessResponse>((resolve, reject) => {
        let status = 0;
        let headers: Record<string, string | string[]> = {};
        const fail = (error: Error) => {
          pending.delete(fail);
          reject(error);
        };
        pending.add(fail);
        const res = {
          headersSent: false,
          writeHead(code: number, out: Record<string, string | string[]>) {
            status = code;
            headers = {};
            for (const [name, value] of Object.entries(out))
              headers[name.toLowerCase()] = Array.isArray(value) && value.length === 1 ? value[0]! : value;
            res.headersSent = true;
          },
          end(text?: string) {
            pending.delete(fail);
            resolve({ status, headers, body: text ?? '' });
          },
          destroy() {
            fail(new Error('the server ended the exchange without an answer'));
          },
        };
        const received: Received = body.length > MAX_BODY_BYTES ? 'too-large' : body;
        pipeline(head, received, res);
      });
    },
    close() {
      closed = true;
      const error = new Error('the in-process server closed before it answered');
      for (const fail of [...pending]) fail(error);
    },
  };
}
