// The reference server for the docs' tests, through the shared driver (@mlclose/server/testing), with an API
// key; plus the set-up an example lists (samples/examples.json `setup`), made as a user would make it.
import { startTestServer, type ServerDriver, type TestServer } from '@mlclose/server/testing';
import { afterAll, beforeAll } from 'vitest';
import { spec } from '@mlclose/schema/spec';

export const API_KEY = 'bWxjbG9zZS1kb2NzOnRlc3Qta2V5'; // base64("mlclose-docs:test-key"), any opaque string works

export interface JobSetup {
  job_id: string;
  groups?: string[];
  state: 'opened' | 'closed' | 'failed';
  /** Records posted to the opened job (post data, as ndjson) after it opens. */
  records?: object[];
}

export interface DatafeedSetup {
  datafeed_id: string;
  job_id: string;
  state: 'started' | 'stopped';
}

/** What an example needs on the cluster before its call (samples/examples.json `setup`). */
export interface Setup {
  indices?: string[];
  jobs?: JobSetup[];
  datafeeds?: DatafeedSetup[];
}

/** The create-job body of the spec's own example, so the docs set up jobs the way the reference documents. */
const createJobExample = (spec.paths as any)['/_ml/anomaly_detectors/{job_id}'].put.requestBody.content[
  'application/json'
].examples['low-request-rate'].value;

/** Sends a set-up request, which must answer 200 as the spec says. */
async function must(server: ServerDriver, op: string, method: string, path: string, body?: object) {
  const response = await server.request(method, path, { op, body });
  if (response.status !== 200) throw new Error(`${method} ${path}: HTTP ${response.status} ${response.text}`);
}

/** Creates a job from the spec's example, in `groups`, brings it to `state` and posts its `records`. */
export async function createJob(
  server: ServerDriver,
  { job_id, groups = [], state, records }: JobSetup,
): Promise<void> {
  const path = `/_ml/anomaly_detectors/${encodeURIComponent(job_id)}`;
  await must(server, 'ml-put-job', 'PUT', path, { ...createJobExample, groups });
  if (state === 'opened' || state === 'failed') await server.openJob(job_id);
  if (state === 'failed') await server.failJob(job_id);
  if (records !== undefined) {
    const response = await server.request('POST', `${path}/_data`, {
      op: 'ml-post-data',
      body: records.map((record) => `${JSON.stringify(record)}\n`).join(''),
      headers: { 'Content-Type': 'application/x-ndjson' },
    });
    if (response.status !== 202)
      throw new Error(`POST ${path}/_data: HTTP ${response.status} ${response.text}`);
  }
}

/** Resets the server and creates what `setup` lists: indices, then jobs, then datafeeds. */
export async function prepare(server: ServerDriver, { indices = [], jobs = [], datafeeds = [] }: Setup) {
  await server.reset();
  for (const index of indices) await must(server, 'indices-create', 'PUT', `/${encodeURIComponent(index)}`);
  for (const job of jobs) await createJob(server, job);
  for (const { datafeed_id, job_id, state } of datafeeds) {
    await server.putDatafeed(datafeed_id, job_id, indices);
    if (state === 'started') {
      await must(
        server,
        'ml-start-datafeed',
        'POST',
        `/_ml/datafeeds/${encodeURIComponent(datafeed_id)}/_start`,
      );
    }
  }
}

/** Starts the reference server (with the API key) before the file's tests and stops it after. */
export function useReferenceServer(): { readonly server: TestServer } {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(
      { apiKeys: [{ key: API_KEY }] },
      { headers: { Authorization: `ApiKey ${API_KEY}` } },
    );
  });
  afterAll(() => server?.close());
  return {
    get server() {
      return server!;
    },
  };
}
