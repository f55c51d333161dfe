// A vitest pool whose worker threads outlive a run. Vitest's own pool ends its worker thread with every run, so each
// run paid for a new thread that loaded vitest's runtime and the suite's modules again and ran them unoptimized: about
// 0.35 s of CPU, more than a small run's checks, and a full run took about twice the CPU of one in a warm thread.
// Here a thread that ended its run cleanly is parked, and the next run in this process takes it. What a thread keeps
// between runs is module code: ./suite.ts, the test file, is evaluated again for every run (vitest invalidates its test
// file), and it holds all of a run's state. A thread that errored, exited or failed its teardown, or whose run was
// cancelled, bailed or met an error outside the checks (the runner says so), is ended instead. A parked thread never
// keeps the process alive, and ends after 30 s without a run.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from 'vitest/node';

const NAME = 'mlclose-threads';
interface ThreadLimits {
  /** Threads parked at most: this package's tests overlap up to 5 runs in one process. */
  maxParked: number;
  /** Runs one thread serves at most: vitest's worker runtime keeps a callback of every run it served. */
  maxRuns: number;
  /** A parked thread unused this long is ended. */
  idleMs: number;
}

const limits: ThreadLimits = { maxParked: 6, maxRuns: 25, idleMs: 30_000 };

/**
 * The thread's code: what vitest's own thread entry does (vitest/worker's `init` with its base runtime), except that
 * the end of a run removes only the message listeners that the run added (its RPC), and keeps the one that takes the
 * next run's `start`. Evaluated code, so that the same entry serves the built package and its TypeScript sources.
 */
function threadCode(workerModule: string): string {
  return `
const { parentPort } = require('node:worker_threads');
import(${JSON.stringify(workerModule)}).then(({ init, runBaseTests, setupEnvironment }) => {
  let own;
  const added = new Set();
  init({
    post: (response) => parentPort.postMessage(response),
    on: (listener) => {
      if (own === undefined) own = listener;
      else added.add(listener);
      parentPort.on('message', listener);
    },
    off: (listener) => {
      added.delete(listener);
      parentPort.off('message', listener);
    },
    teardown: () => {
      for (const listener of added) parentPort.off('message', listener);
      added.clear();
    },
    runTests: (state, traces) => runBaseTests('run', state, traces),
    collectTests: (state, traces) => runBaseTests('collect', state, traces),
    setup: setupEnvironment,
  });
});
`;
}

interface Thread {
  worker: Worker;
  /** Threads are reused only for the same environment and Node options. */
  key: string;
  runs: number;
  /** While parked: ends the thread when it stays unused. */
  idle?: ReturnType<typeof setTimeout>;
  /** While parked: the listener that forgets the thread if it exits. */
  onExit?: () => void;
}

const parked: Thread[] = [];
/** Counts since the process started, for tests. */
const counts = { started: 0, reused: 0, ended: 0 };

/** Changes the limits (for tests); returns them as they were. */
export function setThreadLimits(changes: Partial<ThreadLimits>): ThreadLimits {
  const previous = { ...limits };
  Object.assign(limits, changes);
  return previous;
}

/** Ends every parked thread now (for tests: no parked thread's idle time then runs out during a test). */
export async function endParked(): Promise<void> {
  const all = parked.splice(0);
  for (const thread of all) unpark(thread);
  await Promise.all(all.map(end));
}

/** How many threads were started, reused and ended, and how many are parked now. */
export function threadCounts(): { started: number; reused: number; ended: number; parked: number } {
  return { ...counts, parked: parked.length };
}

/** A digest of the thread's environment and Node options: the environment may hold credentials, kept only hashed. */
function keyOf(options: PoolOptions): string {
  const env = Object.entries(options.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([options.execArgv, env]))
    .digest('hex');
}

function end(thread: Thread): Promise<number> {
  counts.ended++;
  return thread.worker.terminate();
}

