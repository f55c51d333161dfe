// The worker side of a run: one HTTP target, the fixtures shared by the checks (the data index, the bystanders),
// and running one check into a CheckResult. ./suite.ts registers every planned check as a vitest test that calls
// runCheck; the main process (../runner.ts) only plans, collects and reports.
import { REQUIREMENTS } from '@mlclose/schema';
import { CheckAbort, CheckSkip, type CheckDefinition, type Need, type TargetInfo } from '../check.js';
import { allChecks, BYSTANDER_CHECK_ID } from '../checks/index.js';
import { cleanupRun, runIndex, runPrefix, tidyCreated } from '../cleanup.js';
import { Context, type RunShared } from '../context.js';
import { operation } from '../operations.js';
import { HttpTarget } from '../http.js';
import { Redactor } from '../redact.js';
import type { CheckResult, CheckStatus } from '../report/types.js';
import { deriveSeed } from '../seed.js';
import { foreignJobIds } from '../target.js';
import { INTERRUPTED, type PlannedTarget, type RunPlan, type RunStats } from './plan.js';

const VERIFIED = new Map(REQUIREMENTS.map((r) => [r.id as string, r.verified]));

/** Why a check cannot run on this target, or undefined when it can. */
export function unmetNeed(need: Need, target: TargetInfo): string | undefined {
  switch (need) {
    case 'fail_job':
    case 'job_behaviour':
    case 'release_job':
    case 'datafeed_behaviour':
    case 'upgrade_mode':
      return target.capabilities.has(need)
        ? undefined
        : `needs the test-control capability "${need}", which the target does not offer`;
    case 'credentials':
      return target.hasCredentials
        ? undefined
        : 'needs credentials (--api-key or --username/--password); without them security is not tested';
    case 'viewer_credentials':
      return target.hasViewer
        ? undefined
        : 'needs credentials without manage_ml (--viewer-api-key or --viewer-username/--viewer-password)';
    case 'destructive':
      return target.allowDestructive || target.foreignJobs === 0
        ? undefined
        : `closes _all/*: the target holds ${target.foreignJobs} job(s) this run did not create; pass --allow-destructive to run it`;
    case 'empty_target':
      return target.foreignJobs === 0
        ? undefined
        : `needs a target with no jobs; it holds ${target.foreignJobs} job(s) this run did not create`;
  }
}

export function toTargetInfo(planned: PlannedTarget): TargetInfo {
  return { ...planned, capabilities: new Set(planned.capabilities) };
}

/** The status of a check that ran: failures on verified requirements fail it, others only warn. */
export function checkStatus(failures: readonly { requirements: readonly string[] }[]): CheckStatus {
  if (failures.length === 0) return 'passed';
  return failures.some((f) => f.requirements.some((id) => VERIFIED.get(id) !== false)) ? 'failed' : 'warned';
}

export class RunSession {
  readonly plan: RunPlan;
  readonly checks: ReadonlyMap<string, CheckDefinition>;
  private readonly http: HttpTarget;
  private readonly redactor: Redactor;
  private readonly shared: RunShared;
  private indexCreated: Promise<string> | undefined;
  private upgradeModeOn = false;
  private sequence = 0;
  private readonly tidied = { jobs: 0, datafeeds: 0 };
  private early: RunStats['cleanup'] = { jobs: 0, datafeeds: 0, errors: [] };
  /** Checks still running, so that closing waits for them (and their tidy-up) rather than cutting them off. */
  private readonly running = new Set<Promise<CheckResult>>();

  constructor(plan: RunPlan) {
    this.plan = plan;
    this.checks = new Map(allChecks().map((check) => [check.id, check]));
    this.redactor = new Redactor(plan.secrets);
    this.http = new HttpTarget(plan.url, {
      ...(plan.authorization !== undefined ? { authorization: plan.authorization } : {}),
      ...(plan.tls ? { tls: plan.tls } : {}),
      redactor: this.redactor,
      timeoutMs: plan.requestTimeoutMs,
      // A waiting check holds a connection while its close waits; the bounded checks keep as many as before.
      maxSockets: Math.max(16, plan.concurrency) + plan.waiting.length,
    });
    this.shared = {
      http: this.http,
      target: toTargetInfo(plan.target),
      runPrefix: runPrefix(plan.runId),
      runSeed: plan.seed,
      dataIndex: () => {
        this.indexCreated ??= this.createIndex();
        return this.indexCreated;
      },
      upgradeModeTouched: (enabled) => {
        this.upgradeModeOn = this.upgradeModeOn || enabled;
      },
    };
  }

  check(id: string): CheckDefinition {
    const check = this.checks.get(id);
    if (!check) throw new Error(`the plan names an unknown check ${id}`);
    return check;
  }

