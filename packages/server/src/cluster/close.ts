// The close-job pipeline of TransportCloseJobAction (CJ-STATE-002, CJ-FORCE-001, CJ-TIMEOUT-001): expand,
// refuse failed jobs, stop the datafeeds, then close each job on the node (or remove its task at once when
// forced) and wait for the tasks.
import { conflict, esError, type EsError } from '../rules/error-envelope.js';
import { formatTimeValue, toMillis, type TimeValue } from '../rules/duration.js';
import type { JobState } from '@mlclose/schema';
import type { CloseOptions, DatafeedEntry, JobEntry, Task, Timer } from './cluster.js';

/** What the close pipeline needs of the cluster: its state, read and changed only through these. */
export interface CloseHost {
  expandJobs(expression: string, allowNoMatch: boolean): string[];
  jobState(id: string): JobState;
  /** The entry of a job known to exist. */
  job(id: string): JobEntry;
  datafeedOfJob(jobId: string): DatafeedEntry | undefined;
  stopDatafeedEntries(datafeeds: DatafeedEntry[], force: boolean): EsError | undefined;
  removeTask(id: string): void;
  setTaskState(id: string, task: Task, state: Task['state']): void;
  schedule(ms: number, run: () => void): Timer;
  /** Runs `run` after `ms`, or when test control releases the task if `hold` is set. */
  finishLater(task: Task, ms: number, hold: boolean | undefined, run: () => void): void;
  cancel(timer: Timer | undefined): void;
  /** How long a normal close takes on the node, unless the job's test-control behaviour says otherwise. */
  closeDelayMs(): number;
  /** Records the job's `finished_time`: its process closed normally. */
  markFinished(id: string): void;
}

/** The 429 of CJ-UPG-001 while ML upgrade mode is on. */
export function upgradeModeError(action: string): EsError {
  return esError(429, 'status_exception', `Cannot perform ${action} action while upgrade mode is enabled`);
}

/**
 * Closes the jobs an expression matches (TransportCloseJobAction.doExecute). Resolves when the close is done,
 * or answers null when it is already done (nothing to wait for), so a no-op close needs no asynchronous step.
 * Throws what fails before any waiting.
 */
export function startCloseJobs(
  host: CloseHost,
  expression: string,
  options: CloseOptions,
): Promise<void> | null {
  const ids = host.expandJobs(expression, options.allowNoMatch);
  // Made only when a job needs them: the usual close is of jobs already closed, which need none.
  let open: string[] | undefined;
  let closing: string[] | undefined;
  let failed: string[] | undefined;
  for (const id of ids) {
    const state = host.jobState(id);
    if (state === 'opening' || state === 'opened') {
      open ??= [];
      open.push(id);
    } else if (state === 'closing') {
      closing ??= [];
      closing.push(id);
    } else if (state === 'failed') {
      failed ??= [];
      failed.push(id);
    }
  }
  if (failed !== undefined && !options.force) {
    // "More than one" counts every expanded job, closed ones included (CJ-STATE-005).
    throw conflict(
      ids.length === 1
        ? `cannot close job [${failed[0]}] because it failed, use force close`
        : 'one or more jobs have state failed, use force close',
    );
  }
  // Failed jobs are left only when forced: they join the open list.
  if (failed !== undefined) open = open === undefined ? failed : open.concat(failed);
  // The datafeeds to stop are those of the jobs left open (failed ones too, when forced).
  if (open !== undefined) stopDatafeedsOfJobs(host, open, options.force);
  if (open === undefined && closing === undefined) return null;
  open ??= [];
  closing ??= [];
  if (options.force) {
    // CJ-FORCE-001, CJ-FORCE-003: remove every task at once, no flush and no wait.
    for (const id of open) host.removeTask(id);
    for (const id of closing) host.removeTask(id);
    return null;
  }
  // One wait for the whole request: each job costs its task's entry, not a promise and closures of its own, which
  // kept a close of 100,000 jobs busy collecting garbage (CJ-TIMEOUT-001 bounds the wait).
  const wait = new TasksWait(host, options.timeout);
  for (const id of open) {
    const job = host.job(id);
    const task = job.task!;
    // A job whose process has not started is closed by completing its task straight away (CJ-STATE-008).
    if (task.state === 'opening') {
      host.removeTask(id);
      continue;
    }
    wait.add(task);
    startNodeClose(host, id, job, task, wait.fail);
  }
  // Closing jobs get no new request; they are only waited on (CJ-STATE-007).
  for (const id of closing) wait.add(host.job(id).task!);
  return wait.start();
}

