// A small HTTP proxy in front of a faithful @mlclose/server. A broken variant installs middleware that rewrites
// requests and responses (and may call the upstream directly), so that, seen from outside, the server makes exactly
// one realistic mistake. The suite reaches the proxy over HTTP on 127.0.0.1; the proxy reaches the faithful server in
// process (createInProcessTarget), which answers as the listening server does: a second HTTP exchange per request
// cost the variants' runs about 160 µs of CPU each, of 46,878 requests. Nothing here imports the server's
// internals: only its public API, which the conformance package may embed (STYLE.md "Data flows one way").
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InProcessServer, ServerOptions } from '@mlclose/server';
import { createInProcessTarget } from '../support/target.js';

/** A request as the proxy sees it. `path` is the raw request target (encoded path and query string). */
export interface ProxyRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-case names; hop-by-hop headers and Content-Length are removed (the proxy sets them). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body; `''` for none (Elasticsearch treats a zero-length body as no body). */
  readonly body: string;
}

/** A response as the proxy sees it. Header names are lower-case; repeated headers keep every value. */
export interface ProxyResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
}

/** Passes a request on: to the next middleware, and finally to the upstream. */
export type Next = (request: ProxyRequest) => Promise<ProxyResponse>;

/** One step of the chain: answer by itself, or call `next` (with the same or a rewritten request). */
export type Middleware = (request: ProxyRequest, next: Next) => Promise<ProxyResponse>;

/** What a variant's `install` receives. */
export interface Proxy {
  /** Adds a middleware; the first added sees the request first. */
  use(middleware: Middleware): void;
  /** Sends a request straight to the faithful upstream, bypassing every middleware. */
  upstream(request: Partial<ProxyRequest> & Pick<ProxyRequest, 'method' | 'path'>): Promise<ProxyResponse>;
}

/** A running proxy with its upstream. */
export interface ProxiedServer {
  /** The proxy's base URL (what the suite is pointed at). */
  readonly url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

/** Every request to the upstream is bounded; a hung upstream fails the request instead of the test run. */
const UPSTREAM_TIMEOUT_MS = 60_000;

async function forward(upstream: InProcessServer, request: ProxyRequest): Promise<ProxyResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`upstream gave no answer within ${UPSTREAM_TIMEOUT_MS} ms`)),
      UPSTREAM_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      upstream.handle({ method: request.method, path: request.path, headers, body: request.body }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function readAll(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts a faithful upstream (test control on, plus `serverOptions`) and a proxy in front of it on 127.0.0.1,
 * port 0, then lets `install` add the variant's middleware.
 */
export async function startProxied(
  install: (proxy: Proxy) => void,
  serverOptions: Pick<ServerOptions, 'apiKeys' | 'users'> = {},
): Promise<ProxiedServer> {
  const upstream = await createInProcessTarget(serverOptions);
  const middlewares: Middleware[] = [];
  // The variant's own calls to the upstream carry a credential of their own when the upstream needs one, as a
  // service's internal calls would; a request's own headers win.
  const serviceKey = serverOptions.apiKeys?.find((key) => key.role === undefined)?.key;
  const serviceHeaders: Record<string, string> = serviceKey ? { authorization: `ApiKey ${serviceKey}` } : {};
  const direct = (
    request: Partial<ProxyRequest> & Pick<ProxyRequest, 'method' | 'path'>,
  ): Promise<ProxyResponse> =>
    forward(upstream, {
      body: '',
      ...request,
      headers: { ...serviceHeaders, ...(request.headers ?? {}) },
    });
  install({ use: (middleware) => middlewares.push(middleware), upstream: direct });

  const dispatch = (index: number, request: ProxyRequest): Promise<ProxyResponse> =>
    index < middlewares.length
      ? middlewares[index]!(request, (next) => dispatch(index + 1, next))
      : forward(upstream, request);

  const server = http.createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name)) continue;
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const request: ProxyRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers,
        body: await readAll(req),
      };
      const response = await dispatch(0, request);
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (HOP_BY_HOP.has(name)) continue;
        out[name] = typeof value === 'string' ? value : [...value];
      }
      // HEAD keeps the upstream's Content-Length; everything else gets the length of the (rewritten) body.
      const length =
        request.method === 'HEAD'
          ? response.headers['content-length']
          : String(Buffer.byteLength(response.body));
      if (typeof length === 'string') out['content-length'] = length;
      res.writeHead(response.status, out);
      res.end(request.method === 'HEAD' ? undefined : response.body);
    })().catch((error: unknown) => {
      // A broken middleware must show up as a failing response, never as a hung request.
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`variant proxy error: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        res.destroy();
      }
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await upstream.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
        await upstream.close();
      })();
      return closing;
    },
  };
}
