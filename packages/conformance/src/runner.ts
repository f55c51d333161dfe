// The suite's own small runner (see README "Why not vitest"): selects checks, skips those whose needs the target
// cannot meet, runs the rest with bounded concurrency in a seeded shuffled order, then the exclusive ones alone,
// attributes failures to requirements, and always cleans up.
import { REQUIREMENTS, type RequirementId } from '@mlclose/schema';
import { CheckAbort, CheckSkip, type CheckDefinition, type Need, type TargetInfo } from './check.js';
import { allChecks, BYSTANDER_CHECK_ID } from './checks/index.js';
import { cleanupPrefix, cleanupRun, runIndex, runPrefix, type CleanupResult } from './cleanup.js';
import { Context, encodeSegment, type RunShared } from './context.js';
import { HttpTarget, type TlsOptions } from './http.js';
import { basicAuth, Redactor } from './redact.js';
import type {
  CheckResult,
  CheckStatus,
  Reporter,
  RequirementResult,
  RequirementStatus,
  RunReport,
  Tally,
} from './report/types.js';
import { deriveSeed, randomRunId, randomSeed, shuffled } from './seed.js';
import { foreignJobIds, probeTarget, TargetError } from './target.js';
import { VERSION } from './version.js';

/** Credentials: an encoded API key as Elasticsearch returns it, or a user and password. */
export type Credentials = { apiKey: string } | { username: string; password: string };

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
  /** Checks in flight at once in the parallel phase. @default 16 */
  concurrency?: number;
  /** Progress and output. @default [] */
  reporters?: readonly Reporter[];
  /** Run id (lowercase letters and digits); resources are prefixed `mlc-<runId>-`. @default random */
  runId?: string;
  /** Abort the run (Ctrl-C); cleanup still runs. */
  signal?: AbortSignal;
  /** Per-request timeout in milliseconds. @default 30000 */
  requestTimeoutMs?: number;
  /** Replace the check catalogue (for tests of the runner itself). @default every check */
  checks?: readonly CheckDefinition[];
}

