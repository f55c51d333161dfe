// The cluster model: jobs with their persistent tasks, datafeeds and indices. The close-job pipeline is in
// close.ts, restart recovery in recovery.ts, the stats entries in
// stats.ts. All state changes happen synchronously on the event loop, so each request sees a consistent
// cluster; only the node-side work (opening, closing) takes time, through timers.
import type { Job, JobState } from '@mlclose/schema';
import { conflict, esError, missingDatafeed, missingJob, type EsError } from '../rules/error-envelope.js';
import { expandIndexed, IdIndex } from '../rules/expand-ids.js';
import { formatTimeValue, toMillis, type TimeValue } from '../rules/duration.js';
import { parseByteSize, toMb } from '../rules/byte-size.js';
import { modelMemoryLimitMb, setFinishedTime } from '../rules/job-config.js';
import { nodeCrypto } from '../node-crypto.js';
import { MlMemory } from './ml-memory.js';
import { processCloseError, startCloseJobs, upgradeModeError, type CloseHost } from './close.js';
import { dataCountsBody, type DataStream } from '../rules/data-counts.js';
import { checkAssignment, checkDataExtraction } from './datafeed-start.js';
import { Documents } from './documents.js';
import { createResultsLayout, createStateLayout, deleteJobData, readDataCounts } from './ml-indices.js';
import { recoveredDatafeedState, recoveredTask } from './recovery.js';
import { Scheduler, type Timer } from './scheduler.js';
import { datafeedStatsEntry, jobStatsEntry } from './stats.js';
import type { PersistedDatafeed, PersistedIndex, PersistedTask, Store, StoredJob } from './store.js';

/** setTimeout's ceiling (about 24.8 days): what an open that waits without end waits. */
const MAX_TIMER_MS = 2_147_483_647;

export type { Timer } from './scheduler.js';

export interface Task extends PersistedTask {
  removed: boolean;
  timer?: Timer;
  /** Fails the close request whose node-level close is under way on this task (CJ-STATE-009), if any. */
  nodeCloseFailed?: (error: EsError) => void;
  /** Called with the task on each change of its state. */
  listeners: Set<(task: Task) => void>;
  /** The data stream of the job's process (post-data counts, flush state), from the first post on. */
  data?: DataStream;
  /** A transition (opening → opened, or the node's close) held by test control until `releaseJob`. */
  held?: () => void;
}

export interface JobEntry {
  config: StoredJob;
  task: Task | null;
  behaviour: JobBehaviour;
}

/** A job's test-control behaviour (`PUT /_mlclose/test/anomaly_detectors/{id}/_behaviour`). */
export interface JobBehaviour {
  closeDelayMs?: number;
  openDelayMs?: number;
  closeFailure?: boolean;
  /** The node's close does not finish until the job is released. */
  holdClose?: boolean;
  /** Opening does not finish until the job is released. */
  holdOpen?: boolean;
}

export interface DatafeedEntry extends PersistedDatafeed {
  behaviour: { refuseStop?: boolean; stopFailureReason?: string };
}

export interface ClusterOptions {
  store: Store;
  closeDelayMs: number;
  openDelayMs: number;
  /** The ML node's machine memory in bytes (the `ml.machine_memory` node attribute). */
  mlNodeMemoryBytes: number;
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
  return nodeCrypto().randomBytes(16).toString('base64url').slice(0, 22);
}

export class Cluster {
  /** The ids a data directory kept from an earlier run (`cluster_uuid`, `node_id`); the others are made on first use. */
  private readonly keptIds: Readonly<Record<string, string>>;
  private ids?: { node: NodeInfo; clusterUuid: string };
  upgradeMode = false;
  /** The ML node's memory for jobs (ml-memory.ts). */
  readonly mlMemory: MlMemory;
  private readonly jobs = new Map<string, JobEntry>();
  /** Ids of the jobs whose task waits for a node (lazy open), so that a close need not scan every job. */
  private readonly waitingForNode = new Set<string>();
  private readonly datafeeds = new Map<string, DatafeedEntry>();
  private readonly indices = new Map<string, PersistedIndex>();
  /** The documents of the indices (documents.ts). */
  readonly documents: Documents;
  /** Cluster settings set with the cluster update settings API, `persistent` and `transient`. */
  settings: { persistent: Record<string, unknown>; transient: Record<string, unknown> } = {
    persistent: {},
    transient: {},
  };
  /** A cluster setting as it applies: the transient value over the persistent one, if either is set. */
  setting(key: string): unknown {
    return this.settings.transient[key] ?? this.settings.persistent[key];
  }

