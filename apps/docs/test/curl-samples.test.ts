// Runs every generated curl sample, exactly as the docs print it, against the reference server, and compares
// the answer with the response the docs show for it (a named example of the spec).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunningServer } from '@mlclose/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import { consoleSample, curlSample, pythonSample } from '../scripts/lib/samples.mjs';
import { documentedResponse, loadExamples } from '../scripts/lib/examples.mjs';
import { docsRoot } from './support/paths.js';
import { API_KEY, Cluster, startReferenceServer, type JobSetup } from './support/reference-server.js';

const run = promisify(execFile);
const examples: any[] = loadExamples(path.join(docsRoot, 'samples/examples.json'), spec);
const cases: { id: string; example: any }[] = examples.map((example) => ({ id: example.id, example }));

let server: RunningServer;
let cluster: Cluster;

beforeAll(async () => {
  server = await startReferenceServer();
  cluster = new Cluster(server.url);
});
afterAll(() => server?.close());

async function runCurl(source: string, env: Record<string, string>) {
  // The sample is one shell command line; run it with bash, as a reader would paste it.
  const { stdout } = await run('/bin/bash', ['-c', source], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  return stdout;
}

/** Parses each source with Python's own parser; resolves to python3's exit code. */
function pythonParses(sources: string[]): Promise<number | null> {
  const program = 'import ast, json, sys\nfor src in json.load(sys.stdin):\n    ast.parse(src)';
  const child = execFile('python3', ['-c', program]);
  child.stdin!.end(JSON.stringify(sources));
  return new Promise((resolve) => child.on('close', resolve));
}

describe('samples against the reference server', () => {
  it.each(cases)('$id answers what the docs show', async ({ example }) => {
    await cluster.reset();
    for (const job of example.setup.jobs as JobSetup[]) await cluster.createJob(job);
    const before = await cluster.states();

    const stdout = await runCurl(curlSample(example), {
      ELASTICSEARCH_URL: server.url,
      ELASTIC_API_KEY: API_KEY,
    });

    const documented = documentedResponse(spec, example);
    expect(JSON.parse(stdout)).toEqual(documented.value);
    const after = await cluster.states();
    if (documented.status === 200) {
      // Every example that succeeds closes every job it set up.
      expect(after).toEqual(Object.fromEntries(Object.keys(before).map((id) => [id, 'closed'])));
    } else {
      // A failed close is all-or-nothing: nothing changed.
      expect(after).toEqual(before);
    }
  });

  it.each(cases)(
    '$id: the Console form sends the same request and gets the same answer',
    async ({ example }) => {
      await cluster.reset();
      for (const job of example.setup.jobs as JobSetup[]) await cluster.createJob(job);
      // Console form: `METHOD path` on the first line, an optional JSON body below.
      const [requestLine, ...bodyLines] = consoleSample(example).split('\n');
      const [method, target] = requestLine!.split(' ');
      const body = bodyLines.length > 0 ? JSON.parse(bodyLines.join('\n')) : undefined;
      const answer = await cluster.request(method!, `/${target}`, body);
      const documented = documentedResponse(spec, example);
      expect(answer).toEqual({ status: documented.status, body: documented.value });
    },
  );

  it('every Python sample is valid Python, and the check catches one that is not', async () => {
    expect(await pythonParses(examples.map((example) => pythonSample(example)))).toBe(0);
    expect(await pythonParses(['resp = client.ml.close_job(\n    job_id="x",\n'])).not.toBe(0);
  });

  it('a curl sample that does not match its documented answer is caught (wrong credentials give 401)', async () => {
    const example = examples.find((ex: any) => ex.primary);
    await cluster.reset();
    for (const job of example.setup.jobs as JobSetup[]) await cluster.createJob(job);
    const stdout = await runCurl(curlSample(example), {
      ELASTICSEARCH_URL: server.url,
      ELASTIC_API_KEY: 'wrong',
    });
    expect(JSON.parse(stdout)).not.toEqual(documentedResponse(spec, example).value);
    expect(JSON.parse(stdout).status).toBe(401);
  });
});
