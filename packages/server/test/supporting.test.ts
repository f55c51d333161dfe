// The supporting operations (spec tag `supporting`) and test-control bodies, validated against the spec.
import { beforeEach, describe, expect, it } from 'vitest';
import { errorOf } from '../src/testing.js';
import { useTestServer } from './use-test-server.js';

const server = useTestServer();
const JOB = {
  analysis_config: {
    bucket_span: '15m',
    detectors: [{ function: 'mean', field_name: 'bytes', by_field_name: 'host' }],
  },
  data_description: { time_field: 'timestamp' },
};

describe('jobs', () => {
  it('create answers the job with Elasticsearch defaults', async () => {
    const response = await server.request('PUT', '/_ml/anomaly_detectors/web', {
      op: 'ml-put-job',
      body: { ...JOB, groups: ['g1'], description: 'd' },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      job_id: 'web',
      job_type: 'anomaly_detector',
      groups: ['g1'],
      description: 'd',
      analysis_config: {
        bucket_span: '15m',
        detectors: [{ detector_description: 'mean(bytes) by host', function: 'mean', detector_index: 0 }],
        influencers: [],
      },
      analysis_limits: { model_memory_limit: '1024mb', categorization_examples_limit: 4 },
      data_description: { time_field: 'timestamp', time_format: 'epoch_ms' },
      results_index_name: 'shared',
      allow_lazy_open: false,
    });
  });

  it.each([
    {
      id: 'UPPER',
      reason:
        "Invalid job_id; 'UPPER' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric",
    },
    {
      id: '_all',
      reason:
        "Invalid job_id; '_all' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric",
    },
    { id: 'a'.repeat(65), reason: 'The job id cannot contain more than 64 characters.' },
  ])('create rejects the id $id', async ({ id, reason }) => {
    const response = await server.request('PUT', `/_ml/anomaly_detectors/${id}`, {
      op: 'ml-put-job',
      body: JOB,
    });
    expect(errorOf(response)).toEqual({ status: 400, type: 'illegal_argument_exception', reason });
  });

  it('create rejects a duplicate id', async () => {
    await server.putJob('dup');
    const response = await server.request('PUT', '/_ml/anomaly_detectors/dup', {
      op: 'ml-put-job',
      body: JOB,
    });
    expect(errorOf(response)).toEqual({
      status: 400,
      type: 'resource_already_exists_exception',
      reason: "The job cannot be created with the Id 'dup'. The Id is already used.",
    });
  });

  it('create rejects a group named like a job', async () => {
    await server.putJob('taken');
    const response = await server.request('PUT', '/_ml/anomaly_detectors/other', {
      op: 'ml-put-job',
      body: { ...JOB, groups: ['taken'] },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.reason).toBe(
      'job and group names must be unique but job [taken] and group [taken] have the same name',
    );
  });

  it('create needs analysis_config and a body', async () => {
    const missing = await server.request('PUT', '/_ml/anomaly_detectors/x', {
      op: 'ml-put-job',
      body: { data_description: {} },
    });
    expect(errorOf(missing)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'An analysis_config must be set',
    });
    const noBody = await server.request('PUT', '/_ml/anomaly_detectors/x', { op: 'ml-put-job' });
    expect(errorOf(noBody)).toEqual({
      status: 400,
      type: 'parse_exception',
      reason: 'request body is required',
    });
    const bad = await server.request('PUT', '/_ml/anomaly_detectors/x', { op: 'ml-put-job', body: '{"a":' });
    expect(errorOf(bad)).toEqual({
      status: 400,
      type: 'x_content_e_o_f_exception',
      reason: '[1:6] Unexpected end of file',
    });
  });

  it('get expands like close and 404s on a missing explicit id', async () => {
    await server.putJob('a-1', ['grp']);
    await server.putJob('a-2');
    const byGroup = await server.request('GET', '/_ml/anomaly_detectors/grp', { op: 'ml-get-jobs' });
    expect(byGroup.json.count).toBe(1);
    const all = await server.request('GET', '/_ml/anomaly_detectors/_all', { op: 'ml-get-jobs' });
    expect(all.json.jobs.map((job: { job_id: string }) => job.job_id)).toEqual(['a-1', 'a-2']);
    const none = await server.request('GET', '/_ml/anomaly_detectors/zz*', { op: 'ml-get-jobs' });
    expect(none.json).toEqual({ count: 0, jobs: [] });
    const missing = await server.request('GET', '/_ml/anomaly_detectors/zz', { op: 'ml-get-jobs' });
    expect(errorOf(missing)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: "No known job with id 'zz'",
    });
  });

  it('delete removes a closed job; an opened one needs force', async () => {
    await server.putJob('d1');
    await server.openJob('d1');
    const refused = await server.request('DELETE', '/_ml/anomaly_detectors/d1', { op: 'ml-delete-job' });
    expect(errorOf(refused)).toEqual({
      status: 409,
      type: 'status_exception',
      reason: 'Cannot delete job [d1] because the job is opened',
    });
    const forced = await server.request('DELETE', '/_ml/anomaly_detectors/d1?force=true', {
      op: 'ml-delete-job',
    });
    expect(forced.json).toEqual({ acknowledged: true });
    const gone = await server.request('DELETE', '/_ml/anomaly_detectors/d1', { op: 'ml-delete-job' });
    expect(gone.status).toBe(404);
  });

  it('open 404s on an unknown job', async () => {
    const response = await server.request('POST', '/_ml/anomaly_detectors/nope/_open', { op: 'ml-open-job' });
    expect(errorOf(response)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: "No known job with id 'nope'",
    });
  });

  it('stats shows node and open_time only while a task exists', async () => {
    await server.putJob('s1');
    await server.openJob('s1');
    const response = await server.request('GET', '/_ml/anomaly_detectors/s1/_stats', {
      op: 'ml-get-job-stats',
    });
    expect(response.json.jobs[0]).toMatchObject({ job_id: 's1', state: 'opened', node: { name: 'node-1' } });
    expect(response.json.jobs[0].open_time).toMatch(/^[0-9]+s$/u);
  });
});

