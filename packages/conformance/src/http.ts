// A thin HTTP layer over node:http/https. The suite needs byte-level control that fetch does not give: bodies
// without Content-Type, HEAD and OPTIONS, raw percent-encoded paths, zero-length bodies. Every exchange is
// counted and can be recorded (redacted) for transcripts.
import http from 'node:http';
import https from 'node:https';
import type { Redactor } from './redact.js';

/** TLS options for https targets. */
export interface TlsOptions {
  /** PEM of a CA to trust (in addition to the system ones). */
  ca?: string | Buffer;
  /** Accept any certificate. @default false */
  insecure?: boolean;
}

/** One request. `path` is already encoded and may carry a query string. */
export interface HttpRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is; `''` sends `Content-Length: 0`. No Content-Type is added. */
  body?: string;
  /** Send no credentials, or these instead of the run's. */
  auth?: 'none' | { authorization: string };
}

/** One response. Header names are lower-case; repeated headers keep every value. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string[]>;
  text: string;
  /** The parsed body, when it is JSON. */
  json: unknown;
  isJson: boolean;
  durationMs: number;
}

/** A recorded request/response pair, credentials redacted. */
export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  error?: string;
  durationMs: number;
}

/** Thrown when the target cannot be reached at all. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

/** The first value of a header, or undefined. */
export function header(response: HttpResponse, name: string): string | undefined {
  return response.headers[name.toLowerCase()]?.[0];
}

export interface HttpTargetOptions {
  authorization?: string;
  tls?: TlsOptions;
  redactor: Redactor;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
  /** Connections to the target at most; more requests queue. @default 16 */
  maxSockets?: number;
}

/** A reused keep-alive connection that the target had closed: reset before any answer. */
class StaleConnectionError extends Error {
  override name = 'StaleConnectionError';
}

export class HttpTarget {
  readonly base: URL;
  private readonly agent: http.Agent;
  private readonly options: HttpTargetOptions;
  private readonly maxSockets: number;
  /** Requests sent so far. */
  requests = 0;

  constructor(baseUrl: string, options: HttpTargetOptions) {
    this.base = new URL(baseUrl);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:')
      throw new Error(`unsupported protocol in ${baseUrl}: use http:// or https://`);
    this.options = options;
    const maxSockets = options.maxSockets ?? 16;
    this.maxSockets = maxSockets;
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            maxSockets,
            ...(options.tls?.ca ? { ca: options.tls.ca } : {}),
            rejectUnauthorized: !options.tls?.insecure,
          })
        : new http.Agent({ keepAlive: true, maxSockets });
  }

  /** `text` with every secret of the run masked. */
  redact(text: string): string {
    return this.options.redactor.text(text);
  }

  /** The full URL of a path, credentials never included. */
  url(path: string): string {
    const prefix = this.base.pathname.replace(/\/$/, '');
    return `${this.base.protocol}//${this.base.host}${prefix}${path}`;
  }

  /** Sends one request; `signal` aborts it, even while it waits for the answer. */
  async request(
    req: HttpRequest,
    record?: (exchange: Exchange) => void,
    signal?: AbortSignal,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...req.headers };
    const auth =
      req.auth ?? (this.options.authorization ? { authorization: this.options.authorization } : 'none');
    if (auth !== 'none') headers.Authorization = auth.authorization;
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const prefix = this.base.pathname.replace(/\/$/, '');
    const started = performance.now();
    const redactor = this.options.redactor;
    const recordedRequest = {
      method: req.method,
      url: redactor.text(this.url(req.path)),
      headers: redactor.headers(headers),
      ...(req.body !== undefined ? { body: redactor.text(req.body) } : {}),
    };
    this.requests++;
    const send = () =>
      new Promise<HttpResponse>((resolve, reject) => {
        let answered = false;
        const client = this.base.protocol === 'https:' ? https : http;
        const outgoing = client.request(
          {
            protocol: this.base.protocol,
            hostname: this.base.hostname,
            port: this.base.port,
            method: req.method,
            path: `${prefix}${req.path}`,
            headers,
            agent: this.agent,
            timeout: this.options.timeoutMs ?? 30_000,
            ...(signal ? { signal } : {}),
          },
          (incoming) => {
            answered = true;
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('error', reject);
            incoming.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              const distinct = incoming.headersDistinct as Record<string, string[] | undefined>;
              const responseHeaders: Record<string, string[]> = {};
              for (const [name, values] of Object.entries(distinct))
                if (values) responseHeaders[name] = values;
              let json: unknown;
              let isJson = false;
              if (text.length > 0) {
                try {
                  json = JSON.parse(text);
                  isJson = true;
                } catch {
                  isJson = false;
                }
              }
              resolve({
                status: incoming.statusCode ?? 0,
                headers: responseHeaders,
                text,
                json,
                isJson,
                durationMs: performance.now() - started,
              });
            });
          },
        );
        outgoing.on('timeout', () =>
          outgoing.destroy(new Error(`no answer within ${this.options.timeoutMs ?? 30_000} ms`)),
        );
        outgoing.on('error', (error: NodeJS.ErrnoException) =>
          reject(
            !answered && outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')
              ? new StaleConnectionError(error.message)
              : error,
          ),
        );
        if (req.body !== undefined) outgoing.end(req.body);
        else outgoing.end();
      });
    try {
      // A kept-alive connection the target closed while it sat idle resets when reused: nothing reached the
      // target, so the request goes again (as Node's documentation of reusedSocket advises). Each reset connection
      // leaves the pool, so after at most one try per pooled connection the request goes on a new one.
      let response: HttpResponse | undefined;
      for (let tries = 0; response === undefined; tries++) {
        try {
          response = await send();
        } catch (error) {
          if (!(error instanceof StaleConnectionError) || tries > this.maxSockets) throw error;
        }
      }
      record?.({
        request: recordedRequest,
        response: {
          status: response.status,
          headers: redactor.headers(response.headers),
          body: redactor.text(response.text),
        },
        durationMs: response.durationMs,
      });
      return response;
    } catch (error) {
      const message = redactor.text(error instanceof Error ? error.message : String(error));
      record?.({ request: recordedRequest, error: message, durationMs: performance.now() - started });
      throw new ConnectionError(`${req.method} ${recordedRequest.url}: ${message}`);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
