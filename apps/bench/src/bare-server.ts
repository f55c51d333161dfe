import { createServer, type Server } from 'node:http';

/** The close-job success body, byte for byte. */
export const CLOSED_BODY = '{"closed":true}';

/** What the bare server answers with. */
export interface BareResponse {
  /** @default CLOSED_BODY */
  body?: string;
  /** @default 'application/json' */
  contentType?: string;
}

/**
 * A `node:http` server that answers every request with 200 and the same bytes, doing no other work: the
 * practical ceiling for a close-job server on this machine, and a server whose cost is near nothing when
 * clients are compared. `X-elastic-product: Elasticsearch` is there because the official client refuses
 * answers without it (its product check). It frames the answer as the reference server does (the same header
 * names in the same order, no Date, TCP keep-alive on and no Keep-Alive timeout), so that the two put the same
 * bytes on the wire and differ only by the work behind them.
 */
export function createBareServer(response: BareResponse = {}): Server {
  const body = Buffer.from(response.body ?? CLOSED_BODY);
  const headers = {
    'X-elastic-product': 'Elasticsearch',
    'content-type': response.contentType ?? 'application/json',
    'content-length': String(body.length),
  };
  const server = createServer({ keepAlive: true }, (request, reply) => {
    reply.sendDate = false;
    // Read the request to its end before answering, as any real server must.
    request.resume();
    request.on('end', () => {
      reply.writeHead(200, headers);
      reply.end(body);
    });
  });
  server.keepAliveTimeout = 0;
  return server;
}

/** Starts a bare server on 127.0.0.1 and a free port. */
export async function startBareServer(
  response: BareResponse = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createBareServer(response);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('bare server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
