// runYamlTests: runs Elastic's YAML REST tests against a target, as ESClientYamlSuiteTestCase does. For each test:
// evaluate the prerequisites (file, setup, teardown and the test's own), clear the stash, run setup, the test's
// steps, then teardown (always), then wipe the target when allowed. A failure stops the test at that step and is
// reported with its section, step number, expected and actual values.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { HttpTarget, type Exchange, type TlsOptions } from '../http.js';
import { authorization, credentialKind, secrets, type Credentials } from '../credentials.js';
import { Redactor } from '../redact.js';
import { UsageError } from '../usage-error.js';
import { probeTarget, TargetError } from '../target.js';
import { VERSION } from '../version.js';
import { ApiCallError, loadRestSpec, type RestSpec } from './api-spec.js';
import { AssertionFailure, runAssertion } from './assertions.js';
import { executeDo, type LastResponse } from './do-section.js';
import { compileJavaRegex, JavaRegexError } from './java-regex.js';
import { isMap, javaToString, type JavaValue } from './java-values.js';
import { SuiteParseError } from './parse-error.js';
import { skipReason, type CapabilitiesCheck, type TargetFacts } from './prerequisites.js';
import type {
  YamlFailure,
  YamlFileResult,
  YamlReporter,
  YamlRunReport,
  YamlTally,
  YamlTestResult,
} from './report.js';
import { findSkip, parseSkipList, type SkipEntry } from './skip-list.js';
import { Stash, StashError } from './stash.js';
import { parseSuite, type Section, type Step, type TestSuite } from './suite.js';
import { indicesNamedBy, settingsSetBy, targetContents, wipeTarget, WIPE_STEPS } from './wipe.js';
import { loadYamlDocuments } from './yaml-load.js';

export interface YamlRunOptions {
  /** YAML test files, or directories searched recursively for *.yml and *.yaml. */
  paths: readonly string[];
  /** Directory of Elastic's REST API descriptions (rest-api-spec/api/*.json). */
  api: string;
  /** The server to test. @default an embedded @mlclose/server on 127.0.0.1 port 0 */
  target?: string;
  /** Credentials sent with every request. @default none */
  credentials?: Credentials;
  /** TLS options for https targets. @default system CAs, verified */
  tls?: TlsOptions;
  /** Run only the tests whose `file/test name` contains this text. @default all */
  test?: string;
  /** A skip list file (known gaps, each with a reason; see ./skip-list.ts). @default none */
  skipList?: string;
  /** Let the runner wipe the target between tests; without it the target must be empty. @default false */
  allowDestructive?: boolean;
  /**
   * Warnings every do section allows besides its own, as Java regexes matching the whole message (like a step's
   * `allowed_warnings_regex`). Elastic's runner fails on any warning a step does not expect or allow; this is
   * for tests written for clients that ignore warnings, or older than a deprecation. @default none
   */
  allowedWarningsRegex?: readonly string[];
  /** Cluster features the target has, for `cluster_features` prerequisites (gte_vX.Y.Z come from its version). @default none */
  clusterFeatures?: readonly string[];
  /** Progress and output. @default [] */
  reporters?: readonly YamlReporter[];
  /** Stops the run after the current test; the report says `interrupted`. */
  signal?: AbortSignal;
  /** Per-request timeout in milliseconds. @default 30000 */
  requestTimeoutMs?: number;
}

interface LoadedFile {
  file: string;
  suite?: TestSuite;
  error?: string;
}

async function collectFiles(paths: readonly string[]): Promise<Array<{ absolute: string; display: string }>> {
  const out: Array<{ absolute: string; display: string }> = [];
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (info.isFile()) {
      out.push({ absolute: path.resolve(given), display: path.basename(given) });
      continue;
    }
    const walk = async (dir: string): Promise<void> => {
      for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (/\.ya?ml$/.test(entry.name))
          out.push({
            absolute: path.resolve(full),
            display: path.relative(given, full).split(path.sep).join('/'),
          });
      }
    };
    await walk(given);
  }
  if (out.length === 0) throw new UsageError(`no YAML test files (*.yml, *.yaml) in ${paths.join(', ')}`);
  return out;
}

function tally(statuses: readonly string[]): YamlTally {
  return {
    total: statuses.length,
    passed: statuses.filter((s) => s === 'passed').length,
    failed: statuses.filter((s) => s === 'failed').length,
    skipped: statuses.filter((s) => s === 'skipped').length,
  };
}

