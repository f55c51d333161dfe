// A proxy in front of a faithful server that rewrites some answers: the smallest "broken server" there is, used
// to prove that the suite can fail and attributes the failure to the right requirement.
import http from 'node:http';
import { sendUpstream, type UpstreamAnswer } from './upstream.js';

export interface Exchange {
  method: string;
  url: string;
  requestHeaders: http.IncomingHttpHeaders;
  body: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  responseBody: string;
}

export type Tamper = (exchange: Exchange) => Partial<Pick<Exchange, 'status' | 'responseBody'>> | undefined;

/** Rewrites a request before it goes upstream (the tamper still sees the original). */
export type RewriteRequest = (request: {
  method: string;
  url: string;
  body: string;
}) => { url?: string; body?: string } | undefined;

export interface TamperOptions {
  /**
   * Requests to hold: `true` never answers (held until the proxy closes), a target that hangs with no clock involved;
   * a promise holds the request until it resolves, then forwards it.
   */
  hold?: (method: string, url: string) => boolean | Promise<void>;
  rewrite?: RewriteRequest;
}

export async function startTamperProxy(
  upstream: string,
  tamper: Tamper,
  options: TamperOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const held = options.hold?.(req.method ?? 'GET', req.url ?? '/');
    if (held === true) return;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      if (held instanceof Promise) await held;
      const body = Buffer.concat(chunks).toString('utf8');
      const changed = options.rewrite?.({ method: req.method ?? 'GET', url: req.url ?? '/', body }) ?? {};
      const upstreamBody = changed.body ?? body;
      const headers = { ...req.headers, host: target.host };
      if (changed.body !== undefined) headers['content-length'] = String(Buffer.byteLength(upstreamBody));
      const path = changed.url ?? req.url;
      let answer: UpstreamAnswer;
      try {
        answer = await sendUpstream(agent, {
          hostname: target.hostname,
          port: target.port,
          method: req.method ?? 'GET',
          path: path ?? '/',
          headers,
          body: upstreamBody.length > 0 || req.headers['content-length'] === '0' ? upstreamBody : undefined,
        });
      } catch (error) {
        res.writeHead(502);
        res.end(String(error));
        return;
      }
      const exchange: Exchange = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        requestHeaders: req.headers,
        body,
        status: answer.status,
        headers: answer.headers,
        responseBody: answer.body,
      };
      const change = tamper(exchange) ?? {};
      const responseBody = change.responseBody ?? exchange.responseBody;
      const outHeaders = { ...answer.headers };
      delete outHeaders['content-length'];
      delete outHeaders['transfer-encoding'];
      delete outHeaders.connection;
      delete outHeaders['keep-alive'];
      res.writeHead(change.status ?? exchange.status, {
        ...outHeaders,
        'content-length': Buffer.byteLength(responseBody),
      });
      res.end(req.method === 'HEAD' ? undefined : responseBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The tamper proxy that answers 400 where the close API answers 404: breaks CJ-MATCH-001 and the route checks. */
export function startMissingAs400(upstream: string): ReturnType<typeof startTamperProxy> {
  return startTamperProxy(upstream, (exchange) =>
    exchange.url.includes('/_close') && exchange.status === 404 ? { status: 400 } : undefined,
  );
}