describe('datafeeds', () => {
  beforeEach(async () => {
    await server.putJob('j1');
  });

  it('put, start (job must be opened), stop, stats, delete', async () => {
    expect((await server.request('PUT', '/logs', { op: 'indices-create' })).json).toEqual({
      acknowledged: true,
      shards_acknowledged: true,
      index: 'logs',
    });
    await server.putDatafeed('df1', 'j1');
    const closedJob = await server.request('POST', '/_ml/datafeeds/df1/_start', { op: 'ml-start-datafeed' });
    expect(errorOf(closedJob)).toEqual({
      status: 409,
      type: 'status_exception',
      reason: 'cannot start datafeed [df1] because job [j1] is closed',
    });
    await server.openJob('j1');
    const started = await server.request('POST', '/_ml/datafeeds/df1/_start', { op: 'ml-start-datafeed' });
    expect(started.json.started).toBe(true);
    expect(await server.datafeedState('df1')).toBe('started');
    const again = await server.request('POST', '/_ml/datafeeds/df1/_start', { op: 'ml-start-datafeed' });
    expect(again.status).toBe(409);
    const deleteStarted = await server.request('DELETE', '/_ml/datafeeds/df1', { op: 'ml-delete-datafeed' });
    expect(errorOf(deleteStarted)).toEqual({
      status: 409,
      type: 'status_exception',
      reason: 'Cannot delete datafeed [df1] while its status is started',
    });
    expect(
      (await server.request('POST', '/_ml/datafeeds/df*/_stop', { op: 'ml-stop-datafeed' })).json,
    ).toEqual({ stopped: true });
    expect(await server.datafeedState('df1')).toBe('stopped');
    expect((await server.request('DELETE', '/_ml/datafeeds/df1', { op: 'ml-delete-datafeed' })).json).toEqual(
      { acknowledged: true },
    );
  });

  it('start needs the datafeed indices to exist', async () => {
    await server.putDatafeed('df1', 'j1', ['missing-index']);
    await server.openJob('j1');
    const response = await server.request('POST', '/_ml/datafeeds/df1/_start', { op: 'ml-start-datafeed' });
    // DataExtractorFactory: the index is looked up before the datafeed's task is created.
    expect(errorOf(response)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: 'datafeed [df1] cannot retrieve data because index [missing-index] does not exist',
    });
  });

  it('put needs an existing job; stop and stats 404 on a missing datafeed', async () => {
    const noJob = await server.request('PUT', '/_ml/datafeeds/df9', {
      op: 'ml-put-datafeed',
      body: { job_id: 'nope', indices: ['x'] },
    });
    expect(errorOf(noJob)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: "No known job with id 'nope'",
    });
    const stop = await server.request('POST', '/_ml/datafeeds/df9/_stop', { op: 'ml-stop-datafeed' });
    expect(errorOf(stop)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: 'No datafeed with id [df9] exists',
    });
    const stats = await server.request('GET', '/_ml/datafeeds/df9/_stats', { op: 'ml-get-datafeed-stats' });
    expect(stats.status).toBe(404);
  });

  it('a refusing datafeed fails its own stop with 409', async () => {
    await server.request('PUT', '/logs', { op: 'indices-create' });
    await server.putDatafeed('df1', 'j1');
    await server.openJob('j1');
    await server.request('POST', '/_ml/datafeeds/df1/_start', { op: 'ml-start-datafeed' });
    await server.request('PUT', '/_mlclose/test/datafeeds/df1/_behaviour', {
      op: 'test-control-datafeed-behaviour',
      body: { refuse_stop: true },
    });
    const response = await server.request('POST', '/_ml/datafeeds/df1/_stop', { op: 'ml-stop-datafeed' });
    expect(errorOf(response)).toEqual({
      status: 409,
      type: 'status_exception',
      reason: 'datafeed [df1] refused to stop',
    });
  });
});