class StepFailure extends Error {
  constructor(readonly failure: YamlFailure) {
    super(failure.message);
  }
}

interface TestContext {
  http: HttpTarget;
  spec: RestSpec;
  stash: Stash;
  last: LastResponse | undefined;
  transcript: Exchange[];
  notes: string[];
  redactor: Redactor;
  allowedWarningsRegex: readonly RegExp[];
}

function actualValue(ctx: TestContext, field: string): unknown {
  // Assertion.getActualValue: a stashed field ($body, $name, ${name}) comes from the stash, else from the response.
  if (ctx.stash.containsStashedValue(field)) return ctx.stash.getValue(field);
  return ctx.last?.evaluate(field, ctx.stash);
}

function expectedValue(ctx: TestContext, value: JavaValue): JavaValue {
  // Assertion.resolveExpectedValue: a map has its stashed values replaced; a stashed string is looked up.
  if (isMap(value)) return ctx.stash.replaceStashedValues(value);
  if (ctx.stash.containsStashedValue(value)) return ctx.stash.getValue(value);
  return value;
}

async function runStep(step: Step, ctx: TestContext): Promise<void> {
  switch (step.kind) {
    case 'do': {
      const response = await executeDo(step, {
        http: ctx.http,
        spec: ctx.spec,
        stash: ctx.stash,
        record: (e) => ctx.transcript.push(e),
        note: (m) => ctx.notes.push(m),
        allowedWarningsRegex: ctx.allowedWarningsRegex,
      });
      if (response) ctx.last = response;
      return;
    }
    case 'set':
      for (const [source, key] of step.entries)
        ctx.stash.set(key, (ctx.last?.evaluate(source, ctx.stash) ?? null) as JavaValue);
      return;
    case 'transform_and_set':
      // TransformAndSetSection: { name: "#base64EncodeCredentials(id,api_key)" } joins two response values with
      // ':' and base64-encodes them; "#base64Encode(text)" encodes the text; anything else is stashed as written.
      for (const [key, value] of step.entries) {
        if (value.startsWith('#base64EncodeCredentials(') && value.endsWith(')')) {
          const params = value.slice('#base64EncodeCredentials('.length, value.lastIndexOf(')')).split(',');
          if (params.length !== 2)
            throw new AssertionFailure(
              'base64EncodeCredentials requires a username/id and a password parameters',
            );
          const [id, secret] = params.map((p) => javaToString(ctx.last?.evaluate(p.trim(), ctx.stash)));
          ctx.stash.set(key, Buffer.from(`${id}:${secret}`, 'utf8').toString('base64'));
        } else if (value.startsWith('#base64Encode(') && value.endsWith(')')) {
          ctx.stash.set(
            key,
            Buffer.from(value.slice('#base64Encode('.length, value.lastIndexOf(')')), 'utf8').toString(
              'base64',
            ),
          );
        } else ctx.stash.set(key, value);
      }
      return;
    case 'unknown':
      throw new AssertionFailure(`unsupported section [${step.name}]: this runner does not implement it`);
    default:
      runAssertion(step, actualValue(ctx, step.field), expectedValue(ctx, step.expected));
  }
}

async function runSection(
  name: YamlFailure['section'],
  section: Section | undefined,
  ctx: TestContext,
): Promise<void> {
  if (!section) return;
  const offset = section.prerequisites ? 1 : 0;
  for (const [i, step] of section.steps.entries()) {
    try {
      await runStep(step, ctx);
    } catch (error) {
      const known =
        error instanceof AssertionFailure ||
        error instanceof ApiCallError ||
        error instanceof StashError ||
        error instanceof JavaRegexError;
      if (!known) throw error;
      const failure: YamlFailure = {
        section: name,
        step: i + 1 + offset,
        kind: step.kind === 'unknown' ? step.name : step.kind,
        message: ctx.redactor.text(error.message),
      };
      if (error instanceof AssertionFailure) {
        if (error.expected !== undefined) failure.expected = error.expected;
        if (error.actual !== undefined)
          failure.actual = typeof error.actual === 'string' ? ctx.redactor.text(error.actual) : error.actual;
      }
      throw new StepFailure(failure);
    }
  }
}

