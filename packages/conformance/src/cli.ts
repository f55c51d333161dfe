#!/usr/bin/env node
// mlclose-conformance: the command line of the suite. Exit codes: 0 conformant, 1 not conformant or incomplete
// (a planned check did not run), 2 usage, connection or authentication problem, 130 interrupted.
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanupRun } from './cleanup.js';
import { HttpTarget, type TlsOptions } from './http.js';
import { authorization, credentialKind, secrets, type Credentials } from './credentials.js';
import { Redactor } from './redact.js';
import { consoleReporter } from './report/console.js';
import { htmlReporter, jsonReporter, junitReporter } from './report/files.js';
import type { Reporter } from './report/types.js';
import type { VitestReporterSpec } from './runner.js';
import { probeTarget, TargetError } from './target.js';
import { UsageError } from './usage-error.js';
import { allChecks } from './checks/index.js';

/** Vitest's built-in reporters that --vitest-reporter accepts. */
export const VITEST_REPORTERS = [
  'default',
  'verbose',
  'dot',
  'tap',
  'tap-flat',
  'json',
  'junit',
  'github-actions',
];

const USAGE = `Usage:
  mlclose-conformance [--target URL] [--api-key KEY | --username U --password P]
                      [--viewer-api-key KEY | --viewer-username U --viewer-password P]
                      [--ca FILE | --insecure] [--allow-destructive] [--only ID,...] [--seed N]
                      [--junit FILE] [--json FILE] [--html FILE] [--concurrency N] [--no-shuffle] [--verbose]
                      [--bail] [--check-timeout SECONDS] [--vitest-reporter NAME[:FILE] ...]
  mlclose-conformance cleanup --run-id ID [--target URL] [credentials and TLS options]
  mlclose-conformance list
  mlclose-conformance yaml <file-or-dir>... --api DIR [target, credentials, TLS and report options]

Without --target (or ELASTICSEARCH_URL) the embedded reference server is started and tested.
The checks run as vitest tests; --vitest-reporter adds one of vitest's reporters (${VITEST_REPORTERS.join(', ')}),
its output to FILE when given. --bail stops at the first failed check. --check-timeout (default 120) fails a
check that runs longer, timed from when it gets a slot.
ELASTIC_API_KEY is used when no credentials are given. Exit codes: 0 conformant, 1 not conformant or
incomplete (a planned check did not run: bailed, timed out, nothing selected), 2 usage, connection or
authentication problem, 130 interrupted.`;