  /**
   * `xpack.ml.max_model_memory_limit` in MiB, when set and above 0 (unset by default): create-job caps its
   * default and rejects larger limits (AnalysisLimits.validateAndSetDefaults).
   */
  get maxModelMemoryLimitMb(): number | undefined {
    const value = this.setting('xpack.ml.max_model_memory_limit');
    if (typeof value !== 'string') return undefined;
    const mb = toMb(parseByteSize(value, 'xpack.ml.max_model_memory_limit'));
    return mb > 0 ? mb : undefined;
  }

  /**
   * `cluster.persistent_tasks.allocation.enable` is `all` (true, the default) or `none` (false): with `none`
   * no job can be opened and no datafeed started (EnableAssignmentDecider).
   */
  get persistentTaskAssignment(): boolean {
    return this.setting('cluster.persistent_tasks.allocation.enable') !== 'none';
  }

  /** Job ids and groups (group → members, ids sorted), kept in step with `jobs`. */
  private jobIndex = new IdIndex();
  /** Datafeed ids, kept in step with `datafeeds`. */
  private datafeedIndex = new IdIndex();
  /** Job id → its datafeeds' ids, in the order of `datafeeds`. */
  private readonly datafeedsByJob = new Map<string, Set<string>>();
  private nextAllocationId = 1;
  /** Every delay and timeout of the model, run in due order. */
  private readonly scheduler = new Scheduler();
  /** The cluster as the close pipeline sees it (close.ts). */
  private readonly closeHost: CloseHost = {
    expandJobs: (expression, allowNoMatch) => this.expandJobs(expression, allowNoMatch),
    jobState: (id) => this.jobState(id),
    job: (id) => this.jobs.get(id)!,
    datafeedOfJob: (jobId) => this.datafeedOfJob(jobId),
    stopDatafeedEntries: (datafeeds, force) => this.stopDatafeedEntries(datafeeds, force),
    removeTask: (id) => this.removeTask(id),
    setTaskState: (id, task, state) => this.setTaskState(id, task, state),
    schedule: (ms, run) => this.scheduler.schedule(ms, run),
    finishLater: (task, ms, hold, run) => this.finishLater(task, ms, hold, run),
    cancel: (timer) => this.scheduler.cancel(timer),
    closeDelayMs: () => this.options.closeDelayMs,
    markFinished: (id) => this.markFinished(id),
  };

  /** The cluster's uuid: kept in the data directory, if there is one, from its first use on. */
  get clusterUuid(): string {
    return this.identity().clusterUuid;
  }

  /** The one node: its id is kept like the cluster's uuid, its ephemeral id is new in every process. */
  get node(): NodeInfo {
    return this.identity().node;
  }

  /**
   * Made by the first request that needs them, not at start-up: random ids load node:crypto (see node-crypto.ts).
   * Nothing before that request could have seen them, so a server answers as one that made them as it started.
   */
  private identity(): { node: NodeInfo; clusterUuid: string } {
    if (this.ids) return this.ids;
    const kept = (key: string): string => {
      let id = this.keptIds[key];
      if (!id) {
        id = base64Id();
        this.options.store.putMeta(key, id);
      }
      return id;
    };
    const clusterUuid = kept('cluster_uuid');
    const node: NodeInfo = {
      id: kept('node_id'),
      name: 'node-1',
      ephemeral_id: base64Id(),
      transport_address: '127.0.0.1:9300',
      external_id: 'node-1',
      attributes: {
        'ml.allocated_processors': '2',
        'ml.config_version': '12.0.0',
        'ml.machine_memory': String(this.mlMemory.machineMemory),
        'ml.max_jvm_size': String(this.mlMemory.maxJvmSize),
        'transform.config_version': '10.0.0',
        'xpack.installed': 'true',
      },
      roles: ['data', 'ingest', 'master', 'ml', 'remote_cluster_client', 'transform'],
    };
    this.ids = { node, clusterUuid };
    return this.ids;
  }

