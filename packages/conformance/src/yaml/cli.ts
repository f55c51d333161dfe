// `mlclose-conformance yaml <file-or-dir>... --api <dir>`: the command line of runYamlTests. Target, credentials,
// TLS and report options are read by the main command's parser (../cli.ts), so they behave the same.
import { parseArgs } from 'node:util';
import { parseCli } from '../cli.js';
import { UsageError } from '../usage-error.js';
import { TargetError } from '../target.js';
import {
  yamlConsoleReporter,
  yamlHtmlReporter,
  yamlJsonReporter,
  yamlJunitReporter,
  type YamlReporter,
} from './report.js';
import { runYamlTests, type YamlRunOptions } from './runner.js';

export const YAML_USAGE = `Usage:
  mlclose-conformance yaml <file-or-dir>... --api DIR [--target URL] [--api-key KEY | --username U --password P]
                      [--ca FILE | --insecure] [--allow-destructive] [--test SUBSTR] [--skip-list FILE]
                      [--cluster-features F,...] [--allowed-warnings-regex REGEX]...
                      [--junit FILE] [--json FILE] [--html FILE] [--verbose]

Runs Elasticsearch's YAML REST tests. --api is a directory of Elastic's REST API descriptions
(rest-api-spec/api/*.json). Elastic's tests assume they own the cluster: without --allow-destructive the target
must hold no ML job, datafeed or index; with it, the runner wipes them (hidden .ml-* indices and cluster
settings too, as Elastic's runner does) before the run and after every test.
--skip-list FILE lists known gaps (a YAML list of { file, test, reason }). Like Elastic's runner, a test fails on
a Warning header its step neither expects nor allows; --allowed-warnings-regex REGEX (repeatable; a Java regex
matching the whole message, as allowed_warnings_regex) allows a warning in every step, for tests written for
clients that ignore warnings or older than a deprecation. --verbose prints every request and
response (credentials redacted). Exit codes: 0 all passed, 1 a test failed, 2 usage, connection or
authentication problem, 130 interrupted.`;

/** Options shared with the main command, handed to its parser. */
const SHARED = [
  'target',
  'api-key',
  'username',
  'password',
  'ca',
  'insecure',
  'junit',
  'json',
  'html',
  'verbose',
  'allow-destructive',
] as const;

/** Parses the arguments after `yaml`; throws UsageError. Exported for tests. */
export function parseYamlCli(argv: readonly string[], env: NodeJS.ProcessEnv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        api: { type: 'string' },
        test: { type: 'string' },
        'skip-list': { type: 'string' },
        'cluster-features': { type: 'string' },
        'allowed-warnings-regex': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        target: { type: 'string' },
        'api-key': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        ca: { type: 'string' },
        insecure: { type: 'boolean' },
        junit: { type: 'string' },
        json: { type: 'string' },
        html: { type: 'string' },
        verbose: { type: 'boolean' },
        'allow-destructive': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help) return { help: true } as const;
  const shared: string[] = [];
  for (const name of SHARED) {
    const value = v[name];
    if (value === true) shared.push(`--${name}`);
    else if (typeof value === 'string') shared.push(`--${name}`, value);
  }
  const common = parseCli(shared, env);
  if (parsed.positionals.length === 0) throw new UsageError('yaml: give at least one YAML file or directory');
  if (v.api === undefined) throw new UsageError("yaml: --api DIR (Elastic's rest-api-spec/api) is required");
  if (v.test !== undefined && v.test.trim() === '') throw new UsageError('--test: empty');
  const options: YamlRunOptions = {
    paths: parsed.positionals,
    api: v.api,
    ...(common.target !== undefined ? { target: common.target } : {}),
    ...(common.credentials ? { credentials: common.credentials } : {}),
    ...(common.tls ? { tls: common.tls } : {}),
    ...(v.test !== undefined ? { test: v.test } : {}),
    ...(v['skip-list'] !== undefined ? { skipList: v['skip-list'] } : {}),
    allowDestructive: common.allowDestructive,
    allowedWarningsRegex: v['allowed-warnings-regex'] ?? [],
    clusterFeatures: (v['cluster-features'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
  return {
    help: false,
    options,
    verbose: common.verbose,
    json: common.json,
    junit: common.junit,
    html: common.html,
  } as const;
}

/** Runs the yaml command; resolves to the exit code. */
export async function yamlMain(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseYamlCli(argv, process.env);
  } catch (error) {
    process.stderr.write(
      `mlclose-conformance yaml: ${error instanceof Error ? error.message : String(error)}\n\n${YAML_USAGE}\n`,
    );
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${YAML_USAGE}\n`);
    return 0;
  }
  const reporters: YamlReporter[] = [yamlConsoleReporter({ verbose: args.verbose })];
  if (args.json) reporters.push(yamlJsonReporter(args.json));
  if (args.junit) reporters.push(yamlJunitReporter(args.junit));
  if (args.html) reporters.push(yamlHtmlReporter(args.html));
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\ninterrupted: finishing the current test (press Ctrl-C again to stop at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const report = await runYamlTests({ ...args.options, reporters, signal: controller.signal });
    if (interrupted || report.interrupted) return 130;
    return report.verdict === 'passed' ? 0 : 1;
  } catch (error) {
    if (error instanceof TargetError || error instanceof UsageError) {
      process.stderr.write(`mlclose-conformance yaml: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `mlclose-conformance yaml: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
