// The bare server is the ceiling the reference server is measured against: the two must put the same bytes on the
// wire for the benchmark's request, so that their ratio shows only the work behind the answer.
import { request } from 'node:http';
import { startServer } from '@mlclose/server';
import { closePath, ServerDriver } from '@mlclose/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBareServer } from '../src/bare-server.js';

/** POST with no body; the answer's status line, header lines as sent (name and value, in order) and body. */
function post(url: string): Promise<{ status: number; headers: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        const headers: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          headers.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        resolve({ status: res.statusCode ?? 0, headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the bare server', () => {
  let reference: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    reference = await startServer({
      host: '127.0.0.1',
      port: 0,
      testControl: true,
      closeDelayMs: 0,
      openDelayMs: 0,
    });
    await new ServerDriver(reference.url).putJob('steady-0');
  });
  afterAll(() => reference.close());

  it("answers the steady-state close with the reference server's status, header lines and body", async () => {
    const path = closePath('steady-0');
    const fromReference = await post(reference.url + path);
    expect(fromReference.status).toBe(200);
    const bare = await startBareServer({ body: fromReference.body });
    try {
      expect(await post(bare.url + path)).toEqual(fromReference);
    } finally {
      await bare.close();
    }
    // What both send: Elasticsearch's names, and no Date or Keep-Alive.
    expect(fromReference.headers).toEqual([
      'X-elastic-product: Elasticsearch',
      'content-type: application/json',
      `content-length: ${fromReference.body.length}`,
      'Connection: keep-alive',
    ]);
  });
});