/** A bad option (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

interface EmbeddedServer {
  url: string;
  close(): Promise<void>;
}

async function startEmbedded(): Promise<EmbeddedServer> {
  // The only thing the suite takes from the reference server: a way to start it as the default target.
  const { startServer } = await import('@mlclose/server');
  return startServer({ host: '127.0.0.1', port: 0, testControl: true });
}

function authorization(credentials: Credentials | undefined): string | undefined {
  if (!credentials) return undefined;
  return 'apiKey' in credentials
    ? `ApiKey ${credentials.apiKey}`
    : basicAuth(credentials.username, credentials.password);
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

function unmetNeed(need: Need, target: TargetInfo): string | undefined {
  switch (need) {
    case 'fail_job':
    case 'job_behaviour':
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

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_\-.,:/=@+]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
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
  const shuffle = options.shuffle ?? true;
  const only = [...(options.only ?? [])];
  const reporters = options.reporters ?? [];
  const catalogue = options.checks ?? allChecks();
  const selected = selectChecks(catalogue, only);
  const prefix = runPrefix(runId);

  const embedded = options.target === undefined ? await startEmbedded() : undefined;
  const url = options.target ?? embedded!.url;
  const secrets = [options.credentials, options.viewerCredentials].flatMap((c) =>
    !c ? [] : 'apiKey' in c ? [c.apiKey] : [c.password, `${c.username}:${c.password}`],
  );
  const redactor = new Redactor(secrets);
  let http: HttpTarget;
  try {
    http = new HttpTarget(url, {
      ...(options.credentials ? { authorization: authorization(options.credentials)! } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      redactor,
      timeoutMs: options.requestTimeoutMs ?? 30_000,
    });
  } catch (error) {
    await embedded?.close();
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const credentialKind = !options.credentials
    ? 'none'
    : 'apiKey' in options.credentials
      ? 'api-key'
      : 'basic';
  let upgradeModeOn = false;
  let cleanup: CleanupResult = { jobs: 0, datafeeds: 0, errors: [] };
  const results = new Map<string, CheckResult>();
  let requestCount = 0;
  let tidiedJobs = 0;
  let tidiedDatafeeds = 0;
  let target: TargetInfo | undefined;
  try {
    const probe = await probeTarget(http, credentialKind);
    if (options.viewerCredentials) {
      const viewer = await http.request({
        method: 'GET',
        path: '/',
        auth: { authorization: authorization(options.viewerCredentials)! },
      });
      if (viewer.status === 401)
        throw new TargetError(
          '401 for the viewer credentials: check --viewer-api-key or --viewer-username/--viewer-password',
        );
    }
    const foreign = await foreignJobIds(http, prefix);
    target = {
      url: redactor.text(url),
      version: probe.version,
      embedded: embedded !== undefined,
      testControl: probe.testControl,
      capabilities: probe.capabilities,
      hasCredentials: options.credentials !== undefined,
      credentialKind,
      username:
        options.credentials && 'username' in options.credentials ? options.credentials.username : undefined,
      hasViewer: options.viewerCredentials !== undefined,
      ...(options.viewerCredentials
        ? { viewerAuthorization: authorization(options.viewerCredentials)! }
        : {}),
      foreignJobs: foreign.length,
      allowDestructive: options.allowDestructive ?? false,
    };
    const targetSummary: RunReport['target'] = {
      url: target.url,
      embedded: target.embedded,
      version: target.version ?? null,
      testControl: target.testControl,
      capabilities: [...target.capabilities].sort(),
      credentials: credentialKind,
    };
    for (const reporter of reporters)
      reporter.onRunStart?.({ runId, seed, target: targetSummary, checks: selected.length });

    let indexCreated: Promise<string> | undefined;
    const currentTarget = target;
    const shared: RunShared = {
      http,
      target: currentTarget,
      runPrefix: prefix,
      runSeed: seed,
      dataIndex: () => {
        indexCreated ??= (async () => {
          const index = runIndex(runId);
          const response = await http.request({
            method: 'PUT',
            path: `/${encodeSegment(index)}`,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ mappings: { properties: { timestamp: { type: 'date' } } } }),
          });
          if (response.status !== 200)
            throw new Error(
              `could not create the index ${index}: ${response.status} ${response.text.slice(0, 200)}`,
            );
          return index;
        })();
        return indexCreated;
      },
      upgradeModeTouched: (enabled) => {
        upgradeModeOn = upgradeModeOn || enabled;
      },
    };
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) controller.abort();

    let sequence = 0;
    let done = 0;
    const finish = (result: CheckResult): void => {
      results.set(result.id, result);
      done++;
      for (const reporter of reporters) reporter.onCheckEnd?.(result, { done, total: selected.length });
    };
    const replayBase = [
      'mlclose-conformance',
      ...(embedded ? [] : ['--target', shellQuote(target.url)]),
      ...(credentialKind === 'api-key'
        ? ['--api-key', '"$ELASTIC_API_KEY"']
        : credentialKind === 'basic'
          ? ['--username', shellQuote(target.username ?? ''), '--password', '"$ELASTIC_PASSWORD"']
          : []),
      ...(target.allowDestructive ? ['--allow-destructive'] : []),
      '--seed',
      String(seed),
    ];
    const runOne = async (check: CheckDefinition, liveTarget: TargetInfo): Promise<void> => {
      const checkSeed = deriveSeed(seed, check.id);
      const base = {
        id: check.id,
        title: check.title,
        requirements: [...check.requirements],
        seed: checkSeed,
        notes: [] as string[],
      };
      if (controller.signal.aborted) {
        finish({
          ...base,
          status: 'skipped',
          durationMs: 0,
          skipReason: 'the run was interrupted',
          failures: [],
        });
        return;
      }
      for (const need of check.needs ?? []) {
        const reason = unmetNeed(need, liveTarget);
        if (reason) {
          finish({ ...base, status: 'skipped', durationMs: 0, skipReason: reason, failures: [] });
          return;
        }
      }
      const ctx = new Context(check, { ...shared, target: liveTarget }, ++sequence, controller.signal);
      const t0 = performance.now();
      let skipReason: string | undefined;
      try {
        await check.run(ctx);
      } catch (error) {
        if (error instanceof CheckSkip) skipReason = error.message;
        else if (!(error instanceof CheckAbort)) {
          const message = error instanceof Error ? error.message : String(error);
          ctx.failures.push({
            requirements: [...check.requirements],
            message: `unexpected error: ${redactor.text(message)}`,
          });
        } else if (controller.signal.aborted && ctx.failures.length === 0) {
          skipReason = 'the run was interrupted';
        }
      }
      const durationMs = performance.now() - t0;
      // Tidy up the check's own jobs and datafeeds at once, so that a real cluster never holds more open jobs than
      // the checks in flight need (ML nodes limit open jobs and memory). Bystanders are never under a check prefix.
      const tidied = await cleanupPrefix(http, ctx.prefix).catch(() => undefined);
      if (tidied) {
        tidiedJobs += tidied.jobs;
        tidiedDatafeeds += tidied.datafeeds;
      }
      let status: CheckStatus;
      if (skipReason !== undefined && ctx.failures.length === 0) status = 'skipped';
      else if (ctx.failures.length === 0) status = 'passed';
      else {
        const verified = new Map(REQUIREMENTS.map((r) => [r.id as string, r.verified]));
        status = ctx.failures.some((f) => f.requirements.some((id) => verified.get(id) !== false))
          ? 'failed'
          : 'warned';
      }
      finish({
        ...base,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        ...(skipReason !== undefined && status === 'skipped' ? { skipReason } : {}),
        // Failures quote responses, which a careless server may fill with the request's credentials.
        failures: JSON.parse(redactor.text(JSON.stringify(ctx.failures))) as typeof ctx.failures,
        notes: ctx.notes.map((note) => redactor.text(note)),
        ...(status === 'failed' || status === 'warned'
          ? { transcript: ctx.exchanges, replay: [...replayBase, '--only', check.id].join(' ') }
          : {}),
      });
    };

    // Bystanders: jobs of this run that no check's expression may reach; verified before the exclusive phase.
    const order = (checks: CheckDefinition[], phase: string) =>
      shuffle ? shuffled(checks, deriveSeed(seed, phase)) : checks;
    const parallel = order(
      selected.filter((c) => (c.phase ?? 'parallel') === 'parallel'),
      'parallel',
    );
    const bystanderChecks = selected.filter((c) => c.phase === 'bystanders');
    const exclusive = order(
      selected.filter((c) => c.phase === 'exclusive'),
      'exclusive',
    );

    const setupCheck = bystanderChecks.find((c) => c.id === BYSTANDER_CHECK_ID);
    if (setupCheck && 'setup' in setupCheck) {
      const ctx = new Context(setupCheck, shared, ++sequence, controller.signal);
      try {
        await (setupCheck as CheckDefinition & { setup(ctx: Context): Promise<void> }).setup(ctx);
      } catch {
        // A failed setup leaves the map empty; the bystander check then reports it.
      }
    }

    let next = 0;
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, parallel.length)) }, async () => {
        while (next < parallel.length) await runOne(parallel[next++]!, currentTarget);
      }),
    );
    for (const check of bystanderChecks) await runOne(check, currentTarget);
    if (exclusive.length > 0) {
      // The exclusive checks close _all: start them from a small target by removing what the run created so far.
      const early = await cleanupRun(http, runId, {
        upgradeModeOn,
        testControl: currentTarget.testControl,
      }).catch(() => undefined);
      if (early) {
        cleanup = early;
        if (early.errors.length === 0) indexCreated = undefined;
      }
      // Re-count foreign jobs right before closing _all: someone may have created one meanwhile.
      let liveTarget = currentTarget;
      try {
        liveTarget = { ...currentTarget, foreignJobs: (await foreignJobIds(http, prefix)).length };
      } catch {
        liveTarget = { ...currentTarget, foreignJobs: Number.MAX_SAFE_INTEGER };
      }
      for (const check of exclusive) await runOne(check, liveTarget);
    }
    options.signal?.removeEventListener('abort', onAbort);
  } finally {
    if (target) {
      const final = await cleanupRun(http, runId, { upgradeModeOn, testControl: target.testControl }).catch(
        (error: unknown) => ({
          jobs: 0,
          datafeeds: 0,
          errors: [String(error)],
        }),
      );
      cleanup = {
        jobs: cleanup.jobs + final.jobs + tidiedJobs,
        datafeeds: cleanup.datafeeds + final.datafeeds + tidiedDatafeeds,
        errors: [...cleanup.errors, ...final.errors],
      };
    }
    requestCount = http.requests;
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
    results,
    requests: requestCount,
    cleanup,
    interrupted: options.signal?.aborted ?? false,
    replay: [
      'mlclose-conformance',
      ...(target!.embedded ? [] : ['--target', shellQuote(target!.url)]),
      ...(options.allowDestructive ? ['--allow-destructive'] : []),
      ...(only.length > 0 ? ['--only', only.join(',')] : []),
      '--seed',
      String(seed),
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
  const failed =
    checks.some((check) => check.status === 'failed') || requirements.some((r) => r.status === 'failed');
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
    verdict: failed ? 'non-conformant' : 'conformant',
    interrupted: input.interrupted,
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
