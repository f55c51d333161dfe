// The `mlclose` command, as a function so tests can run it in-process. Node-only (node:util); the client
// entry (index.ts) never imports this file.
import { parseArgs } from 'node:util';
import type { Auth } from './client-options.js';
import {
  createClient,
  ConnectionError,
  RequestAbortedError,
  ResponseError,
  TimeoutError,
  ValidationError,
} from './index.js';
import { retry } from './retry.js';

/** Exit codes of `mlclose`. */
export const EXIT = {
  /** The jobs are closed. */
  ok: 0,
  /** Elasticsearch answered with an error (`ResponseError`). */
  response: 1,
  /** Bad command line, environment or input (`ValidationError`). */
  usage: 2,
  /** No answer: connection refused or failed, or `--request-timeout` expired. */
  connection: 3,
  /** A bug: an error the client should never throw. */
  internal: 70,
  /** Interrupted (Ctrl-C). */
  aborted: 130,
} as const;

export const USAGE = `Usage: mlclose close <job_id...> [options]

Closes anomaly detection jobs: POST /_ml/anomaly_detectors/<job_id,...>/_close

Each <job_id> may be a job id, a group, a wildcard (quote it: 'foo-*') or _all.

Options:
  --force                   Force close (also closes failed jobs).
  --timeout <duration>      How long Elasticsearch waits for the close, e.g. 5m (server default 30m).
  --allow-no-match[=false]  Whether a wildcard or _all may match nothing (server default true).
  --query-params            Send the options in the query string instead of a JSON body.
  --request-timeout <ms>    Client-side limit; exit 3 when it expires (default: none).
  --retries <n>             Retry 429/502/503/504 and refused connections n times (default 0).
  --url <url>               Elasticsearch URL (default: $ELASTICSEARCH_URL).
  -h, --help                Show this help.

Environment:
  ELASTICSEARCH_URL         Elasticsearch URL, e.g. https://localhost:9200
  ELASTIC_API_KEY           API key (Authorization: ApiKey ...), as in Elastic's curl examples
  ELASTIC_USERNAME, ELASTIC_PASSWORD
                            Basic auth, used when ELASTIC_API_KEY is not set

Prints the JSON result on stdout. On failure prints one line to stderr and exits with
0 ok, 1 Elasticsearch error response, 2 usage, 3 connection failure or timeout,
70 unexpected error, 130 interrupted.
`;

/** What `run` writes to and reads from, so tests need no child process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborts the request (Ctrl-C). */
  signal?: AbortSignal;
  /** The fetch to use; for tests. */
  fetch?: (input: Request) => Promise<Response>;
}

const BOOLEAN = /^--(force|allow-no-match)$/;

/** Runs `mlclose` with `argv` (without `node` and the script) and resolves to the exit code. */
export async function run(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const fail = (code: number, message: string) => {
    // One line, whatever the Elasticsearch reason holds.
    io.stderr(`mlclose: ${message.replace(/\s+/g, ' ')}\n`);
    return code;
  };
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      // `--force` and `--allow-no-match` take an optional `=true|false`.
      args: argv.map((arg) => (BOOLEAN.test(arg) ? `${arg}=true` : arg)),
      allowPositionals: true,
      options: {
        force: { type: 'string' },
        timeout: { type: 'string' },
        'allow-no-match': { type: 'string' },
        'query-params': { type: 'boolean' },
        'request-timeout': { type: 'string' },
        retries: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return fail(EXIT.usage, `${(error as Error).message} (see mlclose --help)`);
  }
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const [command, ...jobIds] = positionals;
  if (command !== 'close' || !jobIds.length)
    return fail(EXIT.usage, 'usage: mlclose close <job_id...> (see mlclose --help)');
  const flag = (name: string): boolean | undefined => {
    const value = values[name];
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false')
      throw new ValidationError(`--${name} takes true or false, not ${value}`);
    return value === 'true';
  };
  const count = (name: string): number | undefined => {
    const value = values[name] as string | undefined;
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new ValidationError(`--${name} takes a whole number, not ${value}`);
    return +value;
  };

  try {
    const url = (values.url as string | undefined) ?? env.ELASTICSEARCH_URL;
    if (!url) return fail(EXIT.usage, 'set ELASTICSEARCH_URL or pass --url');
    const auth: Auth | undefined = env.ELASTIC_API_KEY
      ? { apiKey: env.ELASTIC_API_KEY }
      : env.ELASTIC_USERNAME
        ? { username: env.ELASTIC_USERNAME, password: env.ELASTIC_PASSWORD ?? '' }
        : undefined;
    const retries = count('retries');
    const client = createClient({
      node: url,
      auth,
      fetch: io.fetch,
      requestTimeout: count('request-timeout'),
      retry: retries ? retry({ retries }) : undefined,
      paramsIn: values['query-params'] ? 'query' : 'body',
    });
    const result = await client.ml.closeJob(
      {
        job_id: jobIds,
        force: flag('force'),
        allow_no_match: flag('allow-no-match'),
        timeout: values.timeout as string | undefined,
      },
      { signal: io.signal },
    );
    io.stdout(`${JSON.stringify(result)}\n`);
    return EXIT.ok;
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof ResponseError) return fail(EXIT.response, message);
    if (error instanceof ValidationError) return fail(EXIT.usage, message);
    if (error instanceof RequestAbortedError) return fail(EXIT.aborted, message);
    if (error instanceof ConnectionError || error instanceof TimeoutError)
      return fail(EXIT.connection, message);
    return fail(EXIT.internal, `unexpected error: ${message}`);
  }
}
