// The suite's HTTP layer (src/http.ts) against a raw TCP server that plays a target closing idle kept-alive
// connections: the case a request must survive, and the cases it must not hide.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, HttpTarget } from '../src/http.js';
import { Redactor } from '../src/redact.js';

const OK =
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}';

/** Answers requests; `reset(n, connection)` decides whether the n-th request (from 1) resets its connection instead. */
async function rawTarget(reset: (request: number, connection: number) => boolean) {
  let requests = 0;
  let connections = 0;
  const server = net.createServer((socket) => {
    const connection = ++connections;
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      // One request per chunk: the client sends each small request in one write and waits for its answer.
      for (const _ of chunk.toString('latin1').matchAll(/\r\n\r\n/g)) {
        if (reset(++requests, connection)) {
          socket.resetAndDestroy();
          return;
        }
        socket.write(OK);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ requests, connections }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let target: Awaited<ReturnType<typeof rawTarget>> | undefined;
let http: HttpTarget | undefined;

afterEach(async () => {
  http?.close();
  await target?.close();
});

describe('HttpTarget', () => {
  it('sends a request again when a reused kept-alive connection resets before any answer', async () => {
    // The second request arrives on the first connection, which the target resets (it had closed it as idle).
    target = await rawTarget((request, connection) => request === 2 && connection === 1);
    http = new HttpTarget(target.url, { redactor: new Redactor([]) });
    expect((await http.request({ method: 'GET', path: '/' })).status).toBe(200);
    const second = await http.request({ method: 'GET', path: '/' });
    expect(second.status).toBe(200);
    expect(second.json).toEqual({});
    expect(target.counts()).toEqual({ requests: 3, connections: 2 });
    expect(http.requests).toBe(2);
  });

  it('fails a request whose new connection resets: nothing says it did not reach the target', async () => {
    target = await rawTarget((request) => request === 1);
    http = new HttpTarget(target.url, { redactor: new Redactor([]) });
    await expect(http.request({ method: 'GET', path: '/' })).rejects.toThrow(ConnectionError);
    expect(target.counts()).toEqual({ requests: 1, connections: 1 });
  });
});
