// The job-lifecycle APIs around close: post data, flush, update, get datafeeds, cluster health and settings,
// and the document APIs, over HTTP and validated against the spec; the official client drives some of them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { errorOf, startTestServer } from '../src/testing.js';
import { rawRequest } from './raw-request.js';
import { useTestServer } from './use-test-server.js';

const server = useTestServer();
const FLIGHTS = {
  analysis_config: {
    bucket_span: '1h',
    detectors: [{ function: 'metric', field_name: 'delay', by_field_name: 'carrier' }],
  },
  data_description: { time_field: 'time', time_format: 'epoch' },
};
const RECORDS = [
  { carrier: 'AAL', delay: 132.2, source: 'test', time: 1403481600 },
  { carrier: 'JZA', delay: 990.4, source: 'test', time: 1403481700 },
];
const NDJSON = `${RECORDS.map((record) => JSON.stringify(record)).join('\n')}\n`;
const DEPRECATION =
  'Posting data directly to anomaly detection jobs is deprecated, in a future major version it will be compulsory to use a datafeed';

async function putFlights(id = 'flights'): Promise<void> {
  const response = await server.request('PUT', `/_ml/anomaly_detectors/${id}`, {
    op: 'ml-put-job',
    body: FLIGHTS,
  });
  expect(response.status, response.text).toBe(200);
}

function postData(id: string, body: string, contentType = 'application/x-ndjson', query = '') {
  return server.request('POST', `/_ml/anomaly_detectors/${id}/_data${query}`, {
    op: 'ml-post-data',
    body,
    headers: { 'Content-Type': contentType },
  });
}

describe('post data', () => {
  it('counts an ndjson upload, answers 202 with the deprecation warning, and shows the totals in stats', async () => {
    await putFlights();
    await server.openJob('flights');
    const response = await postData('flights', NDJSON);
    expect(response.status).toBe(202);
    expect(response.headers.get('warning')).toBe(
      `299 Elasticsearch-9.1.0-0000000000000000000000000000000000000000 "${DEPRECATION}"`,
    );
    expect(response.json).toMatchObject({
      job_id: 'flights',
      processed_record_count: 2,
      processed_field_count: 4,
      input_bytes: Buffer.byteLength(NDJSON),
      input_field_count: 6,
      invalid_date_count: 0,
      missing_field_count: 0,
      out_of_order_timestamp_count: 0,
      earliest_record_timestamp: 1403481600000,
      latest_record_timestamp: 1403481700000,
      input_record_count: 2,
    });
    const again = await postData(
      'flights',
      JSON.stringify([{ carrier: 'AAL', delay: 1, time: 1403485300 }]),
      'application/json',
    );
    expect(again.json.processed_record_count).toBe(1);
    const stats = await server.request('GET', '/_ml/anomaly_detectors/flights/_stats', {
      op: 'ml-get-job-stats',
    });
    expect(stats.json.jobs[0].data_counts).toMatchObject({
      processed_record_count: 3,
      input_record_count: 3,
      latest_record_timestamp: 1403485300000,
    });
  });

  it.each([
    {
      description: 'a closed job',
      open: false,
      want: 'Cannot perform requested action because job [flights] is not open',
    },
    {
      description: 'a job that does not exist',
      open: false,
      id: 'nope',
      want: 'Cannot perform requested action because job [nope] is not open',
    },
  ])('on $description is a 409 with the warning', async ({ id = 'flights', want }) => {
    await putFlights();
    const response = await postData(id, NDJSON);
    expect(errorOf(response)).toEqual({ status: 409, type: 'status_exception', reason: want });
    expect(response.headers.get('warning')).toContain(DEPRECATION);
  });

  it.each([
    {
      query: '?reset_start=not_a_date',
      reason:
        'Query param [start] with value [not_a_date] cannot be parsed as a date or converted to a number (epoch).',
    },
    {
      query: '?reset_end=end_not_a_date',
      reason:
        'Query param [end] with value [end_not_a_date] cannot be parsed as a date or converted to a number (epoch).',
    },
  ])('$query is a 400 parse_exception', async ({ query, reason }) => {
    await putFlights();
    await server.openJob('flights');
    const response = await postData('flights', NDJSON, 'application/x-ndjson', query);
    expect(errorOf(response)).toEqual({ status: 400, type: 'parse_exception', reason });
  });

  it('a YAML body fails as JsonDataToProcessWriter fails', async () => {
    await putFlights();
    await server.openJob('flights');
    const response = await postData('flights', 'time: 1\n', 'application/yaml');
    expect(errorOf(response)).toEqual({
      status: 500,
      type: 'runtime_exception',
      reason: 'XContentType [YAML] is not supported by JsonDataToProcessWriter',
    });
  });
});

