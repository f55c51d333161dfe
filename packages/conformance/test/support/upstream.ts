// The test proxies' one request upstream, on a kept-alive agent. A kept-alive connection that the upstream closed as
// idle resets when it is reused, and the upstream drops that request unprocessed: it goes again on another
// connection, as the suite's own client does (src/http.ts, isStaleReuse). Without this, a proxy answered 502 for a
// request the server never processed. The reference server no longer closes idle connections, so this is a safeguard
// for upstreams that do (Node's default closes them after 5 s, the moment a Node 20 client gives them up too).
import http from 'node:http';
import { isStaleReuse } from '../../src/http.js';

/** The answer, read whole. Header names are lower-case. */
export interface UpstreamAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  headersDistinct: NodeJS.Dict<string[]>;
  body: string;
}

export interface UpstreamRequest {
  hostname: string;
  port: string | number;
  method: string;
  path: string;
  headers: http.OutgoingHttpHeaders;
  /** Sent as is; undefined sends no body. */
  body: string | undefined;
  /** No answer within this long fails the request. */
  timeoutMs?: number;
}

/** How many stale pooled connections one request goes past before it fails: a bound whatever the agent's pool. */
const MAX_STALE_RETRIES = 8;

/** A reused connection that reset before any answer; `cause` is the reset. */
class StaleConnection extends Error {}

function sendOnce(agent: http.Agent, request: UpstreamRequest): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const { hostname, port, method, path, headers, timeoutMs } = request;
    const outgoing = http.request(
      { hostname, port, method, path, headers, agent, ...(timeoutMs ? { timeout: timeoutMs } : {}) },
      (incoming) => {
        answered = true;
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 502,
            headers: incoming.headers,
            headersDistinct: incoming.headersDistinct,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`upstream gave no answer within ${timeoutMs} ms`)),
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        isStaleReuse(outgoing, answered, error)
          ? new StaleConnection(error.message, { cause: error })
          : error,
      ),
    );
    outgoing.end(request.body);
  });
}

/**
 * Sends `request` upstream through `agent` and reads the whole answer. A reused connection that resets before any
 * answer leaves the pool, and the request goes again, past at most MAX_STALE_RETRIES of them; then the reset itself is
 * the error.
 */
export async function sendUpstream(agent: http.Agent, request: UpstreamRequest): Promise<UpstreamAnswer> {
  for (let tries = 0; ; tries++) {
    try {
      return await sendOnce(agent, request);
    } catch (error) {
      if (!(error instanceof StaleConnection)) throw error;
      if (tries >= MAX_STALE_RETRIES) throw error.cause;
    }
  }
}
