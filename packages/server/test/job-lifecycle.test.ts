// The job lifecycle over HTTP: finished_time on close and reopen (also across a restart), lazy open of a job
// too big for the ML node (--ml-node-memory / mlNodeMemoryBytes), the ML node's limits in GET _ml/info, and
// a put-job with an embedded datafeed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import { Cluster } from '../src/cluster/cluster.js';
import { DEFAULT_ML_NODE_MEMORY_BYTES } from '../src/cluster/ml-memory.js';
import { MemoryStore } from '../src/cluster/store.js';
import { EsError } from '../src/rules/error-envelope.js';
import { applyCreateDefaults, buildJob } from '../src/rules/job-config.js';
import { parseObjectFields } from '../src/rules/object-parser.js';
import { errorOf, startTestServer, type TestServer } from '../src/testing.js';

const dirs: string[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const JOB = (limit?: string | number, lazy?: boolean): object => ({
  analysis_config: { detectors: [{ function: 'count' }] },
  data_description: {},
  ...(limit === undefined ? {} : { analysis_limits: { model_memory_limit: limit } }),
  ...(lazy === undefined ? {} : { allow_lazy_open: lazy }),
});

async function put(target: TestServer, id: string, body: object): Promise<any> {
  const response = await target.request('PUT', `/_ml/anomaly_detectors/${id}`, { body, op: 'ml-put-job' });
  expect(response.status, response.text).toBe(200);
  return response.json;
}

async function job(target: TestServer, id: string): Promise<any> {
  const response = await target.request('GET', `/_ml/anomaly_detectors/${id}`, { op: 'ml-get-jobs' });
  expect(response.status, response.text).toBe(200);
  return response.json.jobs[0];
}

async function close(target: TestServer, id: string, query = ''): Promise<void> {
  const response = await target.request('POST', `/_ml/anomaly_detectors/${id}/_close${query}`, {
    op: 'ml-close-job',
  });
  expect(response.status, response.text).toBe(200);
}

describe('finished_time', () => {
  it('is set by a close and cleared by the next open', async () => {
    await put(server, 'ft', JOB());
    await server.openJob('ft');
    expect((await job(server, 'ft')).finished_time).toBeUndefined();
    const before = Date.now();
    await close(server, 'ft');
    const finished = (await job(server, 'ft')).finished_time;
    expect(finished).toBeGreaterThanOrEqual(before);
    await server.openJob('ft');
    expect((await job(server, 'ft')).finished_time).toBeUndefined();
  });

  it('is not there for filter_path while the job has none, and follows create_time once set', async () => {
    const filtered = async () =>
      (await server.request('GET', '/_ml/anomaly_detectors/ft-filter?filter_path=jobs.finished_time')).text;
    await put(server, 'ft-filter', JOB());
    expect(await filtered()).toBe('{}');
    await server.openJob('ft-filter');
    await close(server, 'ft-filter');
    expect(await filtered()).toMatch(/^\{"jobs":\[\{"finished_time":\d+\}\]\}$/);
    const keys = Object.keys(await job(server, 'ft-filter'));
    expect(keys[keys.indexOf('create_time') + 1]).toBe('finished_time');
    await server.openJob('ft-filter');
    expect(await filtered()).toBe('{}');
  });

  it('is not set by a force close, which kills the process', async () => {
    await put(server, 'ft-force', JOB());
    await server.openJob('ft-force');
    await close(server, 'ft-force', '?force=true');
    expect((await job(server, 'ft-force')).finished_time).toBeUndefined();
  });

  it('survives a restart with a data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlclose-finished-'));
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir });
    await put(first, 'kept', JOB());
    await first.openJob('kept');
    await close(first, 'kept');
    const finished = (await job(first, 'kept')).finished_time;
    expect(typeof finished).toBe('number');
    await first.close();
    const second = await startTestServer({ dataDir });
    try {
      expect((await job(second, 'kept')).finished_time).toBe(finished);
      await second.openJob('kept');
      await second.close();
      const third = await startTestServer({ dataDir });
      try {
        expect((await job(third, 'kept')).finished_time).toBeUndefined();
        // Read back without one, and closed again: in its place, right after create_time.
        await close(third, 'kept');
        const keys = Object.keys(await job(third, 'kept'));
        expect(keys[keys.indexOf('create_time') + 1]).toBe('finished_time');
      } finally {
        await third.close();
      }
    } catch (error) {
      await second.close();
      throw error;
    }
  });
});