describe('flush', () => {
  it.each([
    { description: 'before any data: no finalized bucket', post: false, query: '', want: { flushed: true } },
    {
      description: 'after data: the start of the latest bucket',
      post: true,
      query: '',
      want: { flushed: true, last_finalized_bucket_end: 1403481600000 },
    },
    {
      description: 'skip_time: the next bucket boundary',
      post: true,
      query: '?skip_time=1403488700',
      want: { flushed: true, last_finalized_bucket_end: 1403488800000 },
    },
    {
      description: 'advance_time: the last boundary before it',
      post: true,
      query: '?advance_time=1403492500',
      want: { flushed: true, last_finalized_bucket_end: 1403492400000 },
    },
  ])('$description', async ({ post, query, want }) => {
    await putFlights();
    await server.openJob('flights');
    if (post) await postData('flights', NDJSON);
    const response = await server.request('POST', `/_ml/anomaly_detectors/flights/_flush${query}`, {
      op: 'ml-flush-job',
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual(want);
  });

  it.each([
    {
      query: '?start=1',
      want: {
        status: 400,
        type: 'illegal_argument_exception',
        reason: "Invalid flush parameters: unexpected 'start'.",
      },
    },
    {
      query: '?advance_time=advance_time_not_a_date',
      want: {
        status: 400,
        type: 'parse_exception',
        reason:
          'Query param [advance_time] with value [advance_time_not_a_date] cannot be parsed as a date or converted to a number (epoch).',
      },
    },
    {
      query: '?advance_time=10&skip_time=20',
      want: {
        status: 400,
        type: 'status_exception',
        reason: 'advance_time [10] must be later than skip_time [20]',
      },
    },
  ])('$query is refused', async ({ query, want }) => {
    await putFlights();
    await server.openJob('flights');
    const response = await server.request('POST', `/_ml/anomaly_detectors/flights/_flush${query}`, {
      op: 'ml-flush-job',
    });
    expect(errorOf(response)).toEqual(want);
  });

  it('a closed job is a 409', async () => {
    await putFlights();
    const response = await server.request('POST', '/_ml/anomaly_detectors/flights/_flush', {
      op: 'ml-flush-job',
    });
    expect(errorOf(response)).toEqual({
      status: 409,
      type: 'status_exception',
      reason: 'Cannot perform requested action because job [flights] is not open',
    });
  });
});

describe('the data counts document and the results index', () => {
  it('survives close, is read through the job alias, and delete job removes it', async () => {
    await putFlights();
    await server.openJob('flights');
    await postData('flights', NDJSON);
    await server.request('POST', '/_ml/anomaly_detectors/flights/_close', { op: 'ml-close-job' });
    const doc = await server.request('GET', '/.ml-anomalies-flights/_doc/flights_data_counts', { op: 'get' });
    expect(doc.status).toBe(200);
    expect(doc.json).toMatchObject({
      _index: '.ml-anomalies-shared',
      found: true,
      _source: { processed_record_count: 2, input_field_count: 6, latest_record_timestamp: 1403481700000 },
    });
    await server.request('DELETE', '/_ml/anomaly_detectors/flights', { op: 'ml-delete-job' });
    const count = await server.request('GET', '/.ml-anomalies-shared/_count', { op: 'count' });
    expect(count.json.count).toBe(0);
    const alias = await rawRequest(server.url, 'HEAD', '/_alias/.ml-anomalies-flights');
    expect(alias.status).toBe(404);
  });

  it('counts and the document survive a restart with a data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlclose-data-'));
    try {
      const first = await startTestServer({ dataDir });
      await first.request('PUT', '/_ml/anomaly_detectors/flights', { op: 'ml-put-job', body: FLIGHTS });
      await first.openJob('flights');
      await first.request('POST', '/_ml/anomaly_detectors/flights/_data', {
        op: 'ml-post-data',
        body: NDJSON,
        headers: { 'Content-Type': 'application/x-ndjson' },
      });
      await first.request('PUT', '/logs/_doc/1', { op: 'index', body: { message: 'kept' } });
      await first.close();
      const second = await startTestServer({ dataDir });
      try {
        const stats = await second.request('GET', '/_ml/anomaly_detectors/flights/_stats', {
          op: 'ml-get-job-stats',
        });
        expect(stats.json.jobs[0].data_counts).toMatchObject({
          processed_record_count: 2,
          input_record_count: 2,
        });
        // The reopened process reads its totals back: a record older than the latest bucket is out of order.
        const late = await second.request('POST', '/_ml/anomaly_detectors/flights/_data', {
          op: 'ml-post-data',
          body: JSON.stringify({ carrier: 'AAL', delay: 1, time: 1403470000 }),
        });
        expect(late.json.out_of_order_timestamp_count).toBe(1);
        const doc = await second.request('GET', '/logs/_doc/1', { op: 'get' });
        expect(doc.json._source).toEqual({ message: 'kept' });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('documents', () => {
  it('index creates then updates, get reads, count filters, refresh reports shards', async () => {
    const created = await server.request('PUT', '/logs/_doc/1', { op: 'index', body: { job_id: 'a' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      _index: 'logs',
      _id: '1',
      _version: 1,
      result: 'created',
      _seq_no: 0,
    });
    const updated = await server.request('PUT', '/logs/_doc/1', { op: 'index', body: { job_id: 'b' } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ _version: 2, result: 'updated', _seq_no: 1 });
    const auto = await server.request('POST', '/logs/_doc', { op: 'index-auto-id', body: { job_id: 'b' } });
    expect(auto.status).toBe(201);
    expect(auto.json._id).toMatch(/^[A-Za-z0-9_-]{20}$/u);
    expect((await server.request('GET', '/logs/_doc/1', { op: 'get' })).json._source).toEqual({
      job_id: 'b',
    });
    const missing = await server.request('GET', '/logs/_doc/2', { op: 'get' });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ _index: 'logs', _id: '2', found: false });
    const query = { query: { constant_score: { filter: { term: { job_id: 'b' } } } } };
    expect((await server.request('POST', '/logs/_count', { op: 'count', body: query })).json.count).toBe(2);
    expect((await server.request('POST', '/lo*/_count', { op: 'count' })).json.count).toBe(2);
    expect((await server.request('POST', '/_refresh', { op: 'indices-refresh' })).json._shards).toEqual({
      total: 2,
      successful: 1,
      failed: 0,
    });
  });

  it.each([
    {
      description: 'a missing index',
      path: '/nope/_doc/1',
      op: 'get',
      status: 404,
      type: 'index_not_found_exception',
    },
    {
      description: 'count on a missing index',
      path: '/nope/_count',
      op: 'count',
      status: 404,
      type: 'index_not_found_exception',
    },
  ])('$description is $status $type', async ({ path, op, status, type }) => {
    const response = await server.request('GET', path, { op });
    expect(errorOf(response)).toMatchObject({ status, type });
  });

  it('_create refuses to replace a document', async () => {
    await server.request('PUT', '/logs/_doc/1', { op: 'index', body: { a: 1 } });
    const response = await server.request('PUT', '/logs/_create/1', { body: { a: 2 } });
    expect(errorOf(response)).toMatchObject({ status: 409, type: 'version_conflict_engine_exception' });
  });

  it('HEAD answers 200 or 404 with no body, and the official client reads it as a boolean', async () => {
    await server.request('PUT', '/logs', { op: 'indices-create' });
    for (const [path, status] of [
      ['/logs', 200],
      ['/nope', 404],
      ['/lo*', 200],
      ['/logs,nope', 404],
    ] as const) {
      const response = await rawRequest(server.url, 'HEAD', path);
      expect(response.status, path).toBe(status);
      expect(response.text).toBe('');
      expect(response.headers['content-length']).toBe('0');
    }
    const client = new Client({ node: server.url });
    try {
      expect(await client.indices.exists({ index: 'logs' })).toBe(true);
      expect(await client.indices.exists({ index: 'nope' })).toBe(false);
      await server.putJob('j1');
      expect(await client.indices.existsAlias({ name: '.ml-anomalies-j1' })).toBe(true);
      expect(await client.indices.existsAlias({ name: '.ml-state-write' })).toBe(false);
      await server.openJob('j1');
      expect(await client.indices.existsAlias({ name: '.ml-state-write' })).toBe(true);
      expect(await client.indices.exists({ index: '.ml-state-000001' })).toBe(true);
      // A state index created by hand gets the write alias when a job opens.
      await server.reset();
      await client.indices.create({ index: '.ml-state-000001' });
      await server.putJob('j2');
      await server.openJob('j2');
      expect(await client.indices.existsAlias({ name: '.ml-state-write', index: '.ml-state-000001' })).toBe(
        true,
      );
    } finally {
      await client.close();
    }
  });
});

describe('cluster', () => {
  it('health is green with only ML indices, yellow with replicas, and a wait for green then times out', async () => {
    await server.putJob('j1');
    const green = await server.request('GET', '/_cluster/health?wait_for_status=yellow', {
      op: 'cluster-health',
    });
    expect(green.json).toMatchObject({ status: 'green', timed_out: false, number_of_nodes: 1 });
    await server.request('PUT', '/logs', { op: 'indices-create' });
    const yellow = await server.request('GET', '/_cluster/health?wait_for_status=green', {
      op: 'cluster-health',
    });
    expect(yellow.status).toBe(408);
    expect(yellow.json).toMatchObject({ status: 'yellow', timed_out: true, unassigned_shards: 1 });
    const bad = await server.request('GET', '/_cluster/health?wait_for_status=blue', {
      op: 'cluster-health',
    });
    expect(errorOf(bad)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'unknown cluster health status [blue]',
    });
  });

  it('health at level indices lists every index, the hidden ML ones included', async () => {
    await server.putJob('j1');
    await server.request('PUT', '/logs', { op: 'indices-create' });
    const plain = await server.request('GET', '/_cluster/health', { op: 'cluster-health' });
    expect(plain.json).not.toHaveProperty('indices');
    const listed = await server.request('GET', '/_cluster/health?level=indices', { op: 'cluster-health' });
    const indices = (listed.json as { indices: Record<string, { status: string }> }).indices;
    expect(Object.keys(indices).sort()).toEqual(['.ml-anomalies-shared', 'logs']);
    expect(indices.logs).toMatchObject({ status: 'yellow', unassigned_shards: 1 });
    expect(indices['.ml-anomalies-shared']).toMatchObject({ status: 'green', unassigned_shards: 0 });
    const one = await server.request('GET', '/_cluster/health/logs?level=shards', { op: 'cluster-health' });
    expect(Object.keys((one.json as { indices: object }).indices)).toEqual(['logs']);
    const bad = await server.request('GET', '/_cluster/health?level=node', { op: 'cluster-health' });
    expect(errorOf(bad)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'level parameter must be one of [cluster] or [indices] or [shards] but was [node]',
    });
  });

  it('put settings answers the changed settings nested, and refuses unknown ones', async () => {
    const body = { persistent: { 'cluster.persistent_tasks.allocation.enable': 'none' } };
    const response = await server.request('PUT', '/_cluster/settings', { op: 'cluster-put-settings', body });
    expect(response.json).toEqual({
      acknowledged: true,
      persistent: { cluster: { persistent_tasks: { allocation: { enable: 'none' } } } },
      transient: {},
    });
    const unknown = await server.request('PUT', '/_cluster/settings', {
      op: 'cluster-put-settings',
      body: { transient: { 'no.such.setting': 1 } },
    });
    expect(errorOf(unknown)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'transient setting [no.such.setting], not recognized',
    });
  });

  it('takes any logger.<name> setting (a prefix setting), and clears it with null; `logger.` alone is unknown', async () => {
    const logger = 'logger.org.elasticsearch.xpack.ml.action.TransportSetUpgradeModeAction';
    const set = await server.request('PUT', '/_cluster/settings?flat_settings=true', {
      op: 'cluster-put-settings',
      body: { persistent: { [logger]: 'TRACE' }, transient: { 'logger.org.example': 'debug' } },
    });
    expect(set.json).toEqual({
      acknowledged: true,
      persistent: { [logger]: 'TRACE' },
      transient: { 'logger.org.example': 'debug' },
    });
    const cleared = await server.request('PUT', '/_cluster/settings?flat_settings=true', {
      op: 'cluster-put-settings',
      body: { persistent: { [logger]: null }, transient: { 'logger.org.example': null } },
    });
    expect(cleared.json).toEqual({ acknowledged: true, persistent: {}, transient: {} });
    const bare = await server.request('PUT', '/_cluster/settings', {
      op: 'cluster-put-settings',
      body: { transient: { 'logger.': 'INFO' } },
    });
    expect(errorOf(bare).reason).toBe('transient setting [logger.], not recognized');
  });
});

describe('cluster settings drive the cluster', () => {
  const put = (body: object) =>
    server.request('PUT', '/_cluster/settings', { op: 'cluster-put-settings', body });
  const enable = 'cluster.persistent_tasks.allocation.enable';

  it('assignment none refuses to open a job (429); a transient all wins over it; a reset lets the job open', async () => {
    await server.putJob('j1');
    await put({ persistent: { [enable]: 'none' } });
    const refused = await server.request('POST', '/_ml/anomaly_detectors/j1/_open', { op: 'ml-open-job' });
    expect(errorOf(refused)).toEqual({
      status: 429,
      type: 'status_exception',
      reason: `Cannot open jobs because persistent task assignment is disabled by the [${enable}] setting`,
    });
    expect(await server.state('j1')).toBe('closed');
    await put({ transient: { [enable]: 'all' } });
    const opened = await server.request('POST', '/_ml/anomaly_detectors/j1/_open', { op: 'ml-open-job' });
    expect(opened.json).toMatchObject({ opened: true });
    await server.request('POST', '/_ml/anomaly_detectors/j1/_close', { op: 'ml-close-job' });
    await put({ transient: { [enable]: null } });
    const again = await server.request('POST', '/_ml/anomaly_detectors/j1/_open', { op: 'ml-open-job' });
    expect(again.status).toBe(429);
    await put({ persistent: { [enable]: null } });
    expect(
      (await server.request('POST', '/_ml/anomaly_detectors/j1/_open', { op: 'ml-open-job' })).status,
    ).toBe(200);
  });

  it('xpack.ml.max_model_memory_limit caps create-job, and a size that does not parse is refused when set', async () => {
    await put({ persistent: { 'xpack.ml.max_model_memory_limit': '9gb' } });
    const big = await server.request('PUT', '/_ml/anomaly_detectors/big', {
      op: 'ml-put-job',
      body: { ...FLIGHTS, analysis_limits: { model_memory_limit: '10gb' } },
    });
    expect(errorOf(big)).toMatchObject({
      status: 400,
      reason:
        'model_memory_limit [10gb] must be less than the value of the xpack.ml.max_model_memory_limit setting [9gb]',
    });
    const bad = await put({ persistent: { 'xpack.ml.max_model_memory_limit': 'lots' } });
    expect(errorOf(bad)).toMatchObject({
      status: 400,
      reason:
        'failed to parse setting [xpack.ml.max_model_memory_limit] with value [lots] as a size in bytes: unit is missing or unrecognized',
    });
    await put({ persistent: { 'xpack.ml.max_model_memory_limit': null } });
    const fits = await server.request('PUT', '/_ml/anomaly_detectors/big', {
      op: 'ml-put-job',
      body: { ...FLIGHTS, analysis_limits: { model_memory_limit: '10gb' } },
    });
    expect(fits.status).toBe(200);
  });
});

describe('updates and get datafeeds', () => {
  it('update job changes the memory limit of a closed job and refuses it on an opened one', async () => {
    await putFlights();
    const body = { analysis_limits: { model_memory_limit: '20mb' }, description: 'new' };
    const updated = await server.request('POST', '/_ml/anomaly_detectors/flights/_update', {
      op: 'ml-update-job',
      body,
    });
    expect(updated.json).toMatchObject({
      analysis_limits: { model_memory_limit: '20mb' },
      description: 'new',
    });
    // Job.toXContent's order: a description added by an update still comes before create_time.
    expect(Object.keys(updated.json).slice(0, 5)).toEqual([
      'job_id',
      'job_type',
      'job_version',
      'description',
      'create_time',
    ]);
    expect(
      (await server.request('GET', '/_ml/anomaly_detectors/flights', { op: 'ml-get-jobs' })).json.jobs[0]
        .description,
    ).toBe('new');
    await server.openJob('flights');
    const refused = await server.request('POST', '/_ml/anomaly_detectors/flights/_update', {
      op: 'ml-update-job',
      body,
    });
    expect(refused.status).toBe(400);
    const unknown = await server.request('POST', '/_ml/anomaly_detectors/flights/_update', {
      op: 'ml-update-job',
      body: { analysis_config: {} },
    });
    expect(errorOf(unknown)).toMatchObject({ status: 400, type: 'x_content_parse_exception' });
  });

  it('update datafeed takes indexes as one string; get datafeeds lists by id', async () => {
    await putFlights();
    await server.putDatafeed('df-b', 'flights');
    const updated = await server.request('POST', '/_ml/datafeeds/df-b/_update', {
      op: 'ml-update-datafeed',
      body: { indexes: 'utopia' },
    });
    expect(updated.json).toMatchObject({ datafeed_id: 'df-b', indices: ['utopia'] });
    const got = await server.request('GET', '/_ml/datafeeds/df-*', { op: 'ml-get-datafeeds' });
    expect(got.json).toMatchObject({ count: 1, datafeeds: [{ datafeed_id: 'df-b', indices: ['utopia'] }] });
    const missing = await server.request('GET', '/_ml/datafeeds/nope', { op: 'ml-get-datafeeds' });
    expect(errorOf(missing)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: 'No datafeed with id [nope] exists',
    });
  });

  it('refuses an empty indices list on put and on update, with the same 400', async () => {
    await putFlights();
    const refusal = {
      status: 400,
      type: 'status_exception',
      reason: "Invalid indices value '[]' in datafeed configuration",
    };
    const put = await server.request('PUT', '/_ml/datafeeds/df-none', {
      body: { job_id: 'flights', indices: [] },
    });
    expect(errorOf(put)).toEqual(refusal);
    await server.putDatafeed('df-some', 'flights');
    const update = await server.request('POST', '/_ml/datafeeds/df-some/_update', { body: { indices: [] } });
    expect(errorOf(update)).toEqual(refusal);
  });

  it("writes the query's boost as a float after an update and in get datafeeds, as put does", async () => {
    await putFlights();
    await server.putDatafeed('df-boost', 'flights');
    const updated = await server.request('POST', '/_ml/datafeeds/df-boost/_update', {
      op: 'ml-update-datafeed',
      body: { scroll_size: 10 },
    });
    expect(updated.text).toContain('"query":{"match_all":{"boost":1.0}}');
    const got = await server.request('GET', '/_ml/datafeeds/df-boost', { op: 'ml-get-datafeeds' });
    expect(got.text).toContain('"query":{"match_all":{"boost":1.0}}');
  });

  it('max_empty_searches: -1 means none (put and update), 0 and below -1 are refused, checked before the datafeed is looked up', async () => {
    await putFlights();
    const invalid = (value: string) => ({
      status: 400,
      type: 'status_exception',
      reason: `Invalid max_empty_searches value '${value}' in datafeed configuration`,
    });
    const none = await server.request('PUT', '/_ml/datafeeds/df-empty', {
      op: 'ml-put-datafeed',
      body: { job_id: 'flights', indices: ['logs'], max_empty_searches: -1 },
    });
    expect(none.status, none.text).toBe(200);
    expect(none.json).not.toHaveProperty('max_empty_searches');
    /** Each value is refused with the 400 that shows it as Java's MessageFormat does (digits grouped). */
    const refuses = async (
      method: string,
      path: string,
      body: (value: number) => object,
      cases: readonly (readonly [number, string])[],
    ) => {
      for (const [value, shown] of cases)
        expect(errorOf(await server.request(method, path, { body: body(value) }))).toEqual(invalid(shown));
    };
    await refuses(
      'PUT',
      '/_ml/datafeeds/df-refused',
      (value) => ({ job_id: 'flights', indices: ['logs'], max_empty_searches: value }),
      [
        [0, '0'],
        [-2, '-2'],
        [-1000, '-1,000'],
      ],
    );
    const set = await server.request('POST', '/_ml/datafeeds/df-empty/_update', {
      op: 'ml-update-datafeed',
      body: { max_empty_searches: 10 },
    });
    expect(set.json).toMatchObject({ max_empty_searches: 10 });
    const cleared = await server.request('POST', '/_ml/datafeeds/df-empty/_update', {
      op: 'ml-update-datafeed',
      body: { max_empty_searches: -1 },
    });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.json).not.toHaveProperty('max_empty_searches');
    const got = await server.request('GET', '/_ml/datafeeds/df-empty', { op: 'ml-get-datafeeds' });
    expect(got.json.datafeeds[0]).not.toHaveProperty('max_empty_searches');
    // Refused while parsing: a datafeed that does not exist gets the 400, not the 404.
    await refuses('POST', '/_ml/datafeeds/no-such-feed/_update', (value) => ({ max_empty_searches: value }), [
      [0, '0'],
      [-5, '-5'],
      [-12345, '-12,345'],
    ]);
  });
});