/** Runs the YAML tests and returns the report. Throws TargetError (unreachable, auth, not empty) or UsageError. */
export async function runYamlTests(options: YamlRunOptions): Promise<YamlRunReport> {
  const started = Date.now();
  const reporters = options.reporters ?? [];
  if (options.paths.length === 0) throw new UsageError('give at least one YAML file or directory');
  const files = await collectFiles(options.paths);
  let spec: RestSpec;
  let skipEntries: SkipEntry[] = [];
  try {
    spec = await loadRestSpec(options.api);
    if (options.skipList !== undefined) {
      let text: string;
      try {
        text = await readFile(options.skipList, 'utf8');
      } catch (error) {
        throw new UsageError(
          `cannot read --skip-list ${options.skipList}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      skipEntries = parseSkipList(text, options.skipList);
    }
  } catch (error) {
    if (error instanceof SuiteParseError) throw new UsageError(error.message);
    throw error;
  }
  const allowedWarningsRegex = (options.allowedWarningsRegex ?? []).map((source) => {
    try {
      return compileJavaRegex(source, { comments: false, anchored: true });
    } catch (error) {
      throw new UsageError(
        `--allowed-warnings-regex ${source}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  const loaded: LoadedFile[] = [];
  for (const { absolute, display } of files) {
    try {
      loaded.push({
        file: display,
        suite: parseSuite(loadYamlDocuments(await readFile(absolute, 'utf8'), display), display),
      });
    } catch (error) {
      loaded.push({ file: display, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const selected = (file: string, test: string) =>
    options.test === undefined || `${file}/${test}`.includes(options.test);
  const testCount = loaded.reduce(
    (n, f) => n + (f.suite?.tests.filter((t) => selected(f.file, t.name)).length ?? 0),
    0,
  );
  if (options.test !== undefined && testCount === 0)
    throw new UsageError(`--test: no test matches '${options.test}'`);

  const embedded =
    options.target === undefined
      ? await (await import('@mlclose/server')).startServer({ host: '127.0.0.1', port: 0, testControl: true })
      : undefined;
  const url = options.target ?? embedded!.url;
  const redactor = new Redactor(secrets(options.credentials));
  const auth = authorization(options.credentials);
  let http: HttpTarget;
  try {
    http = new HttpTarget(url, {
      ...(auth ? { authorization: auth } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      redactor,
      timeoutMs: options.requestTimeoutMs ?? 30_000,
    });
  } catch (error) {
    await embedded?.close();
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const kind = credentialKind(options.credentials);
  const allowDestructive = options.allowDestructive ?? false;
  const wipeErrors: string[] = [];
  const results: YamlFileResult[] = [];
  let interrupted = false;
  try {
    const probe = await probeTarget(http, kind);
    if (!allowDestructive) {
      const contents = await targetContents(http);
      if (contents.length > 0)
        throw new TargetError(
          `the target is not empty: it holds ${contents.join(', ')}. Elastic's YAML tests assume they own the cluster and ` +
            `its runner wipes it between tests. Use an empty target, or pass --allow-destructive to let this runner wipe ` +
            `it before the run and after every test (${WIPE_STEPS.join('; ')}).`,
        );
    }
    const target = {
      url: redactor.text(http.url('')),
      embedded: embedded !== undefined,
      version: probe.version ?? null,
      credentials: kind,
    } as const;
    for (const r of reporters) r.onRunStart?.({ target, files: loaded.length, tests: testCount });
    const capabilityCache = new Map<string, boolean>();
    const facts: TargetFacts = {
      version: probe.version,
      clusterFeatures: new Set(options.clusterFeatures ?? []),
      async hasCapabilities(check: CapabilitiesCheck) {
        const query = new URLSearchParams({ method: check.method, path: check.path });
        if (check.parameters) query.set('parameters', check.parameters);
        if (check.capabilities) query.set('capabilities', check.capabilities);
        const key = query.toString();
        if (!capabilityCache.has(key)) {
          const response = await http.request({ method: 'GET', path: `/_capabilities?${key}` });
          capabilityCache.set(
            key,
            response.status === 200 &&
              (response.json as { supported?: unknown } | undefined)?.supported === true,
          );
        }
        return capabilityCache.get(key)!;
      },
    };
    if (allowDestructive) wipeErrors.push(...(await wipeTarget(http)));
    for (const file of loaded) {
      if (!file.suite) {
        results.push({
          file: file.file,
          status: 'failed',
          error: redactor.text(file.error ?? 'unreadable'),
          tests: [],
        });
        continue;
      }
      const suite = file.suite;
      const tests: YamlTestResult[] = [];
      for (const test of suite.tests) {
        if (!selected(file.file, test.name)) continue;
        if (options.signal?.aborted) {
          interrupted = true;
          break;
        }
        const testStarted = performance.now();
        const result: YamlTestResult = {
          name: test.name,
          status: 'passed',
          durationMs: 0,
          notes: [],
          transcript: [],
        };
        const listed = findSkip(skipEntries, file.file, test.name);
        const reason = listed
          ? `skip list: ${listed.reason}`
          : ((await skipReason(suite.requires, `${file.file}`, facts)) ??
            (await skipReason(suite.setup?.prerequisites, `${file.file} setup`, facts)) ??
            (await skipReason(suite.teardown?.prerequisites, `${file.file} teardown`, facts)) ??
            (await skipReason(test.section.prerequisites, `${file.file}/${test.name}`, facts)));
        if (reason !== undefined) {
          result.status = 'skipped';
          result.skipReason = reason;
        } else {
          const ctx: TestContext = {
            http,
            spec,
            stash: new Stash(),
            last: undefined,
            transcript: result.transcript,
            notes: result.notes,
            redactor,
            allowedWarningsRegex,
          };
          try {
            await runSection('setup', suite.setup, ctx);
            await runSection('test', test.section, ctx);
          } catch (error) {
            result.status = 'failed';
            result.failure =
              error instanceof StepFailure
                ? error.failure
                : {
                    section: 'test',
                    step: 0,
                    kind: 'error',
                    message: redactor.text(error instanceof Error ? error.message : String(error)),
                  };
          }
          try {
            await runSection('teardown', suite.teardown, ctx);
          } catch (error) {
            const failure: YamlFailure =
              error instanceof StepFailure
                ? error.failure
                : {
                    section: 'teardown',
                    step: 0,
                    kind: 'error',
                    message: redactor.text(error instanceof Error ? error.message : String(error)),
                  };
            if (result.status === 'failed')
              result.notes.push(`teardown also failed at step ${failure.step}: ${failure.message}`);
            else {
              result.status = 'failed';
              result.failure = failure;
            }
          }
          if (allowDestructive) {
            const errors = await wipeTarget(http, (e) => result.transcript.push(e), {
              indices: indicesNamedBy(result.transcript),
              settings: settingsSetBy(result.transcript),
            });
            for (const e of errors) result.notes.push(`wipe: ${e}`);
            wipeErrors.push(...errors.map((e) => `${file.file}/${test.name}: ${e}`));
          }
        }
        result.durationMs = performance.now() - testStarted;
        tests.push(result);
        for (const r of reporters) r.onTestEnd?.(file.file, result);
      }
      if (tests.length > 0 || options.test === undefined) {
        const statuses = tests.map((t) => t.status);
        results.push({
          file: file.file,
          status: statuses.includes('failed')
            ? 'failed'
            : statuses.length > 0 && statuses.every((s) => s === 'skipped')
              ? 'skipped'
              : 'passed',
          tests,
        });
      }
      if (interrupted) break;
    }
    const allTests = results.flatMap((f) => f.tests.map((t) => t.status));
    const finished = Date.now();
    const report: YamlRunReport = {
      schemaVersion: 1,
      kind: 'yaml-rest-tests',
      tool: { name: '@mlclose/conformance', version: VERSION },
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
      target,
      options: {
        paths: [...options.paths],
        api: options.api,
        test: options.test ?? null,
        skipList: options.skipList ?? null,
        allowDestructive,
        clusterFeatures: [...(options.clusterFeatures ?? [])],
        allowedWarningsRegex: [...(options.allowedWarningsRegex ?? [])],
      },
      verdict:
        allTests.includes('failed') || results.some((f) => f.error !== undefined) ? 'failed' : 'passed',
      interrupted,
      summary: { files: tally(results.map((f) => f.status)), tests: tally(allTests) },
      requests: { count: http.requests },
      wipe: { enabled: allowDestructive, steps: allowDestructive ? [...WIPE_STEPS] : [], errors: wipeErrors },
      files: results,
    };
    for (const r of reporters) await r.onRunEnd?.(report);
    return report;
  } finally {
    http.close();
    await embedded?.close();
  }
}
