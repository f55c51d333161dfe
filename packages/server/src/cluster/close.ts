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
  const open: string[] = [];
  const closing: string[] = [];
  const failed: string[] = [];
  for (const id of ids) {
    const state = host.jobState(id);
    if (state === 'opening' || state === 'opened') open.push(id);
    else if (state === 'closing') closing.push(id);
    else if (state === 'failed') failed.push(id);
  }
  if (failed.length > 0 && !options.force) {
    // "More than one" counts every expanded job, closed ones included (CJ-STATE-005).
    throw conflict(
      ids.length === 1
        ? `cannot close job [${failed[0]}] because it failed, use force close`
        : 'one or more jobs have state failed, use force close',
    );
  }
  // Failed jobs are left only when forced: they join the open list.
  open.push(...failed);
  stopDatafeedsOfJobs(host, open, options.force);
  if (open.length === 0 && closing.length === 0) return null;
  if (options.force) {
    // CJ-FORCE-001, CJ-FORCE-003: remove every task at once, no flush and no wait.
    for (const id of [...open, ...closing]) host.removeTask(id);
    return null;
  }
  const involved: Task[] = [];
  const nodeCloses: Promise<void>[] = [];
  for (const id of open) {
    const job = host.job(id);
    const task = job.task!;
    involved.push(task);
    // A job whose process has not started is closed by completing its task straight away (CJ-STATE-008).
    if (task.state === 'opening') host.removeTask(id);
    else nodeCloses.push(startNodeClose(host, id, job, task));
  }
  // Closing jobs get no new request; they are only waited on (CJ-STATE-007).
  for (const id of closing) involved.push(host.job(id).task!);
  return waitForTasksGone(host, involved, nodeCloses, options.timeout);
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
 * completes or fails.
 */
function startNodeClose(host: CloseHost, id: string, job: JobEntry, task: Task): Promise<void> {
  host.setTaskState(id, task, 'closing');
  return new Promise<void>((resolve, reject) => {
    task.nodeClose = { resolve, reject };
    const delay = job.behaviour.closeDelayMs ?? host.closeDelayMs();
    // Removing a task cancels its pending finish, so this runs only while the task is the job's.
    host.finishLater(task, delay, job.behaviour.holdClose, () => {
      if (job.behaviour.closeFailure) {
        task.nodeClose = undefined;
        host.setTaskState(id, task, 'failed');
        return reject(processCloseError());
      }
      host.markFinished(id);
      host.removeTask(id);
    });
  });
}

/**
 * Waits until every task is gone, bounded by `timeout`; 0 and -1 do not wait (CJ-TIMEOUT-001,
 * CJ-TIMEOUT-005).
 */
function waitForTasksGone(
  host: CloseHost,
  tasks: Task[],
  nodeCloses: Promise<void>[],
  timeout: TimeValue,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let timer: Timer | undefined;
    const listeners: [Task, () => void][] = [];
    // Settling twice is harmless (a promise settles once), so a late failure after the end changes nothing.
    const finish = (error?: EsError): void => {
      host.cancel(timer);
      for (const [task, listener] of listeners) task.listeners.delete(listener);
      if (error) reject(error);
      else resolve();
    };
    // The tasks not removed yet: each task's listener updates only its own entry, so waiting on n tasks
    // costs O(n) in all, not a scan of every task at each change.
    const pending = new Set<Task>();
    for (const task of tasks) if (!task.removed) pending.add(task);
    for (const nodeClose of nodeCloses) nodeClose.catch((error: EsError) => finish(error));
    if (pending.size === 0) return finish();
    // Built only when the wait times out: an error captures a stack trace, which cost 2.4 % of the server's
    // time in the bench's open+close cycle when every close built one.
    const timedOut = (): EsError =>
      esError(
        500,
        'illegal_state_exception',
        `Timed out when waiting for persistent tasks after ${formatTimeValue(timeout)}`,
      );
    const ms = toMillis(timeout);
    if (ms <= 0) return finish(timedOut());
    for (const task of pending) {
      const check = (): void => {
        if (!task.removed) return;
        pending.delete(task);
        if (pending.size === 0) finish();
      };
      listeners.push([task, check]);
      task.listeners.add(check);
    }
    timer = host.schedule(ms, () => finish(timedOut()));
  });
}

/** CJ-STATE-009: the node failed to close the process; status_exception wrapping `exception`, 500. */
export function processCloseError(): EsError {
  return esError(500, 'status_exception', 'Exception closing autodetect process', {
    type: 'exception',
    reason: 'Exception closing autodetect process',
  });
}
