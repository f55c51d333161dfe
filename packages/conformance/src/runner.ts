// The main process of a run, on vitest: validates the options, starts the embedded server when no target is given,
// probes the target (a clear "cannot reach" or "401" before anything runs), selects the checks and orders them with
// the seed, then has vitest run ./engine/suite.ts (one vitest test per check) with that plan, collects every check's
// result through a vitest reporter (./engine/collector.ts), always cleans up, and builds the report.
import { Writable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS, type RequirementId } from '@mlclose/schema';
import { createVitest, type Reporter as VitestReporter, type TestUserConfig } from 'vitest/node';
import type { CheckDefinition, TargetInfo } from './check.js';
import { allChecks, BYSTANDER_CHECK_ID } from './checks/index.js';
import { escapeRegExp } from './checks/messages.js';
import { cleanupRun, runPrefix, type CleanupResult } from './cleanup.js';
import { authorization, credentialKind, secrets, type Credentials } from './credentials.js';
import { Collector } from './engine/collector.js';
import { INTERRUPTED, PLAN_KEY, type PlannedTarget, type RunPlan } from './engine/plan.js';
import { reusedThreads } from './engine/threads.js';
import { HttpTarget, type TlsOptions } from './http.js';
import { operation } from './operations.js';
import { Redactor } from './redact.js';
import type {
  CheckResult,
  Reporter,
  RequirementResult,
  RequirementStatus,
  RunReport,
  Tally,
  Verdict,
} from './report/types.js';
import { deriveSeed, randomRunId, randomSeed, shuffled } from './seed.js';
import { foreignJobIds, probeTarget, TargetError } from './target.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

/** A vitest reporter: a built-in reporter's name, a name with options, or a reporter object. */
export type VitestReporterSpec = string | [string, Record<string, unknown>] | VitestReporter;

export interface ConformanceOptions {
  /** The server to test. @default an embedded @mlclose/server with test control, on 127.0.0.1 port 0 */
  target?: string;
  /** Credentials with the manage_ml privilege. Enables the security checks. @default none */
  credentials?: Credentials;
  /** Credentials WITHOUT manage_ml, for the 403 checks. @default none (those checks are skipped) */
  viewerCredentials?: Credentials;
  /** TLS options for https targets. @default system CAs, verified */
  tls?: TlsOptions;
  /** Seed for the order and every random choice. @default random */
  seed?: number;
  /** Requirement ids or check ids to run (a check runs if its id or any requirement it cites is listed). @default all */
  only?: readonly string[];
  /** Allow checks that close `_all`/`*` on a target that holds jobs this run did not create. @default false */
  allowDestructive?: boolean;
  /** Shuffle the order of checks with the seed. @default true */
  shuffle?: boolean;
  /**
   * Checks in flight at once in the parallel phase. The checks that wait on a job slowed down through test control
   * start first and do not count. @default 16
   */
  concurrency?: number;
  /** Progress and output. @default [] */
  reporters?: readonly Reporter[];
  /** Run id (lowercase letters and digits); resources are prefixed `mlc-<runId>-`. @default random */
  runId?: string;
  /** Abort the run (Ctrl-C); cleanup still runs. */
  signal?: AbortSignal;
  /** Per-request timeout in milliseconds. @default 30000 */
  requestTimeoutMs?: number;
  /**
   * More vitest reporters for the run's tests (one test per check, named by the check id): a built-in reporter's name,
   * `[name, options]` (e.g. `['junit', { outputFile: 'vitest-junit.xml' }]`), or a reporter object. Their console
   * output goes to stdout. @default none
   */
  vitestReporters?: readonly VitestReporterSpec[];
  /** Stop at the first failed check (the rest are reported skipped); cleanup still runs. @default false */
  bail?: boolean;
  /**
   * Longest a single check may run before it fails, timed from when it may start (a check waiting for one of the
   * `concurrency` slots is not timed while it waits). @default 120000
   */
  checkTimeoutMs?: number;
}

interface EmbeddedServer {
  url: string;
  close(): Promise<void>;
}

