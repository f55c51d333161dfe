// The supporting APIs of a job's lifecycle around close: post data and flush, updates and get datafeeds,
// cluster health and settings, the document APIs, ML's data counts document, and that an early error still
// reaches the client when the request has a large body. Expected values are written here from Elasticsearch's
// behaviour (DataCountsReporter, FlushJobAction), never taken from the reference server's code.
import type { CheckDefinition } from '../check.js';
import { header } from '../http.js';
import { operation } from '../operations.js';

const json = (body: unknown) => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

const DEPRECATION = 'Posting data directly to anomaly detection jobs is deprecated';
const T0 = 1_000_000_000_000;
/** The 15m bucket (the fleet's bucket_span) that holds T0 starts here. */
const T0_BUCKET = Math.floor(T0 / 900_000) * 900_000;

function notOpen(id: string): { status: number; type: string; reason: string } {
  return {
    status: 409,
    type: 'status_exception',
    reason: `Cannot perform requested action because job [${id}] is not open`,
  };
}

export function jobApiChecks(): CheckDefinition[] {
  return [
    {
      id: 'supporting/post-data',
      title: 'Post data counts the records of an opened job and keeps the totals in its data counts document',
      requirements: ['CJ-SUP-013', 'CJ-SUP-019'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'open', state: 'opened' }, { name: 'shut' }]);
        const id = fleet.ids.open!;
        // The fleet's jobs count by time (`timestamp`, epoch_ms): no analysed field, the time field only.
        const body = [
          JSON.stringify({ timestamp: T0, host: 'a' }),
          JSON.stringify({ timestamp: T0 + 60_000 }),
          JSON.stringify({ timestamp: 'not a time', host: 'b' }),
        ].join('\n');
        const posted = await ctx.send(
          {
            ...operation('ml-post-data', { job_id: id }),
            headers: { 'Content-Type': 'application/x-ndjson' },
            body: `${body}\n`,
          },
          { operationId: 'ml-post-data' },
          ['CJ-SUP-013'],
        );
        ctx.must(['CJ-SUP-013'], posted.status === 202, 'status 202', 202, posted.status);
        ctx.verify(
          ['CJ-SUP-013'],
          (header(posted, 'warning') ?? '').includes(DEPRECATION),
          'the deprecation Warning header',
          DEPRECATION,
          header(posted, 'warning'),
        );
        const counts = posted.json as Record<string, unknown>;
        ctx.equal(
          ['CJ-SUP-013'],
          {
            processed_record_count: counts.processed_record_count,
            invalid_date_count: counts.invalid_date_count,
            input_record_count: counts.input_record_count,
            input_field_count: counts.input_field_count,
            input_bytes: counts.input_bytes,
            earliest_record_timestamp: counts.earliest_record_timestamp,
            latest_record_timestamp: counts.latest_record_timestamp,
          },
          {
            processed_record_count: 2,
            invalid_date_count: 1,
            input_record_count: 3,
            // Fields per record without the time field: 1, 0, 1.
            input_field_count: 2,
            input_bytes: Buffer.byteLength(body) + 1,
            earliest_record_timestamp: T0,
            latest_record_timestamp: T0 + 60_000,
          },
          'the counts of the upload',
        );
        const closed = await ctx.send(
          {
            ...operation('ml-post-data', { job_id: fleet.ids.shut! }),
            ...json({ timestamp: T0 }),
          },
          { operationId: 'ml-post-data' },
          ['CJ-SUP-013'],
        );
        ctx.expectError(closed, notOpen(fleet.ids.shut!), ['CJ-SUP-013']);
        const stats = (await ctx.jobStats(id)).get(id);
        const totals = (stats?.data_counts ?? {}) as Record<string, unknown>;
        ctx.equal(
          ['CJ-SUP-013'],
          totals.processed_record_count,
          2,
          'stats data_counts.processed_record_count',
        );
        const close = await ctx.close(id);
        ctx.expectClosed(close, ['CJ-SUP-019']);
        const doc = await ctx.send(
          operation('get', { index: `.ml-anomalies-${id}`, id: `${id}_data_counts` }),
          { operationId: 'get' },
          ['CJ-SUP-019'],
        );
        const source = ((doc.json as { _source?: Record<string, unknown> })._source ?? {}) as Record<
          string,
          unknown
        >;
        ctx.equal(
          ['CJ-SUP-019'],
          [doc.status, source.processed_record_count, source.invalid_date_count],
          [200, 2, 1],
          'the data counts document, read through the job alias',
        );
      },
    },
    {
      id: 'supporting/flush-job',
      title: 'Flush answers the end of the last finalized bucket, once there is one',
      requirements: ['CJ-SUP-014'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'open', state: 'opened' }, { name: 'shut' }]);
        const id = fleet.ids.open!;
        const flush = (job: string) =>
          ctx.send(operation('ml-flush-job', { job_id: job }), { operationId: 'ml-flush-job' }, [
            'CJ-SUP-014',
          ]);
        ctx.equal(['CJ-SUP-014'], (await flush(id)).json, { flushed: true }, 'no bucket finalized yet');
        await ctx.send(
          { ...operation('ml-post-data', { job_id: id }), ...json({ timestamp: T0 }) },
          { operationId: 'ml-post-data' },
          ['CJ-SUP-014'],
        );
        ctx.equal(
          ['CJ-SUP-014'],
          (await flush(id)).json,
          { flushed: true, last_finalized_bucket_end: T0_BUCKET },
          'the start of the record bucket',
        );
        ctx.expectError(await flush(fleet.ids.shut!), notOpen(fleet.ids.shut!), ['CJ-SUP-014']);
      },
    },
    {
      id: 'supporting/update-job-and-datafeed',
      title: 'Update job and update datafeed change the configuration; get datafeeds lists it',
      requirements: ['CJ-SUP-015'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened', datafeed: 'stopped' }]);
        const id = fleet.ids.j!;
        const datafeed = fleet.datafeeds.j!;
        const updated = await ctx.send(
          {
            ...operation('ml-update-job', { job_id: id }),
            ...json({ description: 'updated by the suite' }),
          },
          { operationId: 'ml-update-job' },
          ['CJ-SUP-015'],
        );
        ctx.equal(
          ['CJ-SUP-015'],
          [updated.status, (updated.json as { description?: unknown }).description],
          [200, 'updated by the suite'],
          'the job with its new description',
        );
        const feed = await ctx.send(
          { ...operation('ml-update-datafeed', { datafeed_id: datafeed }), ...json({ scroll_size: 123 }) },
          { operationId: 'ml-update-datafeed' },
          ['CJ-SUP-015'],
        );
        ctx.equal(['CJ-SUP-015'], (feed.json as { scroll_size?: unknown }).scroll_size, 123, 'scroll_size');
        const got = await ctx.send(
          operation('ml-get-datafeeds', { datafeed_id: datafeed }),
          { operationId: 'ml-get-datafeeds' },
          ['CJ-SUP-015'],
        );
        const list = (got.json as { datafeeds?: Array<Record<string, unknown>> }).datafeeds ?? [];
        ctx.equal(
          ['CJ-SUP-015'],
          list.map((entry) => [entry.datafeed_id, entry.job_id, entry.scroll_size]),
          [[datafeed, id, 123]],
          'the updated datafeed',
        );
      },
    },
    {
      id: 'supporting/cluster-health-and-settings',
      title: 'Cluster health answers a status; update settings answers the changed settings, nested',
      requirements: ['CJ-SUP-016'],
      async run(ctx) {
        const health = await ctx.send(
          operation('cluster-health', {}, { wait_for_status: 'yellow', timeout: '5s' }),
          { operationId: 'cluster-health' },
          ['CJ-SUP-016'],
        );
        const status = (health.json as { status?: unknown }).status;
        ctx.verify(
          ['CJ-SUP-016'],
          health.status === 200 && (status === 'green' || status === 'yellow'),
          'green or yellow',
          'green|yellow',
          status,
        );
        const setting = (value: string | null) =>
          ctx.send(
            {
              ...operation('cluster-put-settings'),
              ...json({ transient: { 'cluster.persistent_tasks.allocation.enable': value } }),
            },
            { operationId: 'cluster-put-settings' },
            ['CJ-SUP-016'],
          );
        ctx.equal(
          ['CJ-SUP-016'],
          (await setting('all')).json,
          {
            acknowledged: true,
            persistent: {},
            transient: { cluster: { persistent_tasks: { allocation: { enable: 'all' } } } },
          },
          'the changed setting',
        );
        ctx.equal(
          ['CJ-SUP-016'],
          (await setting(null)).json,
          { acknowledged: true, persistent: {}, transient: {} },
          'a reset setting',
        );
      },
    },
    {
      id: 'supporting/documents',
      title: 'Index, get, refresh, count and the HEAD checks of indices and aliases',
      requirements: ['CJ-SUP-017', 'CJ-SUP-018'],
      async run(ctx) {
        const index = ctx.name('docs');
        const created = await ctx.send(
          {
            ...operation('indices-create', { index }),
            ...json({ mappings: { properties: { kind: { type: 'keyword' } } } }),
          },
          { operationId: 'indices-create' },
          ['CJ-SUP-017'],
        );
        ctx.must(['CJ-SUP-017'], created.status === 200, 'the index is created', 200, created.status);
        try {
          const put = (kind: string) =>
            ctx.send(
              { ...operation('index', { index, id: '1' }), ...json({ kind }) },
              { operationId: 'index' },
              ['CJ-SUP-017'],
            );
          const first = await put('a');
          const second = await put('b');
          ctx.equal(
            ['CJ-SUP-017'],
            [
              first.status,
              (first.json as { result?: unknown }).result,
              second.status,
              (second.json as { _version?: unknown })._version,
            ],
            [201, 'created', 200, 2],
            'created, then updated to version 2',
          );
          const got = await ctx.send(operation('get', { index, id: '1' }), { operationId: 'get' }, [
            'CJ-SUP-017',
          ]);
          ctx.equal(['CJ-SUP-017'], (got.json as { _source?: unknown })._source, { kind: 'b' }, 'the source');
          const missing = await ctx.send(operation('get', { index, id: '2' }), { operationId: 'get' }, [
            'CJ-SUP-017',
          ]);
          ctx.equal(
            ['CJ-SUP-017'],
            [missing.status, (missing.json as { found?: unknown }).found],
            [404, false],
            'found false',
          );
          await ctx.send(
            { method: 'POST', path: `/${index}/_refresh` },
            { none: 'refresh of one index (the spec describes /_refresh)' },
            ['CJ-SUP-018'],
          );
          const count = await ctx.send(
            {
              ...operation('count', { index }),
              ...json({ query: { term: { kind: 'b' } } }),
            },
            { operationId: 'count' },
            ['CJ-SUP-018'],
          );
          ctx.equal(['CJ-SUP-018'], (count.json as { count?: unknown }).count, 1, 'one matching document');
          const head = async (request: ReturnType<typeof operation>) => {
            const response = await ctx.send(request, { none: 'HEAD has no body' }, ['CJ-SUP-018']);
            return [response.status, response.text];
          };
          ctx.equal(
            ['CJ-SUP-018'],
            await head(operation('indices-exists', { index })),
            [200, ''],
            'HEAD on the index',
          );
          ctx.equal(
            ['CJ-SUP-018'],
            await head(operation('indices-exists', { index: ctx.name('nope') })),
            [404, ''],
            'HEAD on a missing index',
          );
          ctx.equal(
            ['CJ-SUP-018'],
            await head(operation('indices-exists-alias', { index, name: ctx.name('no-alias') })),
            [404, ''],
            'HEAD on a missing alias',
          );
        } finally {
          await ctx.send(operation('indices-delete', { index }), { operationId: 'indices-delete' }, [
            'CJ-SUP-017',
          ]);
        }
      },
    },
    {
      id: 'supporting/large-body-early-error',
      title: 'An early error reaches the client although the request has a 1 MB body',
      requirements: ['CJ-SUP-020'],
      async run(ctx) {
        const body = 'x'.repeat(1024 * 1024);
        const path = `/_ml/anomaly_detectors/${ctx.name('none')}/_close`;
        const wrongMethod = await ctx.send(
          { method: 'PATCH', path, headers: { 'Content-Type': 'application/json' }, body },
          { operationId: 'ml-close-job' },
          ['CJ-SUP-020'],
        );
        ctx.equal(['CJ-SUP-020'], wrongMethod.status, 405, 'the 405 arrives');
        const wrongType = await ctx.send(
          { method: 'POST', path, headers: { 'Content-Type': 'text/plain' }, body },
          { operationId: 'ml-close-job' },
          ['CJ-SUP-020'],
        );
        ctx.equal(['CJ-SUP-020'], wrongType.status, 406, 'the 406 arrives');
      },
    },
  ];
}