  constructor(private readonly options: ClusterOptions) {
    this.documents = new Documents(options.store, this.indices, (name, body) => this.createIndex(name, body));
    const snapshot = options.store.load();
    this.keptIds = snapshot.meta;
    this.mlMemory = new MlMemory(options.mlNodeMemoryBytes);
    // Restart recovery (recovery.ts): finish what was in flight, persisting what changed.
    for (const job of snapshot.jobs) {
      const recovered = recoveredTask(job.task);
      const task: Task | null = recovered ? { ...recovered, removed: false, listeners: new Set() } : null;
      if (task) this.nextAllocationId = Math.max(this.nextAllocationId, task.allocationId + 1);
      if (task?.assigned === false) this.waitingForNode.add(job.config.job_id);
      this.jobs.set(job.config.job_id, { config: job.config, task, behaviour: {} });
      this.jobIndex.add(job.config.job_id, job.config.groups ?? []);
      if (task?.state !== job.task?.state) this.persistJob(job.config.job_id);
    }
    for (const datafeed of snapshot.datafeeds) {
      const state = recoveredDatafeedState(datafeed.state, this.jobState(datafeed.config.job_id));
      this.addDatafeedEntry({ ...datafeed, state, behaviour: {} });
      if (state !== datafeed.state) this.persistDatafeed(datafeed.config.datafeed_id);
    }
    for (const index of snapshot.indices) this.indices.set(index.name, index);
    this.documents.load(snapshot.documents);
    if (snapshot.meta.cluster_settings) this.settings.persistent = JSON.parse(snapshot.meta.cluster_settings);
    // Tasks that were waiting for a node try again (the node may have more memory now).
    this.assignWaitingTasks();
  }

  // ---- plumbing -------------------------------------------------------------------------------------------

  /**
   * Runs a task's transition after `ms`, or, while the job's behaviour holds it, keeps it until `releaseJob`
   * (test control), so tests see `opening` and `closing` for as long as they need without any sleep.
   */
  private finishLater(task: Task, ms: number, hold: boolean | undefined, run: () => void): void {
    if (hold) {
      task.held = run;
      return;
    }
    task.timer = this.scheduler.schedule(ms, () => {
      task.timer = undefined;
      run();
    });
  }

  /** Stops every timer (server shutdown). */
  shutdown(): void {
    this.scheduler.clear();
  }

  private persistJob(id: string): void {
    if (!this.options.store.durable) return;
    const job = this.jobs.get(id);
    if (!job) return;
    const task = job.task
      ? {
          state: job.task.state,
          allocationId: job.task.allocationId,
          startedAt: job.task.startedAt,
          ...(job.task.assigned === false ? { assigned: false as const } : {}),
        }
      : null;
    this.options.store.putJob({ config: job.config, task });
  }

  private persistDatafeed(id: string): void {
    if (!this.options.store.durable) return;
    const datafeed = this.datafeeds.get(id);
    if (datafeed) this.options.store.putDatafeed({ config: datafeed.config, state: datafeed.state });
  }

  private notify(task: Task): void {
    for (const listener of [...task.listeners]) listener(task);
  }

  private setTaskState(id: string, task: Task, state: Task['state']): void {
    task.state = state;
    this.persistJob(id);
    this.notify(task);
  }

  /** Removes a job's persistent task: the job is then `closed` (CJ-STATE-001). */
  private removeTask(id: string): void {
    const job = this.jobs.get(id);
    const task = job?.task;
    if (!job || !task) return;
    job.task = null;
    task.removed = true;
    this.scheduler.cancel(task.timer);
    task.held = undefined;
    this.persistJob(id);
    // The memory freed may let a job waiting for a node in.
    if (task.assigned !== false) this.assignWaitingTasks();
    // A node-level close whose task vanished counts as closed (TransportCloseJobAction.newResponse: the task
    // no longer existing means the job is already closed): the close request's wait sees it removed.
    task.nodeCloseFailed = undefined;
    this.notify(task);
  }

