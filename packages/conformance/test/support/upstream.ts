// The test proxies' one request upstream, on a kept-alive agent. A kept-alive connection that the upstream closed
// as idle resets when it is reused; nothing reached the upstream, so the request goes again on another connection
// (as Node's documentation of `reusedSocket` advises, and as the suite's own client does). Without this, a proxy
// answered 502 where the server never saw the request: a loaded machine that stalled a proxy for as long as the
// server's keep-alive timeout (5 s) failed a fixture of a conformant server.
import http from 'node:http';

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

/** A reset of a reused connection before any answer: the request never reached the upstream. */
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
        !answered && outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')
          ? new StaleConnection(error.message)
          : error,
      ),
    );
    outgoing.end(request.body);
  });
}

/**
 * Sends `request` upstream through `agent` and reads the whole answer. A reused connection that resets before any
 * answer is dropped from the pool, and the request goes again: at most once per pooled connection, then on a new one,
 * whose reset is an error like any other.
 */
export async function sendUpstream(agent: http.Agent, request: UpstreamRequest): Promise<UpstreamAnswer> {
  for (let tries = 0; ; tries++) {
    try {
      return await sendOnce(agent, request);
    } catch (error) {
      if (!(error instanceof StaleConnection) || tries > agent.maxSockets) throw error;
    }
  }
}