describe('indices', () => {
  it('create, duplicate, invalid name, delete, delete missing', async () => {
    expect(
      (
        await server.request('PUT', '/web-logs', {
          op: 'indices-create',
          body: { mappings: { properties: { timestamp: { type: 'date' } } } },
        })
      ).status,
    ).toBe(200);
    const dup = await server.request('PUT', '/web-logs', { op: 'indices-create' });
    expect(dup.status).toBe(400);
    expect(dup.json.error.type).toBe('resource_already_exists_exception');
    const upper = await server.request('PUT', '/Web', { op: 'indices-create' });
    expect(errorOf(upper)).toEqual({
      status: 400,
      type: 'invalid_index_name_exception',
      reason: 'Invalid index name [Web], must be lowercase',
    });
    expect((await server.request('DELETE', '/web-logs', { op: 'indices-delete' })).json).toEqual({
      acknowledged: true,
    });
    const missing = await server.request('DELETE', '/web-logs', { op: 'indices-delete' });
    expect(errorOf(missing)).toEqual({
      status: 404,
      type: 'index_not_found_exception',
      reason: 'no such index [web-logs]',
    });
  });
});

describe('test control bodies', () => {
  it('upgrade_mode validates its body', async () => {
    const missing = await server.request('PUT', '/_mlclose/test/upgrade_mode', {
      op: 'test-control-upgrade-mode',
      body: {},
    });
    expect(errorOf(missing)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'Required [enabled]',
    });
    const unknown = await server.request('PUT', '/_mlclose/test/upgrade_mode', {
      op: 'test-control-upgrade-mode',
      body: { enable: true },
    });
    expect(errorOf(unknown).reason).toBe(
      '[1:2] [upgrade_mode] unknown field [enable] did you mean [enabled]?',
    );
  });

  it('job behaviour validates durations and 404s on a missing job', async () => {
    await server.putJob('j1');
    const bad = await server.request('PUT', '/_mlclose/test/anomaly_detectors/j1/_behaviour', {
      op: 'test-control-job-behaviour',
      body: { close_delay: '5M' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.caused_by.reason).toBe(
      'failed to parse setting [close_delay] with value [5M] as a time value: unit is missing or unrecognized',
    );
    const missing = await server.request('PUT', '/_mlclose/test/anomaly_detectors/nope/_behaviour', {
      op: 'test-control-job-behaviour',
      body: {},
    });
    expect(missing.status).toBe(404);
  });

  it('reset deletes jobs, datafeeds and indices and turns upgrade mode off', async () => {
    await server.putJob('j1');
    await server.request('PUT', '/idx', { op: 'indices-create' });
    await server.request('PUT', '/_mlclose/test/upgrade_mode', {
      op: 'test-control-upgrade-mode',
      body: { enabled: true },
    });
    await server.reset();
    expect((await server.request('GET', '/_ml/anomaly_detectors/_all', { op: 'ml-get-jobs' })).json).toEqual({
      count: 0,
      jobs: [],
    });
    expect((await server.request('PUT', '/idx', { op: 'indices-create' })).status).toBe(200);
    expect(
      (await server.request('POST', '/_ml/anomaly_detectors/_all/_close', { op: 'ml-close-job' })).status,
    ).toBe(200);
  });

  describe('delete by prefix', () => {
    const deleteByPrefix = (body: object) =>
      server.request('POST', '/_mlclose/test/_delete_by_prefix', {
        op: 'test-control-delete-by-prefix',
        body,
      });

    it('deletes every datafeed, job and index under the prefix, whatever their state, and nothing else', async () => {
      await server.request('PUT', '/run1-data', { op: 'indices-create' });
      await server.request('PUT', '/run10-data', { op: 'indices-create' });
      for (const id of ['run1-b', 'run1-a', 'run1-held', 'run10-a', 'run-other']) await server.putJob(id);
      // An opened job with a started datafeed, and a datafeed outside the prefix on a job inside it.
      await server.openJob('run1-a');
      await server.putDatafeed('run1-a-feed', 'run1-a', ['run1-data']);
      await server.request('POST', '/_ml/datafeeds/run1-a-feed/_start', { op: 'ml-start-datafeed' });
      await server.putDatafeed('feed-of-run1-b', 'run1-b', ['run1-data']);
      // A close held by test control, with a close request waiting for it.
      await server.openJob('run1-held');
      await server.behaviour('run1-held', { hold_close: true });
      const waiting = server.request('POST', '/_ml/anomaly_detectors/run1-held/_close', {
        op: 'ml-close-job',
      });
      await server.waitForState('run1-held', 'closing');

      const response = await deleteByPrefix({ prefix: 'run1-' });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        acknowledged: true,
        jobs: ['run1-a', 'run1-b', 'run1-held'],
        datafeeds: ['feed-of-run1-b', 'run1-a-feed'],
        indices: ['run1-data'],
      });
      // The waiting close answers: its task went, which counts as closed, as with a forced delete of the job.
      expect((await waiting).json).toEqual({ closed: true });
      expect(Object.keys(await server.states()).sort()).toEqual(['run-other', 'run10-a']);
      expect((await server.request('PUT', '/run1-data', { op: 'indices-create' })).status).toBe(200);
      expect((await server.request('PUT', '/run10-data', { op: 'indices-create' })).status).toBe(400);
      // A job made again under a deleted id starts with no behaviour left over.
      await server.putJob('run1-held');
      await server.openJob('run1-held');
      const closed = await server.request('POST', '/_ml/anomaly_detectors/run1-held/_close', {
        op: 'ml-close-job',
      });
      expect(closed.json).toEqual({ closed: true });
    });

    it('takes the prefix literally, and answers empty lists when nothing matches', async () => {
      await server.putJob('a-1');
      for (const prefix of ['*', 'a?', 'a-1*', 'b']) {
        expect((await deleteByPrefix({ prefix })).json).toEqual({
          acknowledged: true,
          jobs: [],
          datafeeds: [],
          indices: [],
        });
      }
      expect(Object.keys(await server.states())).toEqual(['a-1']);
      expect((await server.deleteByPrefix('a-1')).jobs).toEqual(['a-1']);
    });

    it.each([
      { body: {}, reason: 'Required [prefix]' },
      { body: { prefix: '' }, reason: '[prefix] must not be empty; reset deletes everything' },
      { body: { prefix: 'a', force: true }, reason: '[1:15] [delete_by_prefix] unknown field [force]' },
    ])('refuses $body with a 400 and deletes nothing', async ({ body, reason }) => {
      await server.putJob('a-1');
      const response = await deleteByPrefix(body);
      expect(errorOf(response)).toMatchObject({ status: 400, reason });
      expect(Object.keys(await server.states())).toEqual(['a-1']);
    });

    it('refuses a missing body and a prefix that is not a string', async () => {
      const missing = await server.request('POST', '/_mlclose/test/_delete_by_prefix', {
        op: 'test-control-delete-by-prefix',
      });
      expect(missing.status).toBe(400);
      const number = await deleteByPrefix({ prefix: 1 });
      expect(number.status).toBe(400);
    });
  });
});