  /** CJ-STATE-001: no task → closed, otherwise the task's state. */
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
    this.datafeedIndex.add(id, []);
    let ids = this.datafeedsByJob.get(entry.config.job_id);
    if (ids === undefined) {
      ids = new Set();
      this.datafeedsByJob.set(entry.config.job_id, ids);
    }
    ids.add(id);
  }

  // ---- close (close.ts) ------------------------------------------------------------------------------

  /** Throws the 429 of CJ-UPG-001 while ML upgrade mode is on (checked after authorization). */
  checkUpgradeMode(action: string): void {
    if (this.upgradeMode) throw upgradeModeError(action);
  }

  /** The close pipeline (close.ts); null when the close is already done. */
  startCloseJobs(expression: string, options: CloseOptions): Promise<void> | null {
    return startCloseJobs(this.closeHost, expression, options);
  }

  /**
   * Stops datafeeds; those that refuse (test control) stay started. Returns the first failure. A force stop
   * differs in Elasticsearch only by isolating the datafeed first (TransportCloseJobAction.isolateDatafeeds),
   * which has no visible effect here, so `_force` does not change the outcome: a refusing datafeed refuses a
   * force stop too.
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

  // ---- jobs -----------------------------------------------------------------------------------------------

  hasJob(id: string): boolean {
    return this.jobs.has(id);
  }

  /** Is `name` the group of some job? O(1), from the group index. */
  isGroup(name: string): boolean {
    return this.jobIndex.isGroup(name);
  }

  createJob(config: StoredJob): Job {
    this.jobs.set(config.job_id, { config, task: null, behaviour: {} });
    this.jobIndex.add(config.job_id, config.groups ?? []);
    this.persistJob(config.job_id);
    createResultsLayout(this, config);
    return config;
  }

  /** The entry of a job, or undefined (post-data, flush and update read and change jobs through it). */
  jobEntry(id: string): JobEntry | undefined {
    return this.jobs.get(id);
  }

  /** Replaces a job's configuration, keeping its task (update job). */
  replaceJobConfig(config: StoredJob): void {
    const job = this.jobs.get(config.job_id);
    if (!job) throw missingJob(config.job_id);
    job.config = config;
    this.jobIndex.add(config.job_id, config.groups ?? []);
    this.persistJob(config.job_id);
  }

  /** Replaces a datafeed's configuration (update datafeed). */
  replaceDatafeedConfig(config: PersistedDatafeed['config']): void {
    const datafeed = this.datafeeds.get(config.datafeed_id);
    if (!datafeed) throw missingDatafeed(config.datafeed_id);
    datafeed.config = config;
    this.persistDatafeed(config.datafeed_id);
  }

  /** The configurations of the datafeeds an expression matches, sorted by id (get datafeeds). */
  getDatafeeds(expression: string, allowNoMatch: boolean): PersistedDatafeed['config'][] {
    return this.expandDatafeeds(expression, allowNoMatch).map((id) => this.datafeeds.get(id)!.config);
  }

  datafeedState(id: string): PersistedDatafeed['state'] | undefined {
    return this.datafeeds.get(id)?.state;
  }

  /** Persists the cluster's persistent settings (update settings). */
  saveSettings(): void {
    this.options.store.putMeta('cluster_settings', JSON.stringify(this.settings.persistent));
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
    deleteJobData(this, job.config);
    this.jobs.delete(id);
    this.jobIndex.remove(id);
    this.options.store.deleteJob(id);
  }

  /** Sets the job's `finished_time`: its process has closed normally (AutodetectProcessManager). */
  private markFinished(id: string): void {
    const job = this.jobs.get(id);
    if (!job) return;
    job.config = setFinishedTime(job.config, Date.now());
  }

  /**
   * The jobs whose memory counts against a new job's. None: the server decides only whether a job is too big
   * for any ML node, so that any number of jobs that each fit can be open at once (a real node would also
   * refuse a job that no longer fits beside the open ones; tests of that need a real cluster).
   */
  private assignedJobs(): number[] {
    return [];
  }

  /** Starts the node-side opening of an assigned task: `opened` after the open delay. */
  private startOpening(id: string, job: JobEntry, task: Task): void {
    const delay = job.behaviour.openDelayMs ?? this.options.openDelayMs;
    this.finishLater(task, delay, job.behaviour.holdOpen, () => {
      if (job.task === task && task.state === 'opening') this.setTaskState(id, task, 'opened');
    });
  }

  /** Assigns the tasks waiting for a node that now fit, oldest first (PersistentTasksClusterService's recheck). */
  private assignWaitingTasks(): void {
    if (this.waitingForNode.size === 0) return;
    const waiting: [string, JobEntry][] = [];
    for (const id of this.waitingForNode) {
      const job = this.jobs.get(id);
      if (job?.task?.assigned === false && !job.task.removed) waiting.push([id, job]);
      else this.waitingForNode.delete(id);
    }
    waiting.sort(([, a], [, b]) => a.task!.allocationId - b.task!.allocationId);
    for (const [id, job] of waiting) {
      const task = job.task!;
      if (this.mlMemory.explainNoRoom(id, modelMemoryLimitMb(job.config), this.assignedJobs(), this.node))
        continue;
      this.waitingForNode.delete(id);
      delete task.assigned;
      this.persistJob(id);
      this.startOpening(id, job, task);
      this.notify(task);
    }
  }

  /**
   * Opens a job and waits until it is `opened` (the open-job predicate of TransportOpenJobAction). A job too
   * big for the ML node fails with the 429 of makeNoSuitableNodesException, unless it allows lazy open: then
   * its task waits for a node, in state `opening`, and the answer names no node (`""`).
   */
  openJob(id: string, timeout: TimeValue): Promise<string> {
    const job = this.jobs.get(id);
    if (!job) throw missingJob(id);
    let task = job.task;
    if (!task) {
      // TransportOpenJobAction.makeAssignmentsNotAllowedException.
      if (!this.persistentTaskAssignment) {
        throw esError(
          429,
          'status_exception',
          'Cannot open jobs because persistent task assignment is disabled by the [cluster.persistent_tasks.allocation.enable] setting',
        );
      }
      const explanation = this.mlMemory.explainNoRoom(
        id,
        modelMemoryLimitMb(job.config),
        this.assignedJobs(),
        this.node,
      );
      if (explanation !== undefined && job.config.allow_lazy_open !== true) {
        throw esError(
          429,
          'status_exception',
          'Could not open job because no ML nodes with sufficient capacity were found',
          {
            type: 'illegal_state_exception',
            reason: `Could not open job because no suitable nodes were found, allocation explanation [${explanation}]`,
          },
        );
      }
      createStateLayout(this);
      task = {
        state: 'opening',
        allocationId: this.nextAllocationId++,
        startedAt: Date.now(),
        removed: false,
        listeners: new Set(),
        ...(explanation !== undefined ? { assigned: false as const } : {}),
      };
      job.task = task;
      if (explanation !== undefined) this.waitingForNode.add(id);
      // Opening clears the finished time of the last close (TransportOpenJobAction.clearJobFinishedTime).
      if (job.config.finished_time !== undefined) job.config = setFinishedTime(job.config, undefined);
      this.persistJob(id);
      if (explanation === undefined) this.startOpening(id, job, task);
    }
    const waited = task;
    return new Promise<string>((resolve, reject) => {
      let timer: Timer | undefined;
      const finish = (error?: EsError, node: string = this.node.id): void => {
        waited.listeners.delete(check);
        this.scheduler.cancel(timer);
        if (error) reject(error);
        else resolve(node);
      };
      const check = (): void => {
        if (waited.removed || waited.state === 'closing') {
          finish(conflict('The job has been closed while waiting to be opened'));
        } else if (waited.assigned === false) {
          // AWAITING_LAZY_ASSIGNMENT counts as opened, on no node.
          finish(undefined, '');
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
      timer = this.scheduler.schedule(ms < 0 ? MAX_TIMER_MS : ms, () =>
        finish(
          esError(500, 'exception', `Opening job [${id}] timed out after [${formatTimeValue(timeout)}]`),
        ),
      );
    });
  }

  /** The job's running data counts: those of its process, or the persisted ones. */
  dataCounts(id: string): Record<string, unknown> {
    const job = this.jobs.get(id)!;
    const counts = job.task?.data?.total ?? readDataCounts(this, job.config);
    return dataCountsBody(counts) as unknown as Record<string, unknown>;
  }

  jobStats(expression: string, allowNoMatch: boolean): Record<string, unknown>[] {
    const now = Date.now();
    return this.expandJobs(expression, allowNoMatch).map((id) =>
      jobStatsEntry(id, this.jobState(id), this.jobs.get(id)!.task, this.node, now, this.dataCounts(id)),
    );
  }

  // ---- datafeeds ------------------------------------------------------------------------------------------

  /** The configuration of a job's datafeed, if it has one. */
  datafeedConfigOfJob(jobId: string): PersistedDatafeed['config'] | undefined {
    return this.datafeedOfJob(jobId)?.config;
  }

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
    checkDataExtraction(this, datafeed.config, this.jobs.get(jobId)!.config);
    checkAssignment(this);
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
      return datafeedStatsEntry(id, datafeed.config.job_id, datafeed.state, this.node);
    });
  }

  // ---- indices --------------------------------------------------------------------------------------------

  hasIndex(name: string): boolean {
    return this.indices.has(name);
  }

  /** The mappings an index was created with, if any. */
  indexMappings(name: string): unknown {
    const mappings = this.indices.get(name)?.body.mappings;
    return mappings !== null && typeof mappings === 'object' ? mappings : undefined;
  }

  indexUuid(name: string): string | undefined {
    return this.indices.get(name)?.uuid;
  }

  createIndex(name: string, body: Record<string, unknown>): void {
    const index = { name, uuid: nodeCrypto().randomUUID().replaceAll('-', '').slice(0, 22), body };
    this.indices.set(name, index);
    this.options.store.putIndex(index);
  }

  deleteIndex(name: string): void {
    this.indices.delete(name);
    this.documents.dropIndex(name);
    this.options.store.deleteIndex(name);
  }

  // ---- test control ---------------------------------------------------------------------------------------

  /** Deletes everything and clears every test-control setting. */
  reset(): void {
    for (const id of [...this.jobs.keys()]) this.removeTask(id);
    this.jobs.clear();
    this.waitingForNode.clear();
    this.jobIndex = new IdIndex();
    this.datafeeds.clear();
    this.datafeedIndex = new IdIndex();
    this.datafeedsByJob.clear();
    this.indices.clear();
    this.documents.clear();
    this.settings = { persistent: {}, transient: {} };
    this.saveSettings();
    this.upgradeMode = false;
    this.options.store.clear();
  }

  /**
   * Deletes every datafeed, job and index whose id (or name) starts with `prefix`, as forced deletes would, in that
   * order; a job's datafeed goes with the job, whatever its id. The prefix is literal. Answers what went, sorted.
   */
  deleteByPrefix(prefix: string): { jobs: string[]; datafeeds: string[]; indices: string[] } {
    const under = (ids: Iterable<string>) => [...ids].filter((id) => id.startsWith(prefix)).sort();
    const datafeeds = new Set(under(this.datafeeds.keys()));
    for (const id of datafeeds) this.deleteDatafeed(id, true);
    const jobs = under(this.jobs.keys());
    for (const id of jobs) {
      const datafeed = this.datafeedOfJob(id);
      if (datafeed) datafeeds.add(datafeed.config.datafeed_id);
      this.deleteJob(id, true);
    }
    const indices = under(this.indices.keys());
    for (const name of indices) this.deleteIndex(name);
    return { jobs, datafeeds: [...datafeeds].sort(), indices };
  }

  /** Moves an opening, opened or closing job to `failed`, keeping its task (stats still show the node). */
  failJob(id: string): void {
    const job = this.jobs.get(id);
    if (!job) throw missingJob(id);
    const task = job.task;
    if (!task) throw conflict(`cannot fail job [${id}] because it is closed`);
    if (task.state === 'failed') return;
    this.scheduler.cancel(task.timer);
    task.timer = undefined;
    task.held = undefined;
    const nodeCloseFailed = task.nodeCloseFailed;
    task.nodeCloseFailed = undefined;
    this.setTaskState(id, task, 'failed');
    // A close in progress on the node fails with the process (CJ-STATE-009).
    nodeCloseFailed?.(processCloseError());
  }

  setJobBehaviour(id: string, behaviour: JobBehaviour): void {
    const job = this.jobs.get(id);
    if (!job) throw missingJob(id);
    if (behaviour.closeDelayMs !== undefined) {
      job.behaviour.closeDelayMs = behaviour.closeDelayMs > 0 ? behaviour.closeDelayMs : undefined;
    }
    if (behaviour.openDelayMs !== undefined) {
      job.behaviour.openDelayMs = behaviour.openDelayMs > 0 ? behaviour.openDelayMs : undefined;
    }
    if (behaviour.closeFailure !== undefined) job.behaviour.closeFailure = behaviour.closeFailure;
    if (behaviour.holdClose !== undefined) job.behaviour.holdClose = behaviour.holdClose;
    if (behaviour.holdOpen !== undefined) job.behaviour.holdOpen = behaviour.holdOpen;
  }

  /**
   * Ends the holds on a job: `hold_close` and `hold_open` are cleared, and a transition they held (the job is
   * `opening` or `closing`) finishes now, before the answer, as it would have when its delay ran out.
   * Answers whether a transition was held.
   */
  releaseJob(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) throw missingJob(id);
    job.behaviour.holdClose = undefined;
    job.behaviour.holdOpen = undefined;
    const held = job.task?.held;
    if (!held) return false;
    job.task!.held = undefined;
    held();
    return true;
  }

  setDatafeedBehaviour(id: string, behaviour: { refuseStop?: boolean; stopFailureReason?: string }): void {
    const datafeed = this.datafeeds.get(id);
    if (!datafeed) throw missingDatafeed(id);
    if (behaviour.refuseStop !== undefined) datafeed.behaviour.refuseStop = behaviour.refuseStop;
    if (behaviour.stopFailureReason !== undefined)
      datafeed.behaviour.stopFailureReason = behaviour.stopFailureReason;
  }
}
