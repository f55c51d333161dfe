// The reference server as a test's target: with test control, and timed like the suite's embedded target
// (EMBEDDED_TIMING), so that a run through it waits no longer than a default run. Listening on 127.0.0.1 and port 0,
// or in process (for a proxy of a test's own in front of it).
import {
  createInProcessServer,
  startServer,
  type InProcessServer,
  type InProcessServerOptions,
  type ServerOptions,
} from '@mlclose/server';
import { EMBEDDED_TIMING } from '../../src/index.js';

export type Target = Awaited<ReturnType<typeof startServer>>;

/** What every test target is started with, before a test's own options. */
const TARGET_OPTIONS = { testControl: true, ...EMBEDDED_TIMING } satisfies InProcessServerOptions;

export function startTarget(options: ServerOptions = {}): Promise<Target> {
  return startServer({ host: '127.0.0.1', port: 0, ...TARGET_OPTIONS, ...options });
}

export function createInProcessTarget(options: InProcessServerOptions = {}): Promise<InProcessServer> {
  return createInProcessServer({ ...TARGET_OPTIONS, ...options });
}
