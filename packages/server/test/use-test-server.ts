import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ServerOptions } from '../src/index.js';
import { startTestServer, type TestServer } from '../src/testing.js';

/**
 * The hooks an HTTP test file (or describe block) would otherwise repeat: one test server on 127.0.0.1, started
 * before the first test and closed after the last, reset before each test and then given `setUp` (the jobs the
 * tests start from); `options` go to the server. Returns the server, usable from the first hook on: its members are those of the running
 * server.
 */
export function useTestServer(
  setUp?: (server: TestServer) => Promise<void>,
  options?: ServerOptions,
): TestServer {
  let running: TestServer | undefined;
  const current = (): TestServer => {
    if (!running) throw new Error('the test server is used before beforeAll started it');
    return running;
  };
  beforeAll(async () => {
    running = await startTestServer(options);
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  beforeEach(async () => {
    await current().reset();
    await setUp?.(current());
  });
  return new Proxy({} as TestServer, {
    get(_, key) {
      const server = current();
      const value: unknown = Reflect.get(server, key, server);
      return typeof value === 'function' ? value.bind(server) : value;
    },
  });
}