describe('a response is never lost', () => {
  // Bodies of 1 MB and more on paths that answer without using the body: the server reads the whole body
  // first, as Elasticsearch does, so both Node's http client and fetch receive the answer.
  const big = Buffer.alloc(1024 * 1024 + 7, 0x61);
  it.each([
    {
      description: '405',
      method: 'PATCH',
      path: '/_ml/anomaly_detectors/j/_close',
      type: 'application/json',
      status: 405,
    },
    {
      description: '406 media type',
      method: 'POST',
      path: '/_ml/anomaly_detectors/j/_close',
      type: 'text/plain',
      status: 406,
    },
    {
      description: '400 media type',
      method: 'POST',
      path: '/_ml/anomaly_detectors/j/_close',
      type: 'a b',
      status: 400,
    },
    {
      description: '409 post data on a closed job',
      method: 'POST',
      path: '/_ml/anomaly_detectors/flights/_data',
      type: 'application/json',
      status: 409,
    },
    {
      description: 'no such route',
      method: 'POST',
      path: '/_ml/nothing/here/at/all',
      type: 'application/json',
      status: 400,
    },
  ])('$description with node:http and fetch', async ({ method, path, type, status }) => {
    await putFlights();
    const viaHttp = await rawRequest(server.url, method, path, big, { 'Content-Type': type });
    expect(viaHttp.status).toBe(status);
    expect(viaHttp.text.length).toBeGreaterThan(0);
    const viaFetch = await fetch(server.url + path, { method, body: big, headers: { 'Content-Type': type } });
    expect(viaFetch.status).toBe(status);
    expect((await viaFetch.text()).length).toBeGreaterThan(0);
  });

  it('GET /_ml/datafeeds/%20 with a 200 kB body answers', async () => {
    const response = await rawRequest(
      server.url,
      'GET',
      '/_ml/datafeeds/%20',
      Buffer.alloc(200 * 1024, 0x20),
      {
        'Content-Type': 'application/json',
      },
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ count: 0, datafeeds: [] });
  });
});

