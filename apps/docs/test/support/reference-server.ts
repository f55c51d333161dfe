// Drives the reference server (@mlclose/server) over plain HTTP, as a user would set up a cluster: create jobs,
// open them, and (with test control) make them fail.
import { startServer, type RunningServer } from '@mlclose/server';
import { afterAll, beforeAll } from 'vitest';
import { spec } from '@mlclose/schema/spec';

export const API_KEY = 'bWxjbG9zZS1kb2NzOnRlc3Qta2V5'; // base64("mlclose-docs:test-key"), any opaque string works

export interface JobSetup {
  job_id: string;
  groups?: string[];
  state: 'opened' | 'closed' | 'failed';
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

export async function startReferenceServer(): Promise<RunningServer> {
  return startServer({ port: 0, testControl: true, apiKeys: [{ key: API_KEY }] });
}

export class Cluster {
  constructor(readonly url: string) {}

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(this.url + path, {
      method,
      headers: {
        authorization: `ApiKey ${API_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  private async must(method: string, path: string, body?: unknown) {
    const result = await this.request(method, path, body);
    if (result.status !== 200)
      throw new Error(`${method} ${path}: HTTP ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  reset() {
    return this.must('POST', '/_mlclose/test/_reset');
  }

  async createJob({ job_id, groups = [], state }: JobSetup) {
    await this.must('PUT', `/_ml/anomaly_detectors/${encodeURIComponent(job_id)}`, {
      ...createJobExample,
      groups,
    });
    if (state === 'opened' || state === 'failed') {
      await this.must('POST', `/_ml/anomaly_detectors/${encodeURIComponent(job_id)}/_open`);
    }
    if (state === 'failed')
      await this.must('POST', `/_mlclose/test/anomaly_detectors/${encodeURIComponent(job_id)}/_fail`);
  }

  /** Resets the cluster and creates what `setup` lists: indices, then jobs, then datafeeds. */
  async prepare({ indices = [], jobs = [], datafeeds = [] }: Setup) {
    await this.reset();
    for (const index of indices) await this.must('PUT', `/${encodeURIComponent(index)}`);
    for (const job of jobs) await this.createJob(job);
    for (const { datafeed_id, job_id, state } of datafeeds) {
      await this.must('PUT', `/_ml/datafeeds/${encodeURIComponent(datafeed_id)}`, {
        job_id,
        indices,
      });
      if (state === 'started')
        await this.must('POST', `/_ml/datafeeds/${encodeURIComponent(datafeed_id)}/_start`);
    }
  }

  /** Job id → state, for every job. */
  async states(): Promise<Record<string, string>> {
    const { status, body } = await this.request('GET', '/_ml/anomaly_detectors/_all/_stats');
    if (status !== 200) throw new Error(`job stats: HTTP ${status}`);
    return Object.fromEntries(
      body.jobs.map((job: { job_id: string; state: string }) => [job.job_id, job.state]),
    );
  }
}

/** Starts a reference server before the file's tests and stops it after; read `url` and `cluster` in tests. */
export function useReferenceServer(): { readonly url: string; readonly cluster: Cluster } {
  let server: RunningServer | undefined;
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    server = await startReferenceServer();
    cluster = new Cluster(server.url);
  });
  afterAll(() => server?.close());
  return {
    get url() {
      return server!.url;
    },
    get cluster() {
      return cluster!;
    },
  };
}