/**
 * How long the embedded target takes to open and to close a job. The reference server defaults to 10 and 20 ms; the
 * checks that need a slow open or close set their own per job through test control, so the embedded target runs the
 * others at 1 and 2 ms. A close still crosses event-loop turns (the job is closing in between); a run does not wait
 * some 25 ms per check for nothing.
 */
export const EMBEDDED_TIMING = { openDelayMs: 1, closeDelayMs: 2 } as const;

async function startEmbedded(): Promise<EmbeddedServer> {
  // The only thing the suite takes from the reference server: a way to start it as the default target.
  const { startServer } = await import('@mlclose/server');
  return startServer({ host: '127.0.0.1', port: 0, testControl: true, ...EMBEDDED_TIMING });
}

function selectChecks(checks: readonly CheckDefinition[], only: readonly string[]): CheckDefinition[] {
  if (only.length === 0) return [...checks];
  const known = new Set<string>([...checks.map((c) => c.id), ...REQUIREMENTS.map((r) => r.id)]);
  const unknown = only.filter(
    (entry) =>
      !known.has(entry) && !checks.some((c) => c.id.startsWith(`${entry}.`) || c.id.startsWith(`${entry}/`)),
  );
  if (unknown.length > 0)
    throw new UsageError(`--only: unknown requirement or check id: ${unknown.join(', ')}`);
  return checks.filter(
    (check) =>
      check.id === BYSTANDER_CHECK_ID ||
      only.some(
        (entry) =>
          check.id === entry ||
          check.id.startsWith(`${entry}.`) ||
          check.id.startsWith(`${entry}/`) ||
          (check.requirements as readonly string[]).includes(entry),
      ),
  );
}

/**
 * The checks of the parallel phase that wait on a job slowed down through test control (`job_behaviour`: slow closes
 * and opens, timeouts that must expire, for seconds). They send a handful of requests and then wait, so they start
 * first and run outside the concurrency bound: held inside it, a dozen of them would hold every slot for seconds
 * while hundreds of short checks queue. Empty when the target cannot slow a job down (those checks skip at once).
 */
function waitingChecks(checks: readonly CheckDefinition[], target: TargetInfo): Set<string> {
  if (!target.capabilities.has('job_behaviour')) return new Set();
  return new Set(
    checks
      .filter((check) => (check.phase ?? 'parallel') === 'parallel' && check.needs?.includes('job_behaviour'))
      .map((check) => check.id),
  );
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_\-.,:/=@+]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The vitest test module of the suite, next to this file (dist/engine/suite.js, or src/engine/suite.ts in tests), and
 * what vitest should load with Node's own loader. Vitest passes every module outside node_modules through Vite's
 * transform (an SSR rewrite and a source map per module, in the calling process, on every run: about half of the CPU
 * a run spends before its first check). The built package is plain ESM that Node runs as is, so its modules are
 * externalized, as they already are when the package is installed in node_modules; the TypeScript sources (the
 * package's own tests) still need the transform. The suite module itself is not: Node's loader evaluates a module once
 * per thread, and a run's worker thread may serve the next run (./engine/threads.ts), which must register its own
 * checks. Vitest evaluates its test module again for every run.
 */
function suiteModule(): { root: string; file: string; external: RegExp[] } {
  const here = fileURLToPath(import.meta.url);
  const extension = path.extname(here);
  const file = path.join(path.dirname(here), 'engine', `suite${extension}`);
  const root = path.resolve(path.dirname(here), '..');
  const built = path.dirname(here).split(path.sep).join('/');
  return {
    root,
    file: path.relative(root, file).split(path.sep).join('/'),
    external:
      extension === '.js' ? [new RegExp(`^${escapeRegExp(built)}/(?!engine/suite\\.js$).*\\.js$`)] : [],
  };
}

const HOST_EVENTS = ['SIGINT', 'SIGTERM', 'exit', 'unhandledRejection'] as const;

/**
 * Vitest's logger installs process handlers that exit the process on SIGINT, SIGTERM and unhandled rejections. A
 * library must not: the caller's AbortSignal cancels the run, and cleanup must still happen. Removes the handlers
 * `create` adds.
 */
async function withoutHostHandlers<T>(create: () => Promise<T>): Promise<T> {
  const listeners = (event: string) => process.listeners(event as 'exit') as ((...args: unknown[]) => void)[];
  const before = new Map(HOST_EVENTS.map((event) => [event, new Set(listeners(event))] as const));
  try {
    return await create();
  } finally {
    for (const event of HOST_EVENTS)
      for (const listener of listeners(event))
        if (!before.get(event)!.has(listener)) process.off(event, listener);
  }
}

/**
 * The caller's exit code and environment, from before the first of the runs in progress. Vitest sets process.exitCode
 * on failures and copies its mode variables (MODE, DEV, PROD, BASE_URL, SSR, TEST, VITEST, NODE_ENV) into process.env;
 * a library call must leave the caller's process as it found it. Runs may overlap in one process (the test suite runs
 * several at once), so the state is saved when the first starts and put back when the last ends: a run that ended
 * must neither put back another run's changes nor undo them under a run still going.
 */
let host: { exitCode: typeof process.exitCode; env: NodeJS.ProcessEnv } | undefined;
let runsInProgress = 0;

function enterHost(): void {
  if (runsInProgress++ === 0) host = { exitCode: process.exitCode, env: { ...process.env } };
}

function leaveHost(): void {
  if (--runsInProgress > 0 || host === undefined) return;
  const { exitCode, env } = host;
  host = undefined;
  process.exitCode = exitCode;
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
}

/**
 * Where vitest's console output goes (only the reporters of `vitestReporters` write any): the process's stream, through
 * a plain Writable, so that vitest never sees a TTY (it would hide the cursor and redraw the screen).
 */
function vitestOutput(stream: NodeJS.WriteStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stream.write(chunk, () => callback());
    },
  });
}

