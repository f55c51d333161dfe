// The test proxies' one request upstream, on a kept-alive agent, with the answer read whole. Their upstream is always
// the reference server, which keeps idle connections open, so a pooled connection is never closed under them.
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

/** Sends `request` upstream through `agent` and reads the whole answer. */
export function sendUpstream(agent: http.Agent, request: UpstreamRequest): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const { hostname, port, method, path, headers, timeoutMs } = request;
    const outgoing = http.request(
      { hostname, port, method, path, headers, agent, ...(timeoutMs ? { timeout: timeoutMs } : {}) },
      (incoming) => {
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
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