describe('start datafeed checks', () => {
  async function setUp(detectorField = 'delay'): Promise<void> {
    const mappings = {
      properties: { time: { type: 'date' }, carrier: { type: 'keyword' }, delay: { type: 'float' } },
    };
    await server.request('PUT', '/flights-data', { op: 'indices-create', body: { mappings } });
    await server.request('PUT', '/_ml/anomaly_detectors/flights', {
      op: 'ml-put-job',
      body: {
        ...FLIGHTS,
        analysis_config: {
          bucket_span: '1h',
          detectors: [{ function: 'metric', field_name: detectorField, by_field_name: 'carrier' }],
        },
      },
    });
    await server.request('PUT', '/_ml/datafeeds/feed', {
      op: 'ml-put-datafeed',
      body: { job_id: 'flights', indexes: 'flights-data' },
    });
    await server.openJob('flights');
  }
  const start = (query = '') =>
    server.request('POST', `/_ml/datafeeds/feed/_start${query}`, { op: 'ml-start-datafeed' });

  it.each([
    {
      description: 'an end before the start',
      query: '?start=2017-02-01T01:00:00Z&end=2017-02-01T00:00:00Z',
      want: {
        status: 400,
        type: 'action_request_validation_exception',
        reason: 'Validation Failed: 1: start [1485910800000] must be earlier than end [1485907200000];',
      },
    },
    {
      description: 'a start that is not a date',
      query: '?start=soon',
      want: {
        status: 400,
        type: 'parse_exception',
        reason:
          'Query param [start] with value [soon] cannot be parsed as a date or converted to a number (epoch).',
      },
    },
  ])('$description is refused', async ({ query, want }) => {
    await setUp();
    expect(errorOf(await start(query))).toEqual(want);
  });

  it('a job field the index does not map is a 400', async () => {
    await setUp('delay2');
    expect(errorOf(await start())).toEqual({
      status: 400,
      type: 'status_exception',
      reason: '[feed] cannot retrieve field [delay2] because it has no mappings',
    });
  });

  it('an index that does not exist is a 404', async () => {
    await setUp();
    await server.request('POST', '/_ml/datafeeds/feed/_update', {
      op: 'ml-update-datafeed',
      body: { indices: ['utopia'] },
    });
    expect(errorOf(await start())).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: 'datafeed [feed] cannot retrieve data because index [utopia] does not exist',
    });
  });

  it('no persistent task assignment while the cluster setting says none', async () => {
    await setUp();
    await putFlights('other');
    const setting = (value: string | null) =>
      server.request('PUT', '/_cluster/settings', {
        op: 'cluster-put-settings',
        body: { persistent: { 'cluster.persistent_tasks.allocation.enable': value } },
      });
    await setting('none');
    const refused = await start('?start=0');
    expect(refused.status).toBe(429);
    const open = await server.request('POST', '/_ml/anomaly_detectors/other/_open', { op: 'ml-open-job' });
    expect(errorOf(open)).toEqual({
      status: 429,
      type: 'status_exception',
      reason:
        'Cannot open jobs because persistent task assignment is disabled by the [cluster.persistent_tasks.allocation.enable] setting',
    });
    expect(refused.json.error.reason).toContain(
      'no persistent task assignments are allowed due to cluster settings',
    );
    expect(await server.datafeedState('feed')).toBe('stopped');
    await setting(null);
    expect((await start('?start=0')).status).toBe(200);
  });

  it('update job refuses analysis_limits while open and inconsistent retention settings', async () => {
    await putFlights();
    await server.openJob('flights');
    const update = (body: object) =>
      server.request('POST', '/_ml/anomaly_detectors/flights/_update', { op: 'ml-update-job', body });
    expect(errorOf(await update({ analysis_limits: { model_memory_limit: '20mb' } }))).toEqual({
      status: 400,
      type: 'status_exception',
      reason: 'Cannot update analysis_limits while the job is open',
    });
    expect(errorOf(await update({ daily_model_snapshot_retention_after_days: 31 }))).toEqual({
      status: 400,
      type: 'status_exception',
      reason:
        'The value of daily_model_snapshot_retention_after_days [31] cannot be greater than model_snapshot_retention_days [10]',
    });
    const rules = await update({
      detectors: [
        {
          detector_index: 0,
          custom_rules: [{ conditions: [{ applies_to: 'actual', operator: 'gt', value: 10 }] }],
        },
      ],
      model_plot_config: { enabled: false },
    });
    expect(rules.json.analysis_config.detectors[0].custom_rules[0].actions).toEqual(['skip_result']);
    expect(rules.json.model_plot_config).toEqual({ annotations_enabled: false, enabled: false });
  });
});

