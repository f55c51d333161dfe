// The reference server as a test's target: on 127.0.0.1, port 0, with test control, and timed like the suite's
// embedded target (EMBEDDED_TIMING), so that a run through it waits no longer than a default run.
import { startServer, type ServerOptions } from '@mlclose/server';
import { EMBEDDED_TIMING } from '../../src/index.js';

export type Target = Awaited<ReturnType<typeof startServer>>;

export function startTarget(options: ServerOptions = {}): Promise<Target> {
  return startServer({ host: '127.0.0.1', port: 0, testControl: true, ...EMBEDDED_TIMING, ...options });
}
