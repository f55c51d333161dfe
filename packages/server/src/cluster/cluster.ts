// The cluster model: jobs with their persistent tasks, datafeeds and indices, with the close-job pipeline of
// close-job-behaviour.md §3 and §4. All state changes happen synchronously on the event loop, so each request
// sees a consistent cluster; only the node-side work (opening, closing) takes time, through timers.
import { randomBytes, randomUUID } from 'node:crypto';
import type { DatafeedState, Job, JobState } from '@mlclose/schema';
import { conflict, esError, missingDatafeed, missingJob, type EsError } from '../rules/error-envelope.js';
import { expandIndexed, IdIndex } from '../rules/expand-ids.js';
import { formatTimeValue, toMillis, type TimeValue } from '../rules/duration.js';
import type { PersistedDatafeed, PersistedIndex, PersistedTask, Store, StoredJob } from './store.js';

/** setTimeout's ceiling; longer timeouts are capped (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

interface Task extends PersistedTask {
  removed: boolean;
  timer?: NodeJS.Timeout;
  /** Settles the node-level close started on this task (§3.3), if any. */
  nodeClose?: { resolve: () => void; reject: (error: EsError) => void };
  listeners: Set<() => void>;
}

interface JobEntry {
  config: StoredJob;
  task: Task | null;
  behaviour: { closeDelayMs?: number; openDelayMs?: number; closeFailure?: boolean };
}

interface DatafeedEntry extends PersistedDatafeed {
  behaviour: { refuseStop?: boolean; stopFailureReason?: string };
}

export interface ClusterOptions {
  store: Store;
  closeDelayMs: number;
  openDelayMs: number;
}

export interface CloseOptions {
  force: boolean;
  timeout: TimeValue;
  allowNoMatch: boolean;
}

export interface NodeInfo {
  id: string;
  name: string;
  ephemeral_id: string;
  transport_address: string;
  external_id: string;
  attributes: Record<string, string>;
  roles: string[];
}