/**
 * CJ-DATAFEED-001, CJ-DATAFEED-003, CJ-DATAFEED-004: stop the jobs' datafeeds first; if one cannot be
 * stopped, the 409 wrapper, nothing closed.
 */
function stopDatafeedsOfJobs(host: CloseHost, jobIds: string[], force: boolean): void {
  const running: DatafeedEntry[] = [];
  for (const id of jobIds) {
    const datafeed = host.datafeedOfJob(id);
    if (datafeed && datafeed.state !== 'stopped') running.push(datafeed);
  }
  const failure = host.stopDatafeedEntries(running, force);
  if (failure) {
    const names = running.map((datafeed) => datafeed.config.datafeed_id).join(',');
    throw conflict(
      `failed to close jobs as one or more had started datafeeds that could not be stopped: started datafeeds [${names}], error stopping them [${failure.cause_.reason}]`,
      failure.cause_,
    );
  }
}

/**
 * The node-level close (CJ-STATE-002, CJ-STATE-009): state `closing`, then after the node's delay the task
 * completes, or fails and `fail` gets the error.
 */
function startNodeClose(
  host: CloseHost,
  id: string,
  job: JobEntry,
  task: Task,
  fail: (error: EsError) => void,
): void {
  host.setTaskState(id, task, 'closing');
  task.nodeCloseFailed = fail;
  const delay = job.behaviour.closeDelayMs ?? host.closeDelayMs();
  // Removing a task cancels its pending finish, so this runs only while the task is the job's.
  host.finishLater(task, delay, job.behaviour.holdClose, () => {
    task.nodeCloseFailed = undefined;
    if (job.behaviour.closeFailure) {
      host.setTaskState(id, task, 'failed');
      return fail(processCloseError());
    }
    host.markFinished(id);
    host.removeTask(id);
  });
}

/**
 * Waits until every task added is gone, bounded by `timeout`; 0 and -1 do not wait (CJ-TIMEOUT-001,
 * CJ-TIMEOUT-005). A node close that fails ends the wait with its error (CJ-STATE-009).
 */
class TasksWait {
  /** The tasks not removed yet: a task's change looks only at that task, so n tasks cost O(n) in all. */
  private readonly pending = new Set<Task>();
  private timer: Timer | undefined;
  private settled = false;
  private resolve: () => void = () => {};
  private reject: (error: EsError) => void = () => {};
  readonly done = new Promise<void>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  constructor(
    private readonly host: CloseHost,
    private readonly timeout: TimeValue,
  ) {}

  add(task: Task): void {
    this.pending.add(task);
  }

  /** Ends the wait with `error` (a node close failed); a wait already ended is left as it was. */
  readonly fail = (error: EsError): void => this.finish(error);

  /** Called by a task on every change of its state: the wait ends once no task is left. */
  private readonly changed = (task: Task): void => {
    if (!task.removed) return;
    this.pending.delete(task);
    task.listeners.delete(this.changed);
    if (this.pending.size === 0) this.finish();
  };

  /** Starts waiting for the tasks added; resolves when they are gone. */
  start(): Promise<void> {
    if (this.settled) return this.done;
    for (const task of this.pending) if (task.removed) this.pending.delete(task);
    if (this.pending.size === 0) this.finish();
    else {
      const ms = toMillis(this.timeout);
      if (ms <= 0) this.finish(this.timedOut());
      else {
        for (const task of this.pending) task.listeners.add(this.changed);
        this.timer = this.host.schedule(ms, () => this.finish(this.timedOut()));
      }
    }
    return this.done;
  }

  // Built only when the wait times out: an error captures a stack trace, which cost 2.4 % of the server's time in
  // the bench's open+close cycle when every close built one.
  private timedOut(): EsError {
    return esError(
      500,
      'illegal_state_exception',
      `Timed out when waiting for persistent tasks after ${formatTimeValue(this.timeout)}`,
    );
  }

  /** Settling twice is harmless, so a late failure after the end changes nothing. */
  private finish(error?: EsError): void {
    if (this.settled) return;
    this.settled = true;
    this.host.cancel(this.timer);
    for (const task of this.pending) task.listeners.delete(this.changed);
    this.pending.clear();
    if (error) this.reject(error);
    else this.resolve();
  }
}

/** CJ-STATE-009: the node failed to close the process; status_exception wrapping `exception`, 500. */
export function processCloseError(): EsError {
  return esError(500, 'status_exception', 'Exception closing autodetect process', {
    type: 'exception',
    reason: 'Exception closing autodetect process',
  });
}