function take(key: string): Thread | undefined {
  const at = parked.findIndex((thread) => thread.key === key);
  if (at < 0) return undefined;
  const [thread] = parked.splice(at, 1) as [Thread];
  unpark(thread);
  thread.worker.ref();
  counts.reused++;
  return thread;
}

/** Drops what parking added to a thread that has left the park: its idle timer and its exit listener. */
function unpark(thread: Thread): void {
  clearTimeout(thread.idle);
  if (thread.onExit) thread.worker.off('exit', thread.onExit);
  delete thread.idle;
  delete thread.onExit;
}

function park(thread: Thread): void {
  const forget = () => {
    const at = parked.indexOf(thread);
    if (at >= 0) parked.splice(at, 1);
    unpark(thread);
  };
  thread.onExit = forget;
  thread.worker.once('exit', forget);
  thread.idle = setTimeout(() => {
    forget();
    void end(thread);
  }, limits.idleMs);
  thread.idle.unref();
  thread.worker.unref();
  parked.push(thread);
}

type Listener = (arg: unknown) => void;

class ReusedThread implements PoolWorker {
  readonly name = NAME;
  private readonly options: PoolOptions;
  private readonly spoiled: () => boolean;
  private thread: Thread | undefined;
  /** Every listener added on the thread for this run, removed when the run ends. */
  private readonly listeners: [string, Listener][] = [];
  /** False once the thread errored, exited or failed its teardown. */
  private reusable = true;

  private readonly spoil = () => {
    this.reusable = false;
  };

  constructor(options: PoolOptions, spoiled: () => boolean) {
    this.options = options;
    this.spoiled = spoiled;
  }

  private get worker(): Worker {
    if (!this.thread) throw new Error('the conformance worker thread was stopped or never started');
    return this.thread.worker;
  }

  on(event: string, listener: Listener): void {
    this.worker.on(event, listener);
    this.listeners.push([event, listener]);
  }

  // Vitest removes its exit listener when it stops the runner, also when start() failed and there is no thread: it
  // never added one then, and throwing here only buried the start's own error under a second one.
  off(event: string, listener: Listener): void {
    this.thread?.worker.off(event, listener);
    const at = this.listeners.findIndex(([e, l]) => e === event && l === listener);
    if (at >= 0) this.listeners.splice(at, 1);
  }

  send(message: WorkerRequest): void {
    this.worker.postMessage(message);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  async start(): Promise<void> {
    if (this.thread) return;
    const key = keyOf(this.options);
    this.thread = take(key) ?? {
      // The thread's own output goes to this process's (vitest sends console output over its RPC). A stream piped
      // elsewhere would hold the thread's port open while it waits for data, and a parked thread would then keep the
      // process alive.
      worker: new Worker(threadCode(import.meta.resolve('vitest/worker')), {
        eval: true,
        env: this.options.env,
        execArgv: this.options.execArgv,
      }),
      key,
      runs: 0,
    };
    if (this.thread.runs === 0) counts.started++;
    this.thread.runs++;
    this.on('error', this.spoil);
    this.on('exit', this.spoil);
    this.on('message', (message) => {
      const response = message as { __vitest_worker_response__?: boolean; type?: string; error?: unknown };
      if (response?.__vitest_worker_response__ && response.type === 'stopped' && response.error !== undefined)
        this.spoil();
    });
  }

  async stop(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = undefined;
    for (const [event, listener] of this.listeners) thread.worker.off(event, listener);
    this.listeners.length = 0;
    if (this.reusable && !this.spoiled() && thread.runs < limits.maxRuns && parked.length < limits.maxParked)
      park(thread);
    else await end(thread);
  }
}

/** The pool of one run. When vitest stops the run's thread, `spoiled()` true ends it instead of parking it. */
export function reusedThreads(spoiled: () => boolean): PoolRunnerInitializer {
  return { name: NAME, createPoolWorker: (options) => new ReusedThread(options, spoiled) };
}
