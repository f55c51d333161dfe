#!/usr/bin/env node
// mlclose-server: runs the reference server from the command line.
import { parseArgs } from 'node:util';
import { startServer, type ServerOptions } from './index.js';
import { parseByteSize } from './rules/byte-size.js';

const HELP = `Usage: mlclose-server [options]

The mlclose reference server: Elasticsearch's close anomaly detection jobs API
(POST /_ml/anomaly_detectors/{job_id}/_close) and the APIs needed around it.

Options:
  --host HOST               Interface to listen on (default 127.0.0.1)
  --port PORT               Port to listen on; 0 picks a free port (default 9200)
  --api-key KEY[:ROLE]      Accept "Authorization: ApiKey KEY" (repeatable). ROLE defaults to
                            superuser; superuser and machine_learning_admin may use ML write
                            APIs, any other role (e.g. viewer) gets 403
  --user NAME:PASSWORD[:ROLE]
                            Accept basic authentication for NAME (repeatable); ROLE as above
  --data-dir DIR            Keep jobs, datafeeds, indices, documents and states in DIR (SQLite);
                            without it, state is in memory only
  --ml-node-memory SIZE     Machine memory of the ML node, e.g. 8gb or 64gb (default 8gb). The
                            node uses 30% of it for jobs; a job whose model_memory_limit does
                            not fit cannot open (429), or waits in state opening if it allows
                            lazy open. Shown as the node attribute ml.machine_memory and in
                            GET /_ml/info limits
  --test-control            Enable the test-control APIs under /_mlclose/test
  --cors-allow-origin ORIGIN
                            Answer CORS requests from ORIGIN (or '*')
  --help                    Show this help

Security is on as soon as one --api-key or --user is given: every request then needs
credentials. Once listening, the server prints one line: "listening on http://HOST:PORT".
SIGTERM and SIGINT shut it down gracefully (exit code 0).
`;

function fail(message: string): never {
  process.stderr.write(`mlclose-server: ${message}\nTry 'mlclose-server --help'.\n`);
  process.exit(2);
}

function parseOptions(argv: string[]): ServerOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'api-key': { type: 'string', multiple: true },
        user: { type: 'string', multiple: true },
        'data-dir': { type: 'string' },
        'test-control': { type: 'boolean' },
        'cors-allow-origin': { type: 'string' },
        'ml-node-memory': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values;
  if (values.help) return 'help';
  const options: ServerOptions = {};
  if (values.host !== undefined) {
    if (values.host === '') fail('--host needs a value');
    options.host = values.host;
  }
  if (values.port !== undefined) {
    if (!/^[0-9]+$/u.test(values.port) || Number(values.port) > 65535)
      fail(`invalid --port '${values.port}': expected 0-65535`);
    options.port = Number(values.port);
  }
  options.apiKeys = (values['api-key'] ?? []).map((spec) => {
    // The encoded key is base64 and never contains ':', so the last ':' separates a role.
    const at = spec.lastIndexOf(':');
    const key = at < 0 ? spec : spec.slice(0, at);
    const role = at < 0 ? undefined : spec.slice(at + 1);
    if (key === '' || role === '') fail('invalid --api-key: expected KEY or KEY:ROLE');
    return role === undefined ? { key } : { key, role };
  });
  options.users = (values.user ?? []).map((spec) => {
    const parts = spec.split(':');
    if (parts.length < 2 || parts.length > 3 || parts[0] === '' || parts[1] === '' || parts[2] === '') {
      fail('invalid --user: expected NAME:PASSWORD or NAME:PASSWORD:ROLE');
    }
    const [name = '', password = '', role] = parts;
    return role === undefined ? { name, password } : { name, password, role };
  });
  if (values['data-dir'] !== undefined) {
    if (values['data-dir'] === '') fail('--data-dir needs a value');
    options.dataDir = values['data-dir'];
  }
  if (values['ml-node-memory'] !== undefined) {
    let bytes: number;
    try {
      bytes = parseByteSize(values['ml-node-memory'], 'ml-node-memory');
    } catch {
      fail(`invalid --ml-node-memory '${values['ml-node-memory']}': expected a size such as 8gb`);
    }
    if (!(bytes > 0)) fail(`invalid --ml-node-memory '${values['ml-node-memory']}': must be positive`);
    options.mlNodeMemoryBytes = bytes;
  }
  if (values['test-control']) options.testControl = true;
  if (values['cors-allow-origin'] !== undefined) options.corsAllowOrigin = values['cors-allow-origin'];
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }
  // Signal handlers go in before the ready line, so a signal right after it is always graceful.
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    if (!server) process.exit(0);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    server = await startServer(options);
  } catch (error) {
    process.stderr.write(
      `mlclose-server: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`listening on ${server.url}\n`);
}

void main();