/** Parses argv; throws UsageError. Exported for tests. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv) {
  const [first] = argv;
  const command = first === 'cleanup' || first === 'list' ? first : 'run';
  const rest = command === 'run' ? [...argv] : argv.slice(1);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: 'string' },
        'api-key': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'viewer-api-key': { type: 'string' },
        'viewer-username': { type: 'string' },
        'viewer-password': { type: 'string' },
        ca: { type: 'string' },
        insecure: { type: 'boolean' },
        'allow-destructive': { type: 'boolean' },
        only: { type: 'string' },
        seed: { type: 'string' },
        junit: { type: 'string' },
        json: { type: 'string' },
        html: { type: 'string' },
        concurrency: { type: 'string' },
        'no-shuffle': { type: 'boolean' },
        verbose: { type: 'boolean' },
        'run-id': { type: 'string' },
        bail: { type: 'boolean' },
        'check-timeout': { type: 'string' },
        'vitest-reporter': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  let target = v.target ?? (env.ELASTICSEARCH_URL || undefined);
  let credentials: Credentials | undefined;
  if (v['api-key'] !== undefined && (v.username !== undefined || v.password !== undefined)) {
    throw new UsageError('use either --api-key or --username/--password, not both');
  }
  if ((v.username === undefined) !== (v.password === undefined))
    throw new UsageError('--username and --password go together');
  if (v['api-key'] !== undefined) credentials = { apiKey: v['api-key'] };
  else if (v.username !== undefined) credentials = { username: v.username, password: v.password! };
  if (target !== undefined) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new UsageError(`--target is not a URL: ${target}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UsageError(`--target must be http:// or https://, got ${url.protocol}`);
    if (url.username && !credentials) {
      credentials = {
        username: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      };
    }
    url.username = '';
    url.password = '';
    target = url.toString().replace(/\/$/, '');
  }
  if (!credentials && env.ELASTIC_API_KEY) credentials = { apiKey: env.ELASTIC_API_KEY };
  if ((v['viewer-username'] === undefined) !== (v['viewer-password'] === undefined)) {
    throw new UsageError('--viewer-username and --viewer-password go together');
  }
  const viewerCredentials: Credentials | undefined =
    v['viewer-api-key'] !== undefined
      ? { apiKey: v['viewer-api-key'] }
      : v['viewer-username'] !== undefined
        ? { username: v['viewer-username'], password: v['viewer-password']! }
        : undefined;
  if (v.ca !== undefined && v.insecure) throw new UsageError('use either --ca or --insecure, not both');
  let tls: TlsOptions | undefined;
  if (v.ca !== undefined) {
    try {
      tls = { ca: readFileSync(v.ca) };
    } catch (error) {
      throw new UsageError(
        `cannot read --ca ${v.ca}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } else if (v.insecure) tls = { insecure: true };
  let seed: number | undefined;
  if (v.seed !== undefined) {
    if (!/^\d{1,10}$/.test(v.seed) || Number(v.seed) > 0xffffffff)
      throw new UsageError(`--seed must be a non-negative integer, got ${v.seed}`);
    seed = Number(v.seed);
  }
  let concurrency: number | undefined;
  if (v.concurrency !== undefined) {
    if (!/^\d+$/.test(v.concurrency) || Number(v.concurrency) < 1 || Number(v.concurrency) > 64)
      throw new UsageError('--concurrency must be 1..64');
    concurrency = Number(v.concurrency);
  }
  const only =
    v.only === undefined
      ? []
      : v.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  let checkTimeoutMs: number | undefined;
  if (v['check-timeout'] !== undefined) {
    if (!/^\d{1,5}$/.test(v['check-timeout']) || Number(v['check-timeout']) < 1)
      throw new UsageError(
        `--check-timeout must be a whole number of seconds, 1 or more, got ${v['check-timeout']}`,
      );
    checkTimeoutMs = Number(v['check-timeout']) * 1000;
  }
  const vitestReporters = (v['vitest-reporter'] ?? []).map((entry): VitestReporterSpec => {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? entry : entry.slice(0, colon);
    const file = colon < 0 ? undefined : entry.slice(colon + 1);
    if (!VITEST_REPORTERS.includes(name))
      throw new UsageError(
        `--vitest-reporter: unknown reporter '${name}'; use one of ${VITEST_REPORTERS.join(', ')}`,
      );
    if (file === '') throw new UsageError(`--vitest-reporter ${name}: the file after ':' is empty`);
    return file === undefined ? name : [name, { outputFile: file }];
  });
  if (command === 'cleanup' && v['run-id'] === undefined) throw new UsageError('cleanup needs --run-id ID');
  if (command === 'cleanup' && target === undefined)
    throw new UsageError('cleanup needs --target URL (or ELASTICSEARCH_URL)');
  return {
    command,
    help: v.help ?? false,
    target,
    credentials,
    viewerCredentials,
    tls,
    seed,
    concurrency,
    only,
    allowDestructive: v['allow-destructive'] ?? false,
    shuffle: !(v['no-shuffle'] ?? false),
    verbose: v.verbose ?? false,
    junit: v.junit,
    json: v.json,
    html: v.html,
    runId: v['run-id'],
    bail: v.bail ?? false,
    checkTimeoutMs,
    vitestReporters,
  } as const;
}

async function main(): Promise<number> {
  if (process.argv[2] === 'yaml') return (await import('./yaml/cli.js')).yamlMain(process.argv.slice(3));
  let args;
  try {
    args = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(
      `mlclose-conformance: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`,
    );
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'list') {
    for (const check of allChecks())
      process.stdout.write(`${check.id}\t${check.requirements.join(',')}\t${check.title}\n`);
    return 0;
  }
  if (args.command === 'cleanup') {
    const header = authorization(args.credentials);
    const redactor = new Redactor(secrets(args.credentials));
    const http = new HttpTarget(args.target!, {
      ...(header ? { authorization: header } : {}),
      ...(args.tls ? { tls: args.tls } : {}),
      redactor,
    });
    try {
      const probe = await probeTarget(http, credentialKind(args.credentials));
      const result = await cleanupRun(http, args.runId!, {
        testControl: probe.testControl,
        byPrefix: probe.capabilities.has('delete_by_prefix'),
      });
      process.stdout.write(
        `cleanup of run ${args.runId}: ${result.jobs} job(s), ${result.datafeeds} datafeed(s) removed\n`,
      );
      for (const error of result.errors) process.stderr.write(`  ${error}\n`);
      return result.errors.length > 0 ? 1 : 0;
    } catch (error) {
      process.stderr.write(
        `mlclose-conformance: ${redactor.text(error instanceof Error ? error.message : String(error))}\n`,
      );
      return 2;
    } finally {
      http.close();
    }
  }
  const reporters: Reporter[] = [consoleReporter({ verbose: args.verbose })];
  if (args.json) reporters.push(jsonReporter(args.json));
  if (args.junit) reporters.push(junitReporter(args.junit));
  if (args.html) reporters.push(htmlReporter(args.html));
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\ninterrupted: cleaning up (press Ctrl-C again to leave resources behind)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // Loaded only for a run: the runner loads vitest, which bad usage, --help, list and cleanup do not need.
    const { runConformance } = await import('./runner.js');
    const report = await runConformance({
      ...(args.target !== undefined ? { target: args.target } : {}),
      ...(args.credentials ? { credentials: args.credentials } : {}),
      ...(args.viewerCredentials ? { viewerCredentials: args.viewerCredentials } : {}),
      ...(args.tls ? { tls: args.tls } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
      only: args.only,
      allowDestructive: args.allowDestructive,
      shuffle: args.shuffle,
      bail: args.bail,
      ...(args.checkTimeoutMs !== undefined ? { checkTimeoutMs: args.checkTimeoutMs } : {}),
      vitestReporters: args.vitestReporters,
      reporters,
      signal: controller.signal,
    });
    if (interrupted) return 130;
    return report.verdict === 'conformant' ? 0 : 1;
  } catch (error) {
    if (error instanceof TargetError || error instanceof UsageError) {
      process.stderr.write(`mlclose-conformance: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `mlclose-conformance: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// Run only as a program, not when imported by tests.
function invokedAsProgram(): boolean {
  try {
    return (
      process.argv[1] !== undefined &&
      realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
    );
  } catch {
    return false;
  }
}
const invokedDirectly = invokedAsProgram();
if (invokedDirectly) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`mlclose-conformance: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
