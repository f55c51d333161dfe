// The built ESM entry, bundled unchanged into one file (as for the browser), closes jobs on the reference server
// from real Deno and Bun processes, from a module Web Worker in each, and from a Node worker_threads Worker.
// The runtimes are the `deno` and `bun` devDependencies: their platform binaries (optional dependencies) run
// directly, so no install script is needed (bun's would fall back to downloading, so pnpm must not run it).
// Deno gets --allow-net=127.0.0.1 (plus read access to the bundle directory for the worker) and nothing else.
// Both get a scratch HOME/TMPDIR/DENO_DIR/cache, no inherited environment (no proxy), no remote, npm or
// auto-install, and a time limit per process.
import { execFile } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@mlclose/server/testing';
import { API_KEY, openJobs as createOpenJobs, startSecuredServer } from './helpers/secured-server.js';

const DENO_VERSION = '2.9.6';
const BUN_VERSION = '1.4.5';
/** Upper bound for one runtime process (start-up included); a hang fails the test instead of blocking it. */
const PROCESS_LIMIT_MS = 60_000;

const require = createRequire(import.meta.url);

/** The native binary of a runtime package, from its platform package (what its postinstall would link). */
function runtimeBinary(name: 'deno' | 'bun'): string {
  const { platform, arch } = process;
  const target =
    name === 'deno'
      ? `@deno/${platform}-${arch}${platform === 'linux' ? '-glibc' : ''}/deno`
      : `@oven/bun-${platform}-${arch === 'arm64' ? 'aarch64' : arch}/bin/bun`;
  const wrapper = realpathSync(require.resolve(`${name}/package.json`));
  return createRequire(wrapper).resolve(target);
}

// proof.js: runtime-agnostic, web APIs only. Returns what it saw, errors included, so the test asserts it all.
const PROOF = `import { createClient, ResponseError } from './client.js';

export function runtime() {
  if (typeof Deno !== 'undefined') return 'deno ' + Deno.version.deno;
  if (typeof Bun !== 'undefined') return 'bun ' + Bun.version;
  return 'node ' + process.versions.node;
}

const outcome = (promise) =>
  promise.then(
    (ok) => ({ ok }),
    (e) => ({
      error: { name: e.name, statusCode: e.statusCode, type: e.type, reason: e.reason, typed: e instanceof ResponseError },
    }),
  );

export async function proof(node, ids) {
  const client = createClient({ node, auth: { apiKey: ${JSON.stringify(API_KEY)} } });
  return {
    runtime: runtime(),
    closed: await outcome(client.ml.closeJob({ job_id: ids, timeout: '1m' })),
    missing: await outcome(client.ml.closeJob({ job_id: 'missing' })),
  };
}
`;

// main.js: node URL and job ids as arguments, one JSON line on stdout.
const MAIN = `import { proof } from './proof.js';
const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
console.log(JSON.stringify(await proof(args[0], args.slice(1))));
`;

// web-worker.js + worker-main.js: the same, from a module Web Worker (the standard Worker API).
const WEB_WORKER = `import { proof } from './proof.js';
self.onmessage = async ({ data }) => {
  self.postMessage(await proof(data.node, data.ids));
};
`;
const WORKER_MAIN = `import { runtime } from './proof.js';
const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
const worker = new Worker(new URL('./web-worker.js', import.meta.url).href, { type: 'module' });
const result = await new Promise((resolve, reject) => {
  worker.onmessage = ({ data }) => resolve(data);
  worker.onerror = (event) => reject(new Error('worker: ' + (event.message ?? event)));
  worker.postMessage({ node: args[0], ids: args.slice(1) });
});
worker.terminate();
console.log(JSON.stringify({ main: runtime(), ...result }));
`;

// node-worker.js: the same, from a Node worker_threads Worker.
const NODE_WORKER = `import { parentPort, workerData } from 'node:worker_threads';
import { proof } from './proof.js';
parentPort.postMessage(await proof(workerData.node, workerData.ids));
`;

let dir: string;
let es: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlclose-runtimes-'));
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('../dist/index.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'client.js'), bundled.outputFiles[0]!.text);
  writeFileSync(join(dir, 'proof.js'), PROOF);
  writeFileSync(join(dir, 'main.js'), MAIN);
  writeFileSync(join(dir, 'web-worker.js'), WEB_WORKER);
  writeFileSync(join(dir, 'worker-main.js'), WORKER_MAIN);
  writeFileSync(join(dir, 'node-worker.js'), NODE_WORKER);
  es = await startSecuredServer();
});