  private async createIndex(): Promise<string> {
    const index = runIndex(this.plan.runId);
    const response = await this.http.request({
      ...operation('indices-create', { index }),
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mappings: { properties: { timestamp: { type: 'date' } } } }),
    });
    if (response.status !== 200)
      throw new Error(
        `could not create the index ${index}: ${response.status} ${response.text.slice(0, 200)}`,
      );
    return index;
  }

  /** Creates the bystander jobs, before any check runs. A failed setup is reported by the bystander check. */
  async setupBystanders(signal: AbortSignal): Promise<void> {
    const setupCheck = this.checks.get(BYSTANDER_CHECK_ID);
    if (!this.plan.phases.bystanders.includes(BYSTANDER_CHECK_ID) || !setupCheck || !('setup' in setupCheck))
      return;
    const ctx = new Context(setupCheck, this.shared, ++this.sequence, signal);
    // The setup keeps its own error for the bystander check to report.
    await (setupCheck as CheckDefinition & { setup(ctx: Context): Promise<void> }).setup(ctx);
  }

  /**
   * Before the exclusive checks (which close `_all`): removes what the run created so far, so that they start from a
   * small target, and re-counts foreign jobs, since someone may have created one meanwhile.
   */
  async beforeExclusive(target: TargetInfo): Promise<TargetInfo> {
    const early = await cleanupRun(this.http, this.plan.runId, {
      upgradeModeOn: this.upgradeModeOn,
      testControl: target.testControl,
      byPrefix: target.capabilities.has('delete_by_prefix'),
    }).catch(() => undefined);
    if (early) {
      this.early = {
        jobs: this.early.jobs + early.jobs,
        datafeeds: this.early.datafeeds + early.datafeeds,
        errors: [...this.early.errors, ...early.errors],
      };
      if (early.errors.length === 0) {
        this.indexCreated = undefined;
        this.upgradeModeOn = false;
      }
    }
    try {
      return { ...target, foreignJobs: (await foreignJobIds(this.http, this.shared.runPrefix)).length };
    } catch {
      return { ...target, foreignJobs: Number.MAX_SAFE_INTEGER };
    }
  }

  /** Runs one check (or decides it cannot run) and tidies up what it created. */
  runCheck(check: CheckDefinition, target: TargetInfo, signal: AbortSignal): Promise<CheckResult> {
    const running = this.runOne(check, target, signal);
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
    return running;
  }

  private async runOne(
    check: CheckDefinition,
    target: TargetInfo,
    signal: AbortSignal,
  ): Promise<CheckResult> {
    const base = {
      id: check.id,
      title: check.title,
      requirements: [...check.requirements],
      seed: deriveSeed(this.plan.seed, check.id),
      notes: [] as string[],
    };
    const skipped = (skipReason: string): CheckResult => ({
      ...base,
      status: 'skipped',
      durationMs: 0,
      skipReason,
      failures: [],
    });
    if (signal.aborted) return skipped(INTERRUPTED);
    for (const need of check.needs ?? []) {
      const reason = unmetNeed(need, target);
      if (reason) return skipped(reason);
    }
    const ctx = new Context(check, { ...this.shared, target }, ++this.sequence, signal);
    const t0 = performance.now();
    let skipReason: string | undefined;
    try {
      await check.run(ctx);
    } catch (error) {
      if (error instanceof CheckSkip) skipReason = error.message;
      else if (signal.aborted) {
        // The run was interrupted or vitest gave up on the check: whatever it was doing was cut off (a request
        // aborted, or stopped before it was sent), which says nothing about the target. A failure it found before
        // stands.
        if (ctx.failures.length === 0) skipReason = INTERRUPTED;
      } else if (!(error instanceof CheckAbort)) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.failures.push({
          requirements: [...check.requirements],
          message: `unexpected error: ${this.redactor.text(message)}`,
        });
      }
    }
    const durationMs = performance.now() - t0;
    // Tidy up the check's own jobs and datafeeds at once, so that a real cluster never holds more open jobs than
    // the checks in flight need (ML nodes limit open jobs and memory). Bystanders are never under a check prefix.
    // Whatever this misses (a delete that failed) goes before the exclusive phase and at the end of the run.
    const tidied = await tidyCreated(this.http, ctx.prefix, ctx.created, {
      byPrefix: target.capabilities.has('delete_by_prefix'),
    }).catch(() => undefined);
    if (tidied) {
      this.tidied.jobs += tidied.jobs;
      this.tidied.datafeeds += tidied.datafeeds;
    }
    const status: CheckStatus =
      skipReason !== undefined && ctx.failures.length === 0 ? 'skipped' : checkStatus(ctx.failures);
    const result: CheckResult = {
      ...base,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      ...(skipReason !== undefined && status === 'skipped' ? { skipReason } : {}),
      // Failures quote responses, which a careless server may fill with the request's credentials.
      failures: JSON.parse(this.redactor.text(JSON.stringify(ctx.failures))) as typeof ctx.failures,
      notes: ctx.notes.map((note) => this.redactor.text(note)),
      ...(status === 'failed' || status === 'warned'
        ? { transcript: ctx.exchanges, replay: [...this.plan.replayBase, '--only', check.id].join(' ') }
        : {}),
    };
    return result;
  }

  stats(): RunStats {
    return {
      requests: this.http.requests,
      tidied: { ...this.tidied },
      cleanup: this.early,
    };
  }

  /**
   * Closes the connections once every check still running has ended. When the run is interrupted, vitest runs the
   * module's last hook without waiting for the checks in flight; their signal aborts their request in flight, and
   * they still tidy up, instead of failing on a connection closed under them.
   */
  async close(): Promise<void> {
    await Promise.allSettled([...this.running]);
    this.http.close();
  }
}