describe('a job too big for the ML node', () => {
  it('opens lazily with no node, stays opening, and closes', async () => {
    const created = await put(server, 'huge-lazy', JOB('3000g', true));
    expect(created.analysis_limits.model_memory_limit).toBe('3072000mb');
    const open = await server.request('POST', '/_ml/anomaly_detectors/huge-lazy/_open', {
      op: 'ml-open-job',
    });
    expect(open.status, open.text).toBe(200);
    expect(open.json).toEqual({ opened: true, node: '' });
    const stats = await server.request('GET', '/_ml/anomaly_detectors/huge-lazy/_stats', {
      op: 'ml-get-job-stats',
    });
    expect(stats.json.jobs[0].state).toBe('opening');
    expect(stats.json.jobs[0].node).toBeUndefined();
    expect(stats.json.jobs[0].assignment_explanation).toBe('persistent task is awaiting node assignment.');
    // Opening again waits for nothing either.
    expect((await server.request('POST', '/_ml/anomaly_detectors/huge-lazy/_open')).json).toEqual({
      opened: true,
      node: '',
    });
    await close(server, 'huge-lazy');
    expect(await server.state('huge-lazy')).toBe('closed');
  });

  it('without lazy open gets the 429 of no suitable node, and stays closed', async () => {
    await put(server, 'huge', JOB('3000g'));
    const open = await server.request('POST', '/_ml/anomaly_detectors/huge/_open', { op: 'ml-open-job' });
    expect(errorOf(open)).toEqual({
      status: 429,
      type: 'status_exception',
      reason: 'Could not open job because no ML nodes with sufficient capacity were found',
    });
    expect(open.json.error.caused_by.type).toBe('illegal_state_exception');
    expect(open.json.error.caused_by.reason).toMatch(
      /^Could not open job because no suitable nodes were found, allocation explanation \[Not opening job \[huge\] on node \[\{node-1\}.*insufficient available memory/u,
    );
    expect(await server.state('huge')).toBe('closed');
  });

  it('is decided by the node memory option: what fits a big node does not fit a small one', async () => {
    const small = await startTestServer({ mlNodeMemoryBytes: 1024 ** 3 });
    const big = await startTestServer({ mlNodeMemoryBytes: 64 * 1024 ** 3 });
    try {
      for (const target of [small, big]) await put(target, 'mid', JOB('1gb'));
      expect((await small.request('POST', '/_ml/anomaly_detectors/mid/_open')).status).toBe(429);
      expect((await big.request('POST', '/_ml/anomaly_detectors/mid/_open')).status).toBe(200);
      // The node attribute and GET _ml/info show the size.
      const info = await small.request('GET', '/_ml/info', { op: 'ml-info' });
      expect(info.json.limits).toMatchObject({
        effective_max_model_memory_limit: '267mb',
        total_ml_memory: '307mb',
      });
      const stats = await big.request('GET', '/_ml/anomaly_detectors/mid/_stats');
      expect(stats.json.jobs[0].node.attributes['ml.machine_memory']).toBe(String(64 * 1024 ** 3));
    } finally {
      await small.close();
      await big.close();
    }
  });

  it('a lazily waiting job opens after a restart on a node big enough', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlclose-lazy-'));
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir, mlNodeMemoryBytes: 1024 ** 3 });
    await put(first, 'waits', JOB('1gb', true));
    expect((await first.request('POST', '/_ml/anomaly_detectors/waits/_open')).json.node).toBe('');
    await first.close();
    const again = await startTestServer({ dataDir, mlNodeMemoryBytes: 1024 ** 3 });
    expect(await again.state('waits')).toBe('opening');
    await again.close();
    const bigger = await startTestServer({ dataDir, mlNodeMemoryBytes: 16 * 1024 ** 3 });
    try {
      await bigger.waitForState('waits', 'opened');
    } finally {
      await bigger.close();
    }
  });
});

/** The cluster model alone (no HTTP), with one closed job `id`: for what a test must time to the millisecond. */
function clusterWithJob(id: string): Cluster {
  const cluster = new Cluster({
    store: new MemoryStore(),
    closeDelayMs: 1,
    openDelayMs: 1,
    mlNodeMemoryBytes: DEFAULT_ML_NODE_MEMORY_BYTES,
  });
  const { job } = buildJob(id, parseObjectFields(Buffer.from(JSON.stringify(JOB())), 'job_details'));
  cluster.createJob(applyCreateDefaults(job, { now: 1 }));
  return cluster;
}