afterAll(async () => {
  await es?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a runtime binary in `dir` with a clean environment and a scratch HOME/TMPDIR; resolves with the JSON
 * line it prints, rejects on a non-zero exit, a signal or the time limit. */
function run(
  binary: string,
  args: string[],
  env: (scratch: string) => Record<string, string>,
): Promise<unknown> {
  const scratch = mkdtempSync(join(dir, 'scratch-'));
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: scratch,
          TMPDIR: scratch,
          NO_COLOR: '1',
          ...env(scratch),
        },
        timeout: PROCESS_LIMIT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: 1 << 20,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${binary} ${args.join(' ')}: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!));
      },
    );
  });
}

const deno = (script: string, node: string, ids: string[]) =>
  run(
    runtimeBinary('deno'),
    [
      'run',
      '--allow-net=127.0.0.1',
      // A Web Worker's module is loaded like a dynamic import: it needs read access (to this directory only).
      ...(script === 'worker-main.js' ? [`--allow-read=${dir}`] : []),
      '--no-prompt',
      '--no-remote',
      '--no-npm',
      '--no-config',
      '--no-lock',
      script,
      node,
      ...ids,
    ],
    (scratch) => ({ DENO_DIR: join(scratch, 'deno'), DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' }),
  );

const bun = (script: string, node: string, ids: string[]) =>
  run(runtimeBinary('bun'), ['run', '--no-install', script, node, ...ids], (scratch) => ({
    BUN_INSTALL_CACHE_DIR: join(scratch, 'bun-cache'),
    BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
    DO_NOT_TRACK: '1',
  }));

function nodeWorker(node: string, ids: string[]): Promise<unknown> {
  const worker = new Worker(pathToFileURL(join(dir, 'node-worker.js')), { workerData: { node, ids } });
  return new Promise<unknown>((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error('node worker: no answer')), PROCESS_LIMIT_MS);
    worker.once('message', (result) => {
      clearTimeout(limit);
      resolve(result);
    });
    worker.once('error', (error) => {
      clearTimeout(limit);
      reject(error);
    });
  }).finally(() => worker.terminate());
}

/** Creates and opens `<prefix>-1` and `<prefix>-2`, checks they are open, and returns their ids. */
async function openJobs(prefix: string): Promise<string[]> {
  const ids = [`${prefix}-1`, `${prefix}-2`];
  await createOpenJobs(es, ids);
  for (const id of ids) expect(await es.state(id)).toBe('opened');
  return ids;
}

const MISSING = {
  error: {
    name: 'ResponseError',
    statusCode: 404,
    type: 'resource_not_found_exception',
    reason: "No known job with id 'missing'",
    typed: true,
  },
};

const proved = (runtime: string) => ({ runtime, closed: { ok: { closed: true } }, missing: MISSING });

describe.each([
  ['Deno', `deno ${DENO_VERSION}`, deno],
  ['Bun', `bun ${BUN_VERSION}`, bun],
] as const)('%s', (name, runtime, launch) => {
  const prefix = name.toLowerCase();

  it('closes jobs and gets a typed 404 ResponseError', async () => {
    const ids = await openJobs(prefix);
    expect(await launch('main.js', es.url, ids)).toEqual(proved(runtime));
    for (const id of ids) expect(await es.state(id)).toBe('closed');
  });

  it('closes jobs from a module Web Worker', async () => {
    const ids = await openJobs(`${prefix}-worker`);
    expect(await launch('worker-main.js', es.url, ids)).toEqual({ main: runtime, ...proved(runtime) });
    for (const id of ids) expect(await es.state(id)).toBe('closed');
  });

  it('reports a wrong job id as the 404, and closes nothing', async () => {
    const [open] = await openJobs(`${prefix}-kept`);
    expect(await launch('main.js', es.url, [`${prefix}-nope`])).toEqual({
      ...proved(runtime),
      closed: { error: { ...MISSING.error, reason: `No known job with id '${prefix}-nope'` } },
    });
    expect(await es.state(open!)).toBe('opened');
  });
});

describe('Node worker_threads', () => {
  it('closes jobs and gets a typed 404 ResponseError', async () => {
    const ids = await openJobs('node-worker');
    expect(await nodeWorker(es.url, ids)).toEqual(proved(`node ${process.versions.node}`));
    for (const id of ids) expect(await es.state(id)).toBe('closed');
  });
});
