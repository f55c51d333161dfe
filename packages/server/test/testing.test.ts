// The shared test driver (src/testing.ts, @mlclose/server/testing): what other packages rely on.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closePath,
  ServerDriver,
  startTestServer,
  UNREACHABLE_URL,
  type TestServer,
} from '../src/testing.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(
    { apiKeys: [{ key: 'a2V5OnNlY3JldA==' }] },
    {
      headers: { Authorization: 'ApiKey a2V5OnNlY3JldA==' },
    },
  );
});
afterAll(async () => {
  await server.close();
});

describe('@mlclose/server/testing', () => {
  it('UNREACHABLE_URL is refused: nothing can listen on port 0', async () => {
    const { port, hostname } = new URL(UNREACHABLE_URL);
    const code = await new Promise<string | undefined>((resolve) => {
      const socket = connect({ host: hostname, port: Number(port || 0) });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(code).toBe('ECONNREFUSED');
    const failure = await fetch(`${UNREACHABLE_URL}/`).catch((error: unknown) => error);
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });

  it('sends the driver headers with every request (here: the credentials security needs)', async () => {
    expect((await server.request('GET', '/')).status).toBe(200);
    const anonymous = new ServerDriver(server.url);
    expect((await anonymous.request('GET', '/')).status).toBe(401);
  });

  it('a request with op throws when the answer does not match the spec', async () => {
    // The 200 of a close checked against job stats' schema: a mismatch the driver must report.
    await server.putJob('j1');
    await expect(server.request('POST', closePath('j1'), { op: 'ml-get-job-stats' })).rejects.toThrow(
      /does not match ml-get-job-stats/u,
    );
  });

  it('setup helpers throw unless the answer is 200', async () => {
    await expect(server.openJob('no-such-job')).rejects.toThrow(/→ 404/u);
  });

  it('ids are percent-encoded by the setup helpers', async () => {
    await server.reset();
    await server.putJob('a_b-1');
    expect(await server.states()).toEqual({ 'a_b-1': 'closed' });
    await expect(server.state('a/b')).rejects.toThrow(/a%2Fb\/_stats → 404/u);
  });
});
