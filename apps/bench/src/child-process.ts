import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoadAnswer, LoadRequest, LoadResult } from './child/load.js';
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

/** A child's stdout, line by line. */
interface ChildLines {
  /** The child's next line, or the error of its exit before it (`what` names the line in the error). */
  next(what: string): Promise<string>;
  /** Resolves with the exit code (null for a signal) when the child exits. */
  exited: Promise<unknown[]>;
  close(): void;
}

/**
 * Reads `child`'s stdout by lines. A line nobody waits for is dropped: ask for the next line before sending what
 * the child answers.
 */
function childLines(child: ChildProcess, name: string): ChildLines {
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit');
  return {
    next: (what) =>
      Promise.race([
        once(lines, 'line').then(([line]) => line as string),
        exited.then(([code]) => {
          throw new Error(`${name} exited with ${String(code)} before ${what}`);
        }),
      ]),
    exited,
    close: () => lines.close(),
  };
}

/** Spawns `node <child script> args…` with stdin and stdout piped; it is killed if this process exits first. */
function spawnChild(name: string, args: readonly string[]): ChildProcess {
  const child = spawn(process.execPath, [childScript(name), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  // A write to a child that has exited fails with EPIPE; its exit is what the caller hears of it (ChildLines.next).
  child.stdin!.on('error', () => {});
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Ends a child by closing its stdin, as its protocol asks; kills it if it is still there after 5 s. */
async function endChild(child: ChildProcess, lines: ChildLines): Promise<void> {
  lines.close();
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin!.end();
  const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await lines.exited;
  clearTimeout(force);
}

/** Starts a server in a child process and waits for the URL it prints. */
export async function startChildServer(request: ServeRequest, timeoutMs = 30_000): Promise<ChildServer> {
  const child = spawnChild('serve', [JSON.stringify(request)]);
  const lines = childLines(child, `${request.kind} server`);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  let url: string;
  try {
    ({ url } = JSON.parse(await lines.next('printing its URL')) as { url: string });
  } catch (error) {
    lines.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    url,
    cpuMicros: async () => {
      const answer = lines.next('telling its CPU time');
      child.stdin!.write('cpu\n');
      return (JSON.parse(await answer) as { cpuMicros: number }).cpuMicros;
    },
    stop: () => endChild(child, lines),
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

/** autocannon in a child process of its own (./child/load.ts), for the load runs of one benchmark. */
export interface LoadGenerator {
  /**
   * Runs one load against `request.url`, after the runs asked for before it, and answers autocannon's counts.
   * @param timeoutMs stop the run after this long, with a LoadTimeout; by default the request's duration plus 30 s
   */
  run(request: LoadRequest, timeoutMs?: number): Promise<LoadResult>;
  /** Ends the process, once the runs asked for are done. A run asked for later starts a new one. */
  stop(): Promise<void>;
}

/**
 * A load generator whose process starts with its first run and serves every run after it: a process per run cost
 * each run about 0.3 s of CPU to start and load autocannon. A run that times out or loses its process leaves the
 * next run a new process.
 */
export function loadGenerator(): LoadGenerator {
  let current: { child: ChildProcess; lines: ChildLines } | undefined;
  /** The runs asked for so far, settled: each run waits for the one before. */
  let queue: Promise<unknown> = Promise.resolve();

  const runOne = async (request: LoadRequest, timeoutMs: number | undefined): Promise<LoadResult> => {
    if (!current) {
      const child = spawnChild('load', []);
      current = { child, lines: childLines(child, 'load generator') };
    }
    const { child, lines } = current;
    const limit = timeoutMs ?? request.durationS * 1_000 + 30_000;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limit);
    let answer: LoadAnswer;
    try {
      const line = lines.next('answering a load run');
      child.stdin!.write(`${JSON.stringify(request)}\n`);
      answer = JSON.parse(await line) as LoadAnswer;
    } catch (error) {
      // Killed, exited or answered garbage: whichever it was, the next run gets a new process.
      child.kill('SIGKILL');
      lines.close();
      if (current?.child === child) current = undefined;
      if (timedOut)
        throw new LoadTimeout(`load generator still running after ${(limit / 1_000).toFixed(1)} s`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    // autocannon refused the run (a bad URL, say): the process itself is fine.
    if ('error' in answer) throw new Error(`load generator: ${answer.error}`);
    return answer.result;
  };

  return {
    run(request, timeoutMs) {
      const result = queue.then(() => runOne(request, timeoutMs));
      queue = result.catch(() => undefined);
      return result;
    },
    async stop() {
      await queue;
      const ending = current;
      current = undefined;
      if (ending) await endChild(ending.child, ending.lines);
    },
  };
}
