// A proxy in front of a faithful server that rewrites some answers: the smallest "broken server" there is, used
// to prove that the suite can fail and attributes the failure to the right requirement.
import http from 'node:http';

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

export interface TamperOptions {
  /** Requests never to answer (held until the proxy closes): a target that hangs, with no clock involved. */
  hold?: (method: string, url: string) => boolean;
}

export async function startTamperProxy(
  upstream: string,
  tamper: Tamper,
  options: TamperOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    if (options.hold?.(req.method ?? 'GET', req.url ?? '/')) return;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { ...req.headers, host: target.host };
      const outgoing = http.request(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
        (incoming) => {
          const parts: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => parts.push(chunk));
          incoming.on('end', () => {
            const exchange: Exchange = {
              method: req.method ?? 'GET',
              url: req.url ?? '/',
              requestHeaders: req.headers,
              body,
              status: incoming.statusCode ?? 500,
              headers: incoming.headers,
              responseBody: Buffer.concat(parts).toString('utf8'),
            };
            const change = tamper(exchange) ?? {};
            const responseBody = change.responseBody ?? exchange.responseBody;
            const outHeaders = { ...incoming.headers };
            delete outHeaders['content-length'];
            delete outHeaders['transfer-encoding'];
            delete outHeaders['connection'];
            delete outHeaders['keep-alive'];
            res.writeHead(change.status ?? exchange.status, {
              ...outHeaders,
              'content-length': Buffer.byteLength(responseBody),
            });
            res.end(req.method === 'HEAD' ? undefined : responseBody);
          });
        },
      );
      outgoing.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      outgoing.end(body.length > 0 || req.headers['content-length'] === '0' ? body : undefined);
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