describe('persistent task assignment disabled', () => {
  it('no job opens, with the 429 naming the setting, until assignment is enabled again', async () => {
    // The cluster model's switch for cluster.persistent_tasks.allocation.enable (set through cluster settings).
    const cluster = clusterWithJob('blocked');
    try {
      cluster.settings.persistent['cluster.persistent_tasks.allocation.enable'] = 'none';
      let error: unknown;
      try {
        await cluster.openJob('blocked', { duration: 1n, unit: 's' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EsError);
      expect((error as EsError).status).toBe(429);
      expect((error as EsError).cause_).toEqual({
        type: 'status_exception',
        reason:
          'Cannot open jobs because persistent task assignment is disabled by the [cluster.persistent_tasks.allocation.enable] setting',
      });
      expect(cluster.jobState('blocked')).toBe('closed');
      delete cluster.settings.persistent['cluster.persistent_tasks.allocation.enable'];
      expect(await cluster.openJob('blocked', { duration: 1n, unit: 's' })).toBe(cluster.node.id);
    } finally {
      cluster.shutdown();
    }
  });
});

describe('put-job with datafeed_config', () => {
  it('creates the datafeed, answers with it, and get-job shows it', async () => {
    const created = await server.request('PUT', '/_ml/anomaly_detectors/with-feed?ignore_throttled=false', {
      body: { ...JOB(), datafeed_config: { indexes: 'logs-a' } },
      op: 'ml-put-job',
    });
    expect(created.status, created.text).toBe(200);
    expect(created.json.datafeed_config).toMatchObject({
      datafeed_id: 'with-feed',
      job_id: 'with-feed',
      indices: ['logs-a'],
      indices_options: { ignore_throttled: false },
    });
    // The query's boost is a float on the wire.
    expect(created.text).toContain('"boost":1.0');
    const got = await job(server, 'with-feed');
    expect(got.datafeed_config.datafeed_id).toBe('with-feed');
    const stats = await server.request('GET', '/_ml/datafeeds/with-feed/_stats', {
      op: 'ml-get-datafeed-stats',
    });
    expect(stats.json.count).toBe(1);
  });

  it('refuses a datafeed naming another job', async () => {
    const response = await server.request('PUT', '/_ml/anomaly_detectors/feed-mismatch', {
      body: { ...JOB(), datafeed_config: { job_id: 'other', indices: ['x'] } },
    });
    expect(errorOf(response)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'datafeed job_id [other] does not equal job id [feed-mismatch}',
    });
    expect((await server.request('GET', '/_ml/anomaly_detectors/feed-mismatch')).status).toBe(404);
  });
});

describe('doubles', () => {
  it('a rule condition value is written with its fraction', async () => {
    const body = {
      analysis_config: {
        detectors: [
          {
            function: 'count',
            by_field_name: 'country',
            custom_rules: [{ conditions: [{ applies_to: 'actual', operator: 'lt', value: 42 }] }],
          },
        ],
      },
      data_description: {},
    };
    await put(server, 'doubles', body);
    const text = (await server.request('GET', '/_ml/anomaly_detectors/doubles')).text;
    expect(text).toContain('"value":42.0');
    const pretty = (await server.request('GET', '/_ml/anomaly_detectors/doubles?pretty')).text;
    expect(pretty).toContain('"value" : 42.0');
  });
});

describe("the spec's put-job example", () => {
  it('is what the server answers for the normalised request', async () => {
    const operation = spec.paths['/_ml/anomaly_detectors/{job_id}']!.put as any;
    const request = operation.requestBody.content['application/json'].examples.normalised.value;
    const answer = operation.responses['200'].content['application/json'].examples.normalised.value;
    const created = await put(server, answer.job_id, request);
    expect({ ...created, create_time: answer.create_time }).toEqual(answer);
  });
});

describe('a close with a timeout, when the event loop runs late', () => {
  it('answers the timeout when the close was due after it, and the close still ends', async () => {
    const cluster = clusterWithJob('late');
    // A 300 ms timer list that started before the close's own 300 ms delay: when the loop wakes late, Node runs that
    // whole list before the 200 ms timeout's, which it made later (test/scheduler.test.ts shows Node doing so).
    const earlier = setTimeout(() => {}, 300);
    try {
      await cluster.openJob('late', { duration: 1n, unit: 's' });
      cluster.setJobBehaviour('late', { closeDelayMs: 300 });
      await new Promise((resolve) => setTimeout(resolve, 150));
      const closing = cluster.startCloseJobs('late', {
        force: false,
        timeout: { duration: 200n, unit: 'ms' },
        allowNoMatch: false,
      });
      expect(closing).not.toBeNull();
      const outcome = closing!.then(
        () => 'closed',
        (error: unknown) =>
          error instanceof EsError ? `${error.status} ${error.cause_.reason}` : String(error),
      );
      // The loop is blocked past both due times (a busy machine): the close was due at 300 ms, the timeout at 200.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600);
      expect(await outcome).toBe('500 Timed out when waiting for persistent tasks after 200ms');
      // The timed-out close goes on: the job ends closed.
      expect(cluster.jobState('late')).toBe('closed');
    } finally {
      clearTimeout(earlier);
      cluster.shutdown();
    }
  });
});

describe('the wait of a close request', () => {
  const OPTIONS = { force: false, allowNoMatch: false } as const;
  const outcome = (closing: Promise<void> | null): Promise<string> =>
    closing === null
      ? Promise.resolve('nothing to wait for')
      : closing.then(
          () => 'closed',
          (error: unknown) =>
            error instanceof EsError ? `${error.status} ${error.cause_.reason}` : String(error),
        );

  it('takes its listener off every task it waited for, whether it ended closed or timed out', async () => {
    const cluster = clusterWithJob('wait-a');
    try {
      const { job } = buildJob(
        'wait-b',
        parseObjectFields(Buffer.from(JSON.stringify(JOB())), 'job_details'),
      );
      cluster.createJob(applyCreateDefaults(job, { now: 1 }));
      for (const id of ['wait-a', 'wait-b']) await cluster.openJob(id, { duration: 1n, unit: 's' });
      cluster.setJobBehaviour('wait-b', { holdClose: true });
      const first = outcome(
        cluster.startCloseJobs('wait-*', { ...OPTIONS, timeout: { duration: 30n, unit: 'ms' } }),
      );
      // A second request for the same jobs: wait-b is closing, so it is only waited on (CJ-STATE-007).
      const second = outcome(
        cluster.startCloseJobs('wait-b', { ...OPTIONS, timeout: { duration: 10n, unit: 's' } }),
      );
      expect(await first).toBe('500 Timed out when waiting for persistent tasks after 30ms');
      expect(cluster.jobState('wait-a')).toBe('closed');
      const held = cluster.jobEntry('wait-b')!.task!;
      expect(held.state).toBe('closing');
      // Only the second request still listens.
      expect(held.listeners.size).toBe(1);
      expect(cluster.releaseJob('wait-b')).toBe(true);
      expect(await second).toBe('closed');
      expect(held.listeners.size).toBe(0);
      expect(cluster.jobState('wait-b')).toBe('closed');
    } finally {
      cluster.shutdown();
    }
  });

  it('fails with the node close that fails, and not a request that only waited on it', async () => {
    const cluster = clusterWithJob('wait-fail');
    try {
      await cluster.openJob('wait-fail', { duration: 1n, unit: 's' });
      cluster.setJobBehaviour('wait-fail', { holdClose: true, closeFailure: true });
      const first = outcome(
        cluster.startCloseJobs('wait-fail', { ...OPTIONS, timeout: { duration: 10n, unit: 's' } }),
      );
      const second = outcome(
        cluster.startCloseJobs('wait-fail', { ...OPTIONS, timeout: { duration: 40n, unit: 'ms' } }),
      );
      const task = cluster.jobEntry('wait-fail')!.task!;
      cluster.releaseJob('wait-fail');
      expect(await first).toBe('500 Exception closing autodetect process');
      expect(cluster.jobState('wait-fail')).toBe('failed');
      // The request that only waited is not told of the node's failure: it waits for the task to go, until its timeout.
      expect(await second).toBe('500 Timed out when waiting for persistent tasks after 40ms');
      expect(task.listeners.size).toBe(0);
    } finally {
      cluster.shutdown();
    }
  });
});