/** Runs the suite and returns the report. Throws TargetError (unreachable, auth) or UsageError (bad options). */
export async function runConformance(options: ConformanceOptions = {}): Promise<RunReport> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const seed = options.seed ?? randomSeed();
  const runId = options.runId ?? randomRunId();
  if (!/^[a-z0-9]{1,20}$/.test(runId)) throw new UsageError(`invalid run id '${runId}'`);
  if (!Number.isInteger(seed) || seed < 0)
    throw new UsageError(`--seed must be a non-negative integer, got ${seed}`);
  const concurrency = options.concurrency ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency must be a positive integer, got ${concurrency}`);
  const shuffle = options.shuffle ?? true;
  const only = [...(options.only ?? [])];
  const reporters = options.reporters ?? [];
  const catalogue = allChecks();
  const selected = selectChecks(catalogue, only);
  const prefix = runPrefix(runId);
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;

  const embedded = options.target === undefined ? await startEmbedded() : undefined;
  const url = options.target ?? embedded!.url;
  const runSecrets = secrets(options.credentials, options.viewerCredentials);
  const redactor = new Redactor(runSecrets);
  const authorizationHeader = authorization(options.credentials);
  let http: HttpTarget;
  try {
    http = new HttpTarget(url, {
      ...(authorizationHeader ? { authorization: authorizationHeader } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      redactor,
      timeoutMs: requestTimeoutMs,
    });
  } catch (error) {
    await embedded?.close();
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const kind = credentialKind(options.credentials);
  let cleanup: CleanupResult = { jobs: 0, datafeeds: 0, errors: [] };
  const collector = new Collector({
    checks: new Map(selected.map((check) => [check.id, check])),
    seed,
    redact: (text) => redactor.text(text),
    onResult: (result) => {
      for (const reporter of reporters)
        reporter.onCheckEnd?.(result, { done: collector.results.size, total: selected.length });
    },
  });
  let target: TargetInfo | undefined;
  // The command that replays this run (a check appends `--only <id>`), credentials as environment variables.
  let replayBase: string[] = [];
  let interrupted = false;
  // Planned checks that vitest never ran to their end (the runner gave them a result afterwards).
  const neverRan = new Set<string>();
  enterHost();
  try {
    const probe = await probeTarget(http, kind);
    if (options.viewerCredentials) {
      const viewer = await http.request({
        ...operation('info'),
        auth: { authorization: authorization(options.viewerCredentials)! },
      });
      if (viewer.status === 401)
        throw new TargetError(
          '401 for the viewer credentials: check --viewer-api-key or --viewer-username/--viewer-password',
        );
    }
    const foreign = await foreignJobIds(http, prefix);
    const planned: PlannedTarget = {
      url: redactor.text(url),
      version: probe.version,
      embedded: embedded !== undefined,
      testControl: probe.testControl,
      capabilities: [...probe.capabilities].sort(),
      hasCredentials: options.credentials !== undefined,
      credentialKind: kind,
      username:
        options.credentials && 'username' in options.credentials ? options.credentials.username : undefined,
      hasViewer: options.viewerCredentials !== undefined,
      ...(options.viewerCredentials
        ? { viewerAuthorization: authorization(options.viewerCredentials)! }
        : {}),
      foreignJobs: foreign.length,
      allowDestructive: options.allowDestructive ?? false,
    };
    target = { ...planned, capabilities: new Set(planned.capabilities) };
    for (const reporter of reporters)
      reporter.onRunStart?.({
        runId,
        seed,
        target: {
          url: planned.url,
          embedded: planned.embedded,
          version: planned.version ?? null,
          testControl: planned.testControl,
          capabilities: planned.capabilities,
          credentials: kind,
        },
        checks: selected.length,
      });

    const waiting = waitingChecks(selected, target);
    const checkTimeoutMs = options.checkTimeoutMs ?? 120_000;
    // Each phase in the order of the seed; in the parallel phase the waiting checks first (each group shuffled).
    const order = (phase: 'parallel' | 'exclusive') => {
      const ids = selected.filter((c) => (c.phase ?? 'parallel') === phase).map((c) => c.id);
      const ordered = shuffle ? shuffled(ids, deriveSeed(seed, phase)) : ids;
      return [...ordered.filter((id) => waiting.has(id)), ...ordered.filter((id) => !waiting.has(id))];
    };
    replayBase = [
      'mlclose-conformance',
      ...(embedded ? [] : ['--target', shellQuote(planned.url)]),
      ...(kind === 'api-key'
        ? ['--api-key', '"$ELASTIC_API_KEY"']
        : kind === 'basic'
          ? ['--username', shellQuote(planned.username ?? ''), '--password', '"$ELASTIC_PASSWORD"']
          : []),
      ...(planned.allowDestructive ? ['--allow-destructive'] : []),
      '--seed',
      String(seed),
    ];
    const plan: RunPlan = {
      runId,
      seed,
      url,
      ...(authorizationHeader ? { authorization: authorizationHeader } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      secrets: runSecrets,
      requestTimeoutMs,
      target: planned,
      phases: {
        parallel: order('parallel'),
        bystanders: selected.filter((c) => c.phase === 'bystanders').map((c) => c.id),
        exclusive: order('exclusive'),
      },
      concurrency,
      waiting: [...waiting],
      checkTimeoutMs,
      replayBase,
    };
    if (options.signal?.aborted) interrupted = true;
    else {
      const suite = suiteModule();
      const stdout = vitestOutput(process.stdout);
      const stderr = vitestOutput(process.stderr);
      // The run's worker thread serves a later run only after a whole, clean run: a cancelled or bailed run may leave
      // checks' requests and timers behind in it, and an error outside the checks may leave anything. Asked when
      // vitest stops the thread, at the end of the run.
      const threads = reusedThreads(
        () =>
          interrupted ||
          options.bail === true ||
          collector.errors.length > 0 ||
          vitest.state.getUnhandledErrors().length > 0,
      );
      const vitest = await withoutHostHandlers(() =>
        createVitest(
          'test',
          {
            config: false,
            root: suite.root,
            include: [suite.file],
            exclude: [],
            watch: false,
            cache: false,
            reporters: [collector, ...(options.vitestReporters ?? [])] as TestUserConfig['reporters'],
            provide: { [PLAN_KEY]: plan },
            pool: threads,
            maxWorkers: 1,
            fileParallelism: false,
            // The bounded checks take at most `concurrency` of these (./engine/suite.ts), the waiting ones the rest.
            maxConcurrency: concurrency + waiting.size,
            sequence: { shuffle: false, concurrent: false },
            // Each check times itself from when it may start (./engine/suite.ts): vitest's clock would also count
            // the time a bounded check waits for a slot.
            testTimeout: 0,
            hookTimeout: checkTimeoutMs,
            teardownTimeout: 30_000,
            passWithNoTests: true,
            ...(suite.external.length > 0 ? { server: { deps: { external: suite.external } } } : {}),
            // From the TypeScript sources (this package's own tests, dozens of runs per test command), Vite's
            // transforms are kept on disk between runs (node_modules/.experimental-vitest-cache at the workspace
            // root), which takes two thirds of the CPU a small run spends. The built package needs no transform.
            ...(suite.external.length === 0 ? { experimental: { fsModuleCache: true } } : {}),
            ...(options.bail ? { bail: 1 } : {}),
          },
          { logLevel: 'error', clearScreen: false },
          { stdout, stderr },
        ),
      );
      const cancel = () => {
        interrupted = true;
        void vitest.cancelCurrentRun('keyboard-input');
      };
      options.signal?.addEventListener('abort', cancel);
      try {
        if (options.signal?.aborted) interrupted = true;
        else await vitest.start();
      } finally {
        options.signal?.removeEventListener('abort', cancel);
        await vitest.close();
      }
    }
    // Every planned check gets a result, even one that vitest never ran: skipped when the run was cut short on
    // purpose, failed otherwise (the suite module or a hook failed: the verdict must not pass on nothing).
    const missing = interrupted
      ? INTERRUPTED
      : options.bail && [...collector.results.values()].some((r) => r.status === 'failed')
        ? 'not run: the run stopped at the first failure (bail)'
        : undefined;
    for (const check of selected) {
      if (collector.results.has(check.id)) continue;
      const result = collector.synthetic(
        check.id,
        missing ??
          `vitest did not run it${collector.errors.length > 0 ? `: ${collector.errors.join('; ')}` : ''}`,
        missing === undefined,
      );
      if (result) {
        collector.record(result);
        neverRan.add(check.id);
      }
    }
  } finally {
    leaveHost();
    const stats = collector.stats;
    if (stats) cleanup = { ...stats.cleanup, errors: [...stats.cleanup.errors] };
    if (target) {
      const final = await cleanupRun(http, runId, {
        // Switch upgrade mode off if a check of this run may have switched it on (cleanup only does so with
        // test control); derived from the plan, so it holds even when the worker's report never arrived.
        upgradeModeOn:
          target.capabilities.has('upgrade_mode') &&
          selected.some((check) => check.needs?.includes('upgrade_mode') ?? false),
        testControl: target.testControl,
        byPrefix: target.capabilities.has('delete_by_prefix'),
      }).catch((error: unknown) => ({
        jobs: 0,
        datafeeds: 0,
        errors: [String(error)],
      }));
      cleanup = {
        jobs: cleanup.jobs + final.jobs + (stats?.tidied.jobs ?? 0),
        datafeeds: cleanup.datafeeds + final.datafeeds + (stats?.tidied.datafeeds ?? 0),
        errors: [...cleanup.errors, ...final.errors],
      };
    }
    http.close();
    await embedded?.close();
  }
  const finished = Date.now();
  const report = buildReport({
    runId,
    seed,
    startedAt,
    finished,
    started,
    target: target!,
    only,
    allowDestructive: options.allowDestructive ?? false,
    shuffle,
    concurrency,
    catalogue,
    selected,
    results: collector.results,
    requests: http.requests + (collector.stats?.requests ?? 0),
    cleanup,
    interrupted: interrupted || (options.signal?.aborted ?? false),
    neverRan,
    replay: [
      ...replayBase.slice(0, -2),
      ...(only.length > 0 ? ['--only', only.join(',')] : []),
      ...replayBase.slice(-2),
    ].join(' '),
  });
  for (const reporter of reporters) await reporter.onRunEnd?.(report);
  return report;
}

function tally<T extends string>(statuses: readonly T[]): Tally {
  const out: Tally = { total: statuses.length };
  for (const status of statuses) out[status] = (out[status] ?? 0) + 1;
  return out;
}

function buildReport(input: {
  runId: string;
  seed: number;
  startedAt: string;
  started: number;
  finished: number;
  target: TargetInfo;
  only: string[];
  allowDestructive: boolean;
  shuffle: boolean;
  concurrency: number;
  catalogue: readonly CheckDefinition[];
  selected: readonly CheckDefinition[];
  results: Map<string, CheckResult>;
  requests: number;
  cleanup: CleanupResult;
  replay: string;
  interrupted: boolean;
  neverRan: ReadonlySet<string>;
}): RunReport {
  const checks = input.selected
    .map((check) => input.results.get(check.id))
    .filter((r): r is CheckResult => r !== undefined);
  const requirements: RequirementResult[] = REQUIREMENTS.map((requirement) => {
    const id = requirement.id as RequirementId;
    // A check gives evidence for what it cites, and against whatever a failure of it is attributed to.
    const citing = checks.filter(
      (check) =>
        check.requirements.includes(id) ||
        check.failures.some((failure) => failure.requirements.includes(id)),
    );
    const catalogued = input.catalogue.some((check) => check.requirements.includes(id));
    const failures = citing.flatMap((check) =>
      check.failures
        .filter((failure) => failure.requirements.includes(id))
        .map((failure) => `${check.id}: ${failure.message}`),
    );
    let status: RequirementStatus;
    if (!catalogued) status = 'not-covered';
    else if (citing.length === 0) status = 'not-run';
    else if (failures.length > 0) status = requirement.verified ? 'failed' : 'warned';
    else if (citing.some((check) => check.status === 'passed' || check.status === 'warned'))
      status = 'passed';
    else if (citing.some((check) => check.status === 'failed')) status = 'inconclusive';
    else status = 'skipped';
    return {
      id,
      statement: requirement.statement,
      reach: requirement.reach,
      verified: requirement.verified,
      status,
      checks: citing.map((check) => ({ id: check.id, status: check.status })),
      failures,
    };
  });
  // A check did not run when vitest never ran it, or when it was cut short by the interruption.
  const notRun = checks.filter(
    (check) => input.neverRan.has(check.id) || check.skipReason === INTERRUPTED,
  ).length;
  const durationMs = input.finished - input.started;
  return {
    schemaVersion: 1,
    tool: { name: '@mlclose/conformance', version: VERSION },
    runId: input.runId,
    seed: input.seed,
    startedAt: input.startedAt,
    finishedAt: new Date(input.finished).toISOString(),
    durationMs,
    target: {
      url: input.target.url,
      embedded: input.target.embedded,
      version: input.target.version ?? null,
      testControl: input.target.testControl,
      capabilities: [...input.target.capabilities].sort(),
      credentials: input.target.credentialKind,
    },
    options: {
      only: input.only,
      allowDestructive: input.allowDestructive,
      shuffle: input.shuffle,
      concurrency: input.concurrency,
    },
    verdict: verdictOf(checks, requirements, notRun, input.interrupted),
    interrupted: input.interrupted,
    notRun,
    summary: {
      checks: tally(checks.map((c) => c.status)),
      requirements: tally(requirements.map((r) => r.status)),
    },
    requests: {
      count: input.requests,
      perSecond: durationMs > 0 ? Math.round((input.requests / durationMs) * 1000) : 0,
    },
    requirements,
    checks,
    cleanup: input.cleanup,
    replay: input.replay,
  };
}

/**
 * A failure is evidence whatever else happened: non-conformant. Without one, the run passes only when it was not
 * interrupted, every planned check ran, and at least one check (other than the bystander guard) passed; otherwise
 * nothing or not everything was verified: incomplete.
 */
function verdictOf(
  checks: readonly CheckResult[],
  requirements: readonly RequirementResult[],
  notRun: number,
  interrupted: boolean,
): Verdict {
  if (checks.some((check) => check.status === 'failed') || requirements.some((r) => r.status === 'failed'))
    return 'non-conformant';
  const verified = checks.some(
    (check) => check.id !== BYSTANDER_CHECK_ID && (check.status === 'passed' || check.status === 'warned'),
  );
  return interrupted || notRun > 0 || !verified ? 'incomplete' : 'conformant';
}
