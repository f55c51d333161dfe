// The suite's HTTP layer (src/http.ts) against a raw TCP server that plays a target closing idle kept-alive
// connections: the case a request must survive, and the cases it must not hide.
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, HttpTarget } from '../src/http.js';
import { Redactor } from '../src/redact.js';
import { rawTarget } from './support/raw-target.js';

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
