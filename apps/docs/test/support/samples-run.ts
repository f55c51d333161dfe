// Runs the docs' samples, each exactly as printed, against a started reference server, and compares what each
// printed with the answer the docs show for it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import { documentedResponse, loadExamples } from '../../scripts/lib/examples.mjs';
import { artifacts, dist, docsRoot, requireBuiltSite } from './paths.js';
import { runChild } from './run-child.js';
import { API_KEY } from './reference-server.js';

/** Debian's interpreter, where python3-elasticsearch installs; not the first `python3` on the PATH. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** What a sample did: printed answers, or an error answer (status and body), or a call its client refused. */
export type Outcome =
  | { ok: true; printed: unknown[] }
  | { ok: false; status: number; body: unknown }
  | { ok: false; error: string };

export interface Documented {
  status: number;
  value: unknown;
  unstable: string[];
  partial: boolean;
}

/** Runs `file args…` with only `env` (and PATH), stdin /dev/null; resolves with stdout if it exits 0. */
async function run(file: string, args: string[], env: Record<string, string>): Promise<string> {
  const result = await runChild(file, args, {
    cwd: docsRoot,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  if (result.code !== 0) {
    throw new Error(
      `${file} ${args.join(' ')} failed: exit ${result.code ?? result.signal}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

const serverEnv = (url: string, apiKey = API_KEY) => ({ ELASTICSEARCH_URL: url, ELASTIC_API_KEY: apiKey });

/** The curl sample, run with bash as a reader pastes it; `$ELASTICSEARCH_URL` is the server's URL. */
export async function runCurl(source: string, url: string, apiKey = API_KEY): Promise<unknown> {
  return JSON.parse(await run('/bin/bash', ['-c', source], serverEnv(url, apiKey)));
}

/**
 * A harness that runs samples one after another in one process and speaks one JSON line per request and per answer
 * (./run-js-sample.mjs, ./run-python-sample.py, ./check-ruby-sample.rb, ./check-php-sample.php): it starts on the
 * first sample and ends after the test file. An answer `{fatal}` (the sample threw something other than an error
 * answer), a line that is not JSON (the harness is then ended, so that no late line is taken for the next sample's
 * answer), or a harness that dies fails that sample, with the stack or the harness's stderr.
 */
export function useLineRunner<Answer = Outcome>(
  name: string,
  file: string,
  args: string[],
): (request: object) => Promise<Answer> {
  interface Harness {
    process: ChildProcessWithoutNullStreams;
    /** The samples sent to this process and not answered yet, oldest first. */
    waiting: { resolve(answer: Answer): void; reject(error: Error): void }[];
  }
  let current: Harness | undefined;
  const start = (): Harness => {
    let stderr = '';
    const started = spawn(file, args, {
      cwd: docsRoot,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      stdio: 'pipe',
    });
    const harness: Harness = { process: started, waiting: [] };
    // From now on the next sample starts another harness; this one fails what it still owes.
    const retire = (error: Error) => {
      if (current === harness) current = undefined;
      for (const entry of harness.waiting.splice(0)) entry.reject(error);
    };
    createInterface({ input: started.stdout }).on('line', (line) => {
      const entry = harness.waiting.shift();
      let answer: Answer | { fatal: string } | undefined;
      try {
        answer = JSON.parse(line) as Answer | { fatal: string };
      } catch {
        answer = undefined;
      }
      if (!entry || answer === undefined) {
        // Out of step (the sample printed past the harness, or printed when nothing was asked): a later line could be
        // taken for the next sample's answer. This sample fails, and the harness is ended.
        entry?.reject(new Error(`the ${name} answered something other than JSON: ${line}`));
        retire(new Error(`the ${name} was ended: it printed out of step`));
        started.kill();
        return;
      }
      if (typeof answer === 'object' && answer !== null && 'fatal' in answer)
        entry.reject(new Error(`the sample threw: ${answer.fatal}`));
      else entry.resolve(answer as Answer);
    });
    started.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    started.stdin.on('error', () => {}); // a dead harness is reported by 'close' below
    // It could not start (or be signalled).
    started.once('error', retire);
    started.once('close', (code, signal) =>
      retire(new Error(`the ${name} exited (${code ?? signal}) mid-sample\n${stderr}`)),
    );
    return harness;
  };
  afterAll(async () => {
    const running = current?.process;
    if (!running) return;
    const exited = new Promise((resolve) => running.once('close', resolve));
    running.stdin.end();
    // A harness stuck in a sample never reads the end of its input.
    const stuck = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(stuck);
  });
  return (request) => {
    current ??= start();
    const harness = current;
    const answer = new Promise<Answer>((resolve, reject) => harness.waiting.push({ resolve, reject }));
    harness.process.stdin.write(`${JSON.stringify(request)}\n`);
    return answer;
  };
}

/** Runs a JavaScript sample: `elasticsearch` for @elastic/elasticsearch samples, `none` for complete programs. */
export type JavaScriptRun = (
  name: string,
  source: string,
  url: string,
  client: 'elasticsearch' | 'none',
) => Promise<Outcome>;

/** The JavaScript samples of one test file, run in one Node process (./run-js-sample.mjs). */
export function useJavaScriptRunner(): JavaScriptRun {
  const send = useLineRunner('JavaScript sample runner', process.execPath, [
    path.join(docsRoot, 'test/support/run-js-sample.mjs'),
  ]);
  return (name, source, url, client) => {
    // Under apps/docs, so that the sample's imports resolve from the docs' own dependencies.
    const dir = path.join(artifacts, 'js-run');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.mjs`);
    writeFileSync(file, source);
    return send({ file, client, env: serverEnv(url) });
  };
}

/** The Python samples of one test file, run on Elastic's Python client of Debian's python3-elasticsearch in one process. */
export function usePythonRunner(): (source: string, url: string) => Promise<Outcome> {
  const send = useLineRunner('Python sample runner', DEBIAN_PYTHON, [
    path.join(docsRoot, 'test/support/run-python-sample.py'),
  ]);
  return (source, url) => send({ source, env: serverEnv(url) });
}

function pointer(document: unknown, ptr: string): { parent: any; key: string } {
  const keys = ptr
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = keys.pop()!;
  const parent = keys.reduce((node: any, k) => node?.[k], document);
  return { parent, key };
}

/**
 * `actual` with each unstable value (a time, a node id, chosen by the server) replaced by the documented one,
 * after checking it is there with the documented value's type.
 */
export function settle(actual: unknown, documented: Documented): unknown {
  const copy = structuredClone(actual);
  for (const ptr of documented.unstable) {
    const want = pointer(documented.value, ptr);
    const got = pointer(copy, ptr);
    expect(got.parent?.[got.key], `unstable ${ptr} is missing`).toBeDefined();
    expect(typeof got.parent[got.key], `type of ${ptr}`).toBe(typeof want.parent[want.key]);
    got.parent[got.key] = want.parent[want.key];
  }
  return copy;
}

/** `actual` is the documented answer; for an excerpt (`partial`), it has every documented field as shown. */
export function expectAnswer(actual: unknown, documented: Documented): void {
  const settled = settle(actual, documented);
  if (documented.partial) expect(settled).toMatchObject(documented.value as object);
  else expect(settled).toEqual(documented.value);
}

/** The sample printed the documented answer once (a 2xx), or got the documented error answer. */
export function expectDocumented(outcome: Outcome, documented: Documented): void {
  if (documented.status < 300) {
    expect(outcome).toMatchObject({ ok: true });
    const { printed } = outcome as { printed: unknown[] };
    expect(printed).toHaveLength(1);
    expectAnswer(printed[0], documented);
  } else {
    expect(outcome).toEqual({ ok: false, status: documented.status, body: documented.value });
  }
}

/** The samples exactly as the built pages show them (dist/samples.json): example id → language id → source. */
export function builtSamples(): Map<string, Record<string, string>> {
  requireBuiltSite();
  const { samples } = JSON.parse(readFileSync(path.join(dist, 'samples.json'), 'utf8')) as {
    samples: Record<string, { id: string; source: string }[]>;
  };
  return new Map(
    Object.entries(samples).map(([id, list]) => [id, Object.fromEntries(list.map((s) => [s.id, s.source]))]),
  );
}

/** Every example of samples/examples.json with its built samples and its documented answer. */
export function exampleCases() {
  const examples: any[] = loadExamples(path.join(docsRoot, 'samples/examples.json'), spec);
  const printed = builtSamples();
  return examples.map((example) => ({
    id: example.id as string,
    example,
    samples: printed.get(example.id)!,
    documented: documentedResponse(spec, example) as Documented,
  }));
}
