// The test proxies (the tamper proxy, and the variants' proxy, through sendUpstream) keep their upstream connections
// alive. A kept-alive connection that the upstream closed as idle resets when reused, and the upstream drops that
// request unprocessed: it must go again instead of failing as a 502 (a fixture failure of a conformant server on a
// loaded machine). A reset on a fresh connection is not retried: nothing says the request was dropped.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { rawTarget } from './support/raw-target.js';
import { startTamperProxy } from './support/tamper-proxy.js';
import { sendUpstream } from './support/upstream.js';

let target: Awaited<ReturnType<typeof rawTarget>> | undefined;
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

afterEach(async () => {
  agent.destroy();
  await target?.close();
});

const close = (url: URL) => ({
  hostname: url.hostname,
  port: url.port,
  method: 'POST',
  path: '/_ml/anomaly_detectors/j/_close',
  headers: {},
  body: undefined,
});

describe('sendUpstream', () => {
  it('sends a request again when its reused kept-alive connection resets before any answer', async () => {
    target = await rawTarget((request, connection) => request === 2 && connection === 1);
    const url = new URL(target.url);
    expect((await sendUpstream(agent, close(url))).status).toBe(200);
    const second = await sendUpstream(agent, close(url));
    expect([second.status, second.body]).toEqual([200, '{}']);
    expect(target.counts()).toEqual({ requests: 3, connections: 2 });
  });

  it('goes past at most 8 stale connections, then fails with the reset', async () => {
    // Every connection's second request resets: ten pooled connections, all stale for the next request.
    const perConnection = new Map<number, number>();
    target = await rawTarget((_, connection) => {
      perConnection.set(connection, (perConnection.get(connection) ?? 0) + 1);
      return perConnection.get(connection)! > 1;
    });
    const url = new URL(target.url);
    const pool = new http.Agent({ keepAlive: true, maxSockets: 16 });
    try {
      await Promise.all(Array.from({ length: 10 }, () => sendUpstream(pool, close(url))));
      await expect(sendUpstream(pool, close(url))).rejects.toMatchObject({ code: 'ECONNRESET' });
      // The first try and 8 more, each on another stale connection.
      expect(target.counts()).toEqual({ requests: 19, connections: 10 });
    } finally {
      pool.destroy();
    }
  });

  it('fails a request whose new connection resets', async () => {
    target = await rawTarget((request) => request === 1);
    await expect(sendUpstream(agent, close(new URL(target.url)))).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(target.counts()).toEqual({ requests: 1, connections: 1 });
  });
});

describe('the tamper proxy', () => {
  it('answers the upstream 200, not a 502, when its reused upstream connection resets', async () => {
    target = await rawTarget((request, connection) => request === 2 && connection === 1);
    const proxy = await startTamperProxy(target.url, () => undefined);
    try {
      for (const _ of [1, 2]) {
        const response = await fetch(`${proxy.url}/_ml/anomaly_detectors/j/_close`, { method: 'POST' });
        expect([response.status, await response.text()]).toEqual([200, '{}']);
      }
      expect(target.counts()).toEqual({ requests: 3, connections: 2 });
    } finally {
      await proxy.close();
    }
  });
});