function base64Id(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

export class Cluster {
  readonly node: NodeInfo;
  readonly clusterUuid: string;
  upgradeMode = false;
  private readonly jobs = new Map<string, JobEntry>();
  private readonly datafeeds = new Map<string, DatafeedEntry>();
  private readonly indices = new Map<string, PersistedIndex>();
  /** Job ids and groups (group → members, ids sorted), kept in step with `jobs`. */
  private readonly jobIndex = new IdIndex();
  /** Datafeed ids, kept in step with `datafeeds`. */
  private readonly datafeedIndex = new IdIndex();
  /** Job id → its datafeeds' ids, in the order of `datafeeds`. */
  private readonly datafeedsByJob = new Map<string, Set<string>>();
  private nextAllocationId = 1;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: ClusterOptions) {
    const snapshot = options.store.load();
    let uuid = snapshot.meta.cluster_uuid;
    if (!uuid) {
      uuid = base64Id();
      options.store.putMeta('cluster_uuid', uuid);
    }
    this.clusterUuid = uuid;
    let nodeId = snapshot.meta.node_id;
    if (!nodeId) {
      nodeId = base64Id();
      options.store.putMeta('node_id', nodeId);
    }
    this.node = {
      id: nodeId,
      name: 'node-1',
      ephemeral_id: base64Id(),
      transport_address: '127.0.0.1:9300',
      external_id: 'node-1',
      attributes: {
        'ml.allocated_processors': '2',
        'ml.config_version': '12.0.0',
        'ml.machine_memory': '8589934592',
        'ml.max_jvm_size': '4294967296',
        'transform.config_version': '10.0.0',
        'xpack.installed': 'true',
      },
      roles: ['data', 'ingest', 'master', 'ml', 'remote_cluster_client', 'transform'],
    };
    // Restart recovery: a node restart finishes what was in flight. A closing job is closed, an opening job is
    // opened, a failed job stays failed; datafeeds settle likewise and stop if their job is no longer open.
    for (const job of snapshot.jobs) {
      let task: Task | null = null;
      if (job.task && job.task.state !== 'closing') {
        const state = job.task.state === 'opening' ? 'opened' : job.task.state;
        task = { ...job.task, state, removed: false, listeners: new Set() };
        this.nextAllocationId = Math.max(this.nextAllocationId, job.task.allocationId + 1);
      }
      this.jobs.set(job.config.job_id, { config: job.config, task, behaviour: {} });
      this.jobIndex.add(job.config.job_id, job.config.groups);
      if (task?.state !== job.task?.state) this.persistJob(job.config.job_id);
    }
    for (const datafeed of snapshot.datafeeds) {
      const jobState = this.jobState(datafeed.config.job_id);
      let state: DatafeedState =
        datafeed.state === 'starting'
          ? 'started'
          : datafeed.state === 'stopping'
            ? 'stopped'
            : datafeed.state;
      if (state === 'started' && jobState !== 'opened') state = 'stopped';
      this.addDatafeedEntry({ ...datafeed, state, behaviour: {} });
      if (state !== datafeed.state) this.persistDatafeed(datafeed.config.datafeed_id);
    }
    for (const index of snapshot.indices) this.indices.set(index.name, index);
  }

  // ---- plumbing -------------------------------------------------------------------------------------------

  private schedule(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        run();
      },
      Math.min(Math.max(ms, 0), MAX_TIMER_MS),
    );
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Stops every timer (server shutdown). */
  shutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private persistJob(id: string): void {
    const job = this.jobs.get(id);
    if (!job) return;
    const task = job.task
      ? { state: job.task.state, allocationId: job.task.allocationId, startedAt: job.task.startedAt }
      : null;
    this.options.store.putJob({ config: job.config, task });
  }

  private persistDatafeed(id: string): void {
    const datafeed = this.datafeeds.get(id);
    if (datafeed) this.options.store.putDatafeed({ config: datafeed.config, state: datafeed.state });
  }

  private notify(task: Task): void {
    for (const listener of [...task.listeners]) listener();
  }

  private setTaskState(id: string, task: Task, state: Task['state']): void {
    task.state = state;
    this.persistJob(id);
    this.notify(task);
  }

  /** Removes a job's persistent task: the job is then `closed` (§3.1). */
  private removeTask(id: string): void {
    const job = this.jobs.get(id);
    const task = job?.task;
    if (!job || !task) return;
    job.task = null;
    task.removed = true;
    this.cancel(task.timer);
    this.persistJob(id);
    // A node-level close whose task vanished counts as closed (ResourceNotFoundException is swallowed, §3.3).
    task.nodeClose?.resolve();
    this.notify(task);
  }

  /** §3.1: no task → closed, otherwise the task's state. */
  jobState(id: string): JobState {
    return this.jobs.get(id)?.task?.state ?? 'closed';
  }

  private expandJobs(expression: string, allowNoMatch: boolean): string[] {
    const result = expandIndexed(expression, this.jobIndex, allowNoMatch);
    if (!result.ok) throw missingJob(result.unmatched.join(','));
    return result.ids;
  }

  private expandDatafeeds(expression: string, allowNoMatch: boolean): string[] {
    const result = expandIndexed(expression, this.datafeedIndex, allowNoMatch);
    if (!result.ok) throw missingDatafeed(result.unmatched.join(','));
    return result.ids;
  }

  /** The job's first datafeed, in the order of `datafeeds` (there is at most one). */
  private datafeedOfJob(jobId: string): DatafeedEntry | undefined {
    const ids = this.datafeedsByJob.get(jobId);
    if (ids === undefined) return undefined;
    for (const id of ids) return this.datafeeds.get(id);
    return undefined;
  }

  private addDatafeedEntry(entry: DatafeedEntry): void {
    const id = entry.config.datafeed_id;
    const previous = this.datafeeds.get(id);
    if (previous) this.datafeedsByJob.get(previous.config.job_id)?.delete(id);
    this.datafeeds.set(id, entry);
    this.datafeedIndex.add(id);
    let ids = this.datafeedsByJob.get(entry.config.job_id);
    if (ids === undefined) this.datafeedsByJob.set(entry.config.job_id, (ids = new Set()));
    ids.add(id);
  }

  // ---- close (§3.2–§3.5, §4) ------------------------------------------------------------------------------

  /** Throws the 429 of §3.6 while ML upgrade mode is on (checked after authorization, §1.7). */
  checkUpgradeMode(action: string): void {
    if (this.upgradeMode) {
      throw esError(429, 'status_exception', `Cannot perform ${action} action while upgrade mode is enabled`);
    }
  }

  /** Closes the jobs an expression matches; resolves when the close is done (§3.2). */
  closeJobs(expression: string, options: CloseOptions): Promise<void> {
    return this.startCloseJobs(expression, options) ?? Promise.resolve();
  }

  /**
   * closeJobs, answering null instead of a promise when the close is already done (nothing to wait for), so a
   * no-op close needs no asynchronous step. Throws, like closeJobs, what fails before any waiting.
   */
  startCloseJobs(expression: string, options: CloseOptions): Promise<void> | null {
    const ids = this.expandJobs(expression, options.allowNoMatch);
    const open: string[] = [];
    const closing: string[] = [];
    const failed: string[] = [];
    for (const id of ids) {
      const state = this.jobState(id);
      if (state === 'opening' || state === 'opened') open.push(id);
      else if (state === 'closing') closing.push(id);
      else if (state === 'failed') failed.push(id);
    }
    if (failed.length > 0 && !options.force) {
      // "More than one" counts every expanded job, closed ones included (§3.2 step 2).
      throw conflict(
        ids.length === 1
          ? `cannot close job [${failed[0]}] because it failed, use force close`
          : 'one or more jobs have state failed, use force close',
      );
    }
    if (options.force) open.push(...failed);
    this.stopDatafeedsOfJobs(open, options.force);
    if (open.length === 0 && closing.length === 0) return null;
    if (options.force) {
      // §3.4: remove every task at once, no flush and no wait.
      for (const id of [...open, ...closing]) this.removeTask(id);
      return null;
    }
    const involved: Task[] = [];
    const nodeCloses: Promise<void>[] = [];
    for (const id of open) {
      const job = this.jobs.get(id)!;
      const task = job.task!;
      involved.push(task);
      // A job whose process has not started is closed by completing its task straight away (§3.3).
      if (task.state === 'opening') this.removeTask(id);
      else nodeCloses.push(this.startNodeClose(id, job, task));
    }
    // Closing jobs get no new request; they are only waited on (§3.3).
    for (const id of closing) involved.push(this.jobs.get(id)!.task!);
    return this.waitForTasksGone(involved, nodeCloses, options.timeout);
  }

  /** §3.2 step 3: stop the jobs' datafeeds first; if one cannot be stopped, the 409 wrapper, nothing closed. */
  private stopDatafeedsOfJobs(jobIds: string[], force: boolean): void {
    const running: DatafeedEntry[] = [];
    for (const id of jobIds) {
      const datafeed = this.datafeedOfJob(id);
      if (datafeed && datafeed.state !== 'stopped') running.push(datafeed);
    }
    if (running.length === 0) return;
    const failure = this.stopDatafeedEntries(running, force);
    if (failure) {
      const names = running.map((datafeed) => datafeed.config.datafeed_id).join(',');
      throw conflict(
        `failed to close jobs as one or more had started datafeeds that could not be stopped: started datafeeds [${names}], error stopping them [${failure.cause_.reason ?? 'null'}]`,
        failure.cause_,
      );
    }
  }

  /**
   * Stops datafeeds; those that refuse (test control) stay started. Returns the first failure. A force stop
   * differs in Elasticsearch only by isolating the datafeed first (§3.2), which has no visible effect here, so
   * `_force` does not change the outcome: a refusing datafeed refuses a force stop too.
   */
  private stopDatafeedEntries(datafeeds: DatafeedEntry[], _force: boolean): EsError | undefined {
    let failure: EsError | undefined;
    for (const datafeed of datafeeds) {
      if (datafeed.state === 'stopped') continue;
      if (datafeed.behaviour.refuseStop) {
        const id = datafeed.config.datafeed_id;
        failure ??= conflict(datafeed.behaviour.stopFailureReason ?? `datafeed [${id}] refused to stop`);
        continue;
      }
      datafeed.state = 'stopped';
      this.persistDatafeed(datafeed.config.datafeed_id);
    }
    return failure;
  }

  /** The node-level close (§3.3): state `closing`, then after the node's delay the task completes or fails. */
  private startNodeClose(id: string, job: JobEntry, task: Task): Promise<void> {
    this.setTaskState(id, task, 'closing');
    return new Promise<void>((resolve, reject) => {
      task.nodeClose = { resolve, reject };
      const delay = job.behaviour.closeDelayMs ?? this.options.closeDelayMs;
      task.timer = this.schedule(delay, () => {
        task.timer = undefined;
        if (job.task !== task) return resolve();
        if (job.behaviour.closeFailure) {
          task.nodeClose = undefined;
          this.setTaskState(id, task, 'failed');
          return reject(processCloseError());
        }
        this.removeTask(id);
      });
    });
  }

  /** Waits until every task is gone, bounded by `timeout`; 0 and -1 do not wait (§4, §9.1). */
  private waitForTasksGone(tasks: Task[], nodeCloses: Promise<void>[], timeout: TimeValue): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      const listeners: [Task, () => void][] = [];
      const finish = (error?: EsError): void => {
        if (done) return;
        done = true;
        this.cancel(timer);
        for (const [task, listener] of listeners) task.listeners.delete(listener);
        if (error) reject(error);
        else resolve();
      };
      // The tasks not removed yet: each task's listener updates only its own entry, so waiting on n tasks
      // costs O(n) in all, not a scan of every task at each change.
      const pending = new Set<Task>();
      for (const task of tasks) if (!task.removed) pending.add(task);
      for (const nodeClose of nodeCloses) nodeClose.catch((error: EsError) => finish(error));
      if (pending.size === 0) finish();
      if (done) return;
      const timedOut = esError(
        500,
        'illegal_state_exception',
        `Timed out when waiting for persistent tasks after ${formatTimeValue(timeout)}`,
      );
      const ms = toMillis(timeout);
      if (ms <= 0) return finish(timedOut);
      for (const task of pending) {
        const check = (): void => {
          if (!task.removed) return;
          pending.delete(task);
          if (pending.size === 0) finish();
        };
        listeners.push([task, check]);
        task.listeners.add(check);
      }
      timer = this.schedule(ms, () => finish(timedOut));
    });
  }

  // ---- jobs -----------------------------------------------------------------------------------------------

  hasJob(id: string): boolean {
    return this.jobs.has(id);
  }

  hasGroupOrJob(name: string): boolean {
    return this.jobs.has(name) || this.jobIndex.isGroup(name);
  }

  /** Is `name` the group of some job? O(1), from the group index. */
  isGroup(name: string): boolean {
    return this.jobIndex.isGroup(name);
  }

  createJob(config: StoredJob): Job {
    if (this.jobs.has(config.job_id)) this.jobIndex.remove(config.job_id);
    this.jobs.set(config.job_id, { config, task: null, behaviour: {} });
    this.jobIndex.add(config.job_id, config.groups);
    this.persistJob(config.job_id);
    return config;
  }

  getJobs(expression: string, allowNoMatch: boolean): Job[] {
    return this.expandJobs(expression, allowNoMatch).map((id) => this.jobs.get(id)!.config);
  }

  deleteJob(id: string, force: boolean): void {
    const job = this.jobs.get(id);
    if (!job) throw missingJob(id);
    const state = this.jobState(id);
    if (!force && state !== 'closed') throw conflict(`Cannot delete job [${id}] because the job is ${state}`);
    const datafeed = this.datafeedOfJob(id);
    if (datafeed && !force) {
      throw conflict(
        `Cannot delete job [${id}] because datafeed [${datafeed.config.datafeed_id}] refers to it`,
      );
    }
    this.removeTask(id);
    if (datafeed) this.removeDatafeed(datafeed.config.datafeed_id);
    this.jobs.delete(id);
    this.jobIndex.remove(id);
    this.options.store.deleteJob(id);
  }

  /** Opens a job and waits until it is `opened` (the open-job predicate of TransportOpenJobAction). */
  openJob(id: string, timeout: TimeValue): Promise<string> {
    const job = this.jobs.get(id);
    if (!job) throw missingJob(id);
    let task = job.task;
    if (!task) {
      task = {
        state: 'opening',
        allocationId: this.nextAllocationId++,
        startedAt: Date.now(),
        removed: false,
        listeners: new Set(),
      };
      job.task = task;
      this.persistJob(id);
      const opening = task;
      opening.timer = this.schedule(job.behaviour.openDelayMs ?? this.options.openDelayMs, () => {
        opening.timer = undefined;
        if (job.task === opening && opening.state === 'opening') this.setTaskState(id, opening, 'opened');
      });
    }
    const waited = task;
    return new Promise<string>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (error?: EsError): void => {
        waited.listeners.delete(check);
        this.cancel(timer);
        if (error) reject(error);
        else resolve(this.node.id);
      };
      const check = (): void => {
        if (waited.removed || waited.state === 'closing') {
          finish(conflict('The job has been closed while waiting to be opened'));
        } else if (waited.state === 'opened') {
          finish();
        } else if (waited.state === 'failed') {
          finish(conflict(`Unexpected job state [failed] while waiting for job to be opened`));
        }
      };
      waited.listeners.add(check);
      check();
      if (!waited.listeners.has(check)) return;
      const ms = toMillis(timeout);
      timer = this.schedule(ms < 0 ? MAX_TIMER_MS : ms, () =>
        finish(
          esError(500, 'exception', `Opening job [${id}] timed out after [${formatTimeValue(timeout)}]`),
        ),
      );
    });
  }

  jobStats(expression: string, allowNoMatch: boolean): Record<string, unknown>[] {
    return this.expandJobs(expression, allowNoMatch).map((id) => {
      const job = this.jobs.get(id)!;
      const task = job.task;
      const now = Date.now();
      const stats: Record<string, unknown> = {
        job_id: id,
        data_counts: {
          job_id: id,
          processed_record_count: 0,
          processed_field_count: 0,
          input_bytes: 0,
          input_field_count: 0,
          invalid_date_count: 0,
          missing_field_count: 0,
          out_of_order_timestamp_count: 0,
          empty_bucket_count: 0,
          sparse_bucket_count: 0,
          bucket_count: 0,
          input_record_count: 0,
        },
        model_size_stats: {
          job_id: id,
          result_type: 'model_size_stats',
          model_bytes: 0,
          peak_model_bytes: 0,
          model_bytes_exceeded: 0,
          model_bytes_memory_limit: 1073741824,
          total_by_field_count: 0,
          total_over_field_count: 0,
          total_partition_field_count: 0,
          bucket_allocation_failures_count: 0,
          memory_status: 'ok',
          categorized_doc_count: 0,
          total_category_count: 0,
          frequent_category_count: 0,
          rare_category_count: 0,
          dead_category_count: 0,
          failed_category_count: 0,
          categorization_status: 'ok',
          log_time: now,
        },
        forecasts_stats: { total: 0, forecasted_jobs: 0 },
        state: this.jobState(id),
      };
      // node and open_time only while the job has a task (§3.1, CJ-STATE-010).
      if (task) {
        stats.node = this.node;
        stats.assignment_explanation = '';
        stats.open_time = `${Math.max(0, Math.floor((now - task.startedAt) / 1000))}s`;
      }
      stats.timing_stats = { job_id: id, bucket_count: 0, total_bucket_processing_time_ms: 0 };
      return stats;
    });
  }

  // ---- datafeeds ------------------------------------------------------------------------------------------

  hasDatafeed(id: string): boolean {
    return this.datafeeds.has(id);
  }

  createDatafeed(config: PersistedDatafeed['config']): PersistedDatafeed['config'] {
    const existing = this.datafeedOfJob(config.job_id);
    if (existing) {
      throw conflict(`A datafeed [${existing.config.datafeed_id}] already exists for job [${config.job_id}]`);
    }
    this.addDatafeedEntry({ config, state: 'stopped', behaviour: {} });
    this.persistDatafeed(config.datafeed_id);
    return config;
  }

  private removeDatafeed(id: string): void {
    const datafeed = this.datafeeds.get(id);
    if (datafeed) {
      const ids = this.datafeedsByJob.get(datafeed.config.job_id);
      ids?.delete(id);
      if (ids?.size === 0) this.datafeedsByJob.delete(datafeed.config.job_id);
    }
    this.datafeeds.delete(id);
    this.datafeedIndex.remove(id);
    this.options.store.deleteDatafeed(id);
  }

  deleteDatafeed(id: string, force: boolean): void {
    const datafeed = this.datafeeds.get(id);
    if (!datafeed) throw missingDatafeed(id);
    if (!force && datafeed.state !== 'stopped') {
      throw conflict(`Cannot delete datafeed [${id}] while its status is ${datafeed.state}`);
    }
    this.removeDatafeed(id);
  }

  startDatafeed(id: string): string {
    const datafeed = this.datafeeds.get(id);
    if (!datafeed) throw missingDatafeed(id);
    const jobId = datafeed.config.job_id;
    const jobState = this.jobState(jobId);
    if (jobState !== 'opening' && jobState !== 'opened') {
      throw conflict(`cannot start datafeed [${id}] because job [${jobId}] is ${jobState}`);
    }
    if (datafeed.state !== 'stopped') {
      throw conflict(`cannot start datafeed [${id}] because it has already been started`);
    }
    for (const index of datafeed.config.indices) {
      // Concrete local index names must exist; patterns and remote indices are resolved at search time.
      if (index.includes('*') || index.includes(':') || this.indices.has(index)) continue;
      throw conflict(
        `Could not start datafeed, allocation explanation [cannot start datafeed [${id}] because index [${index}] does not exist, is closed, or is still initializing.]`,
      );
    }
    datafeed.state = 'started';
    this.persistDatafeed(id);
    return this.node.id;
  }

  stopDatafeeds(expression: string, options: { force: boolean; allowNoMatch: boolean }): void {
    const ids = this.expandDatafeeds(expression, options.allowNoMatch);
    const failure = this.stopDatafeedEntries(
      ids.map((id) => this.datafeeds.get(id)!),
      options.force,
    );
    if (failure) throw failure;
  }

  datafeedStats(expression: string, allowNoMatch: boolean): Record<string, unknown>[] {
    return this.expandDatafeeds(expression, allowNoMatch).map((id) => {
      const datafeed = this.datafeeds.get(id)!;
      const stats: Record<string, unknown> = { datafeed_id: id, state: datafeed.state };
      if (datafeed.state !== 'stopped') {
        stats.node = this.node;
        stats.assignment_explanation = '';
      }
      stats.timing_stats = {
        job_id: datafeed.config.job_id,
        search_count: 0,
        bucket_count: 0,
        total_search_time_ms: 0,
      };
      return stats;
    });
  }

  // ---- indices --------------------------------------------------------------------------------------------

  hasIndex(name: string): boolean {
    return this.indices.has(name);
  }

  indexUuid(name: string): string | undefined {
    return this.indices.get(name)?.uuid;
  }

  createIndex(name: string, body: Record<string, unknown>): void {
    const index = { name, uuid: randomUUID().replaceAll('-', '').slice(0, 22), body };
    this.indices.set(name, index);
    this.options.store.putIndex(index);
  }

  deleteIndex(name: string): void {
    this.indices.delete(name);
    this.options.store.deleteIndex(name);
  }

  // ---- test control ---------------------------------------------------------------------------------------

  /** Deletes everything and clears every test-control setting. */
  reset(): void {
    for (const id of [...this.jobs.keys()]) this.removeTask(id);
    this.jobs.clear();
    this.jobIndex.clear();
    this.datafeeds.clear();
    this.datafeedIndex.clear();
    this.datafeedsByJob.clear();
    this.indices.clear();
    this.upgradeMode = false;
    this.options.store.clear();
  }

  /** Moves an opening, opened or closing job to `failed`, keeping its task (stats still show the node). */
  failJob(id: string): void {
    const job = this.jobs.get(id);
    if (!job) throw missingJob(id);
    const task = job.task;
    if (!task) throw conflict(`cannot fail job [${id}] because it is closed`);
    if (task.state === 'failed') return;
    this.cancel(task.timer);
    task.timer = undefined;
    const nodeClose = task.nodeClose;
    task.nodeClose = undefined;
    this.setTaskState(id, task, 'failed');
    // A close in progress on the node fails with the process (§3.3).
    nodeClose?.reject(processCloseError());
  }

  setJobBehaviour(
    id: string,
    behaviour: { closeDelayMs?: number; openDelayMs?: number; closeFailure?: boolean },
  ): void {
    const job = this.jobs.get(id);
    if (!job) throw missingJob(id);
    if (behaviour.closeDelayMs !== undefined) {
      job.behaviour.closeDelayMs = behaviour.closeDelayMs > 0 ? behaviour.closeDelayMs : undefined;
    }
    if (behaviour.openDelayMs !== undefined) {
      job.behaviour.openDelayMs = behaviour.openDelayMs > 0 ? behaviour.openDelayMs : undefined;
    }
    if (behaviour.closeFailure !== undefined) job.behaviour.closeFailure = behaviour.closeFailure;
  }

  setDatafeedBehaviour(id: string, behaviour: { refuseStop?: boolean; stopFailureReason?: string }): void {
    const datafeed = this.datafeeds.get(id);
    if (!datafeed) throw missingDatafeed(id);
    if (behaviour.refuseStop !== undefined) datafeed.behaviour.refuseStop = behaviour.refuseStop;
    if (behaviour.stopFailureReason !== undefined)
      datafeed.behaviour.stopFailureReason = behaviour.stopFailureReason;
  }
}

/** §3.3: the node failed to close the process; status_exception wrapping `exception`, 500. */
function processCloseError(): EsError {
  return esError(500, 'status_exception', 'Exception closing autodetect process', {
    type: 'exception',
    reason: 'Exception closing autodetect process',
  });
}