describe('the official client', () => {
  it('drives post data, flush, update, get datafeeds, health, settings and documents', async () => {
    const client = new Client({ node: server.url });
    try {
      await client.ml.putJob({ job_id: 'flights', ...FLIGHTS } as Parameters<typeof client.ml.putJob>[0]);
      await client.ml.openJob({ job_id: 'flights' });
      const counts = await client.ml.postData({ job_id: 'flights', data: RECORDS });
      expect(counts).toMatchObject({
        processed_record_count: 2,
        input_field_count: 6,
        processed_field_count: 4,
      });
      expect(await client.ml.flushJob({ job_id: 'flights' })).toEqual({
        flushed: true,
        last_finalized_bucket_end: 1403481600000,
      });
      await client.ml.closeJob({ job_id: 'flights' });
      const updated = await client.ml.updateJob({
        job_id: 'flights',
        analysis_limits: { model_memory_limit: '20mb' },
      });
      expect(updated.analysis_limits.model_memory_limit).toBe('20mb');
      await client.indices.create({ index: 'flights-data' });
      await client.ml.putDatafeed({ datafeed_id: 'feed', job_id: 'flights', indices: ['flights-data'] });
      await client.ml.updateDatafeed({ datafeed_id: 'feed', scroll_size: 10 });
      const feeds = await client.ml.getDatafeeds({ datafeed_id: 'feed' });
      expect(feeds.datafeeds[0]).toMatchObject({ datafeed_id: 'feed', scroll_size: 10 });
      expect((await client.cluster.health({ wait_for_status: 'yellow' })).status).toBe('yellow');
      const settings = await client.cluster.putSettings({
        transient: { 'cluster.persistent_tasks.allocation.enable': 'all' },
      });
      expect(settings.acknowledged).toBe(true);
      const indexed = await client.index({ index: 'flights-data', id: '1', document: { carrier: 'AAL' } });
      expect(indexed.result).toBe('created');
      await client.indices.refresh({ index: 'flights-data' });
      expect((await client.get({ index: 'flights-data', id: '1' }))._source).toEqual({ carrier: 'AAL' });
      expect((await client.count({ index: 'flights-data' })).count).toBe(1);
      const dataCounts = await client.get({ index: '.ml-anomalies-flights', id: 'flights_data_counts' });
      expect(dataCounts._source).toMatchObject({ processed_record_count: 2 });
    } finally {
      await client.close();
    }
  });
});
