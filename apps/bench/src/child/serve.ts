// Child process: starts one server, prints `{"url":…}` on a line of its own, answers each `cpu` line on stdin
// with its CPU time so far (`{"cpuMicros":…}`, user and system), and exits when its parent closes stdin (or
// dies), so a crashed benchmark never leaves a server behind.
import { createInterface } from 'node:readline';
import type { ServerOptions } from '@mlclose/server';
import { startBareServer, type BareResponse } from '../bare-server.js';

export type ServeRequest =
  | ({ kind: 'bare' } & BareResponse)
  | ({ kind: 'reference' } & Pick<ServerOptions, 'closeDelayMs' | 'openDelayMs' | 'corsAllowOrigin'>);

const request = JSON.parse(process.argv[2] ?? '{}') as ServeRequest;

async function start(): Promise<{ url: string; close: () => Promise<void> }> {
  if (request.kind === 'bare') return startBareServer(request);
  const { kind: _, ...options } = request;
  const { startServer } = await import('@mlclose/server');
  return startServer({ ...options, host: '127.0.0.1', port: 0, testControl: true });
}

const server = await start();
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  if (line !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMicros: user + system })}\n`);
});
commands.on('close', () => {
  void server.close().finally(() => process.exit(0));
});
