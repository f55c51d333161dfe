// A raw TCP target that plays a server closing idle kept-alive connections: it answers every request with a small
// JSON 200, except the ones `reset` picks, whose connection it resets instead (as a server does with a connection it
// closed as idle while the request was on its way).
import net from 'node:net';

const OK =
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}';

/** Answers requests; `reset(n, connection)` decides whether the n-th request (from 1) resets its connection instead. */
export async function rawTarget(reset: (request: number, connection: number) => boolean) {
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
