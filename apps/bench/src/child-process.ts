import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoadRequest, LoadResult } from './child/load.js';
import type { ServeRequest } from './child/serve.js';

const childScript = (name: string): string => fileURLToPath(new URL(`./child/${name}.js`, import.meta.url));

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A server running in a child process of its own. */
export interface ChildServer {
  url: string;
  /** The CPU time (user and system, µs) the server's process has used so far. */
  cpuMicros: () => Promise<number>;
  stop: () => Promise<void>;
}

/** Starts a server in a child process and waits for the URL it prints. */
export async function startChildServer(request: ServeRequest, timeoutMs = 30_000): Promise<ChildServer> {
  const child = spawn(process.execPath, [childScript('serve'), JSON.stringify(request)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  /** The next line the child prints, or the error of its exit. */
  const nextLine = (what: string): Promise<string> =>
    Promise.race([
      once(lines, 'line').then(([line]) => line as string),
      exited.then(([code]) => {
        throw new Error(`${request.kind} server exited with ${String(code)} before ${what}`);
      }),
    ]);
  let url: string;
  try {
    ({ url } = JSON.parse(await nextLine('printing its URL')) as { url: string });
  } catch (error) {
    lines.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    url,
    cpuMicros: async () => {
      const answer = nextLine('telling its CPU time');
      child.stdin!.write('cpu\n');
      return (JSON.parse(await answer) as { cpuMicros: number }).cpuMicros;
    },
    stop: async () => {
      lines.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/** Runs `node args…` to completion and returns its stdout, its exit code and its wall time. */
export async function runNode(
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return runCommand(process.execPath, args, options);
}

export interface CommandResult {
  stdout: string;
  /** null when a signal ended it. */
  code: number | null;
  /** True when it ran past its timeout and was killed. */
  timedOut: boolean;
  wallMs: number;
}

export async function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; stderr?: 'inherit' | 'ignore' } = {},
): Promise<CommandResult> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', options.stderr ?? 'inherit'],
  });
  running.add(child);
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 120_000);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  running.delete(child);
  return {
    stdout: Buffer.concat(chunks).toString('utf8'),
    code,
    timedOut,
    wallMs: performance.now() - started,
  };
}

/** The load generator ran past its time limit and was stopped. */
export class LoadTimeout extends Error {
  override name = 'LoadTimeout';
}

/**
 * Runs autocannon in a child process of its own against `request.url`.
 * @param timeoutMs kill it after this long; by default the request's duration plus 30 s
 */
export async function runLoad(request: LoadRequest, timeoutMs?: number): Promise<LoadResult> {
  const limit = timeoutMs ?? request.durationS * 1_000 + 30_000;
  const { stdout, code, timedOut } = await runNode([childScript('load'), JSON.stringify(request)], {
    timeoutMs: limit,
  });
  if (timedOut) throw new LoadTimeout(`load generator still running after ${Math.round(limit / 1_000)} s`);
  if (code !== 0) throw new Error(`load generator exited with ${String(code)}`);
  return JSON.parse(stdout) as LoadResult;
}
