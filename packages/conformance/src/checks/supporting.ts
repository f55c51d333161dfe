// The supporting standard APIs the fixtures rely on, and test-control discovery. A target whose supporting APIs
// misbehave cannot be tested for close-job; these checks say so precisely.
import type { CheckDefinition } from '../check.js';
import { jobConfig } from '../fixtures.js';
import { operation } from '../operations.js';
import { header } from '../http.js';
import { checkStackTraces } from './stack-traces.js';

const json = (body: unknown) => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

export function supportingChecks(): CheckDefinition[] {
  return [
    {
      id: 'supporting/info',
      title: 'GET / answers cluster info with a version number',
      requirements: ['CJ-SUP-001'],
      async run(ctx) {
        const response = await ctx.send(operation('info'), { operationId: 'info' }, ['CJ-SUP-001']);
        ctx.verify(['CJ-SUP-001'], response.status === 200, 'status 200', 200, response.status);
        const version = (response.json as { version?: { number?: unknown } }).version?.number;
        ctx.verify(
          ['CJ-SUP-001'],
          typeof version === 'string' && /^\d+\.\d+/.test(version),
          'version.number',
          'x.y.z',
          version,
        );
      },
    },
    {
      id: 'supporting/create-job',
      title:
        'Create job validates the id and the detectors and rejects a duplicate; with error_trace each stack_trace names its exception',
      requirements: ['CJ-SUP-002', 'CJ-FMT-004', 'CJ-FMT-007', 'CJ-FMT-008'],
      async run(ctx) {
        const bad = ctx.name('UPPER');
        const invalid = await ctx.send(
          { ...operation('ml-put-job', { job_id: bad }), ...json(jobConfig([])) },
          { operationId: 'ml-put-job' },
          ['CJ-SUP-002'],
        );
        ctx.expectError(
          invalid,
          {
            status: 400,
            type: 'illegal_argument_exception',
            reason: `Invalid job_id; '${bad}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric`,
          },
          ['CJ-SUP-002'],
        );
        const fleet = await ctx.fleet([{ name: 'j' }]);
        const duplicate = await ctx.send(
          {
            ...operation('ml-put-job', { job_id: fleet.ids.j! }, 'error_trace=true'),
            ...json(jobConfig([])),
          },
          { operationId: 'ml-put-job' },
          ['CJ-SUP-002'],
        );
        if (
          ctx.expectError(
            duplicate,
            {
              status: 400,
              type: 'resource_already_exists_exception',
              reason: `The job cannot be created with the Id '${fleet.ids.j}'. The Id is already used.`,
            },
            ['CJ-SUP-002'],
          )
        )
          checkStackTraces(ctx, duplicate.json, 'elasticsearch', ['CJ-SUP-002']);
        // A detector that fails its own validation (Detector.Builder.build, an ElasticsearchStatusException) inside
        // the job's parsing: ObjectParser wraps it in XContentParseExceptions ("failed to parse field"), and
        // guessRootCauses looks through them into the Elasticsearch exception, the root cause.
        const badDetector = await ctx.send(
          {
            ...operation('ml-put-job', { job_id: ctx.name('mean') }, 'error_trace=true'),
            ...json({
              ...jobConfig([]),
              analysis_config: { bucket_span: '15m', detectors: [{ function: 'mean' }] },
            }),
          },
          { operationId: 'ml-put-job' },
          ['CJ-SUP-002'],
        );
        if (
          ctx.expectError(
            badDetector,
            { status: 400, type: 'x_content_parse_exception', rootCauseType: 'status_exception' },
            ['CJ-SUP-002', 'CJ-ENV-002'],
          )
        ) {
          const roots = (badDetector.json as { error: { root_cause: Array<Record<string, unknown>> } }).error
            .root_cause;
          ctx.equal(
            ['CJ-SUP-002', 'CJ-ENV-002'],
            roots.map((root) => root.reason),
            [
              'Unless a count or temporal function is used one of field_name, by_field_name or over_field_name must be set',
            ],
            'the root cause is the detector validation error',
          );
          checkStackTraces(ctx, badDetector.json, 'elasticsearch', ['CJ-SUP-002']);
        }
      },
    },
    {
      id: 'supporting/get-jobs',
      title: 'Get jobs expands a group to its members, sorted',
      requirements: ['CJ-SUP-003'],
      async run(ctx) {
        const fleet = await ctx.fleet([
          { name: 'b', groups: ['g'] },
          { name: 'a', groups: ['g'] },
          { name: 'c' },
        ]);
        const response = await ctx.send(
          operation('ml-get-jobs', { job_id: ctx.name('g') }),
          { operationId: 'ml-get-jobs' },
          ['CJ-SUP-003'],
        );
        const ids = ((response.json as { jobs?: Array<{ job_id: string }> }).jobs ?? []).map(
          (job) => job.job_id,
        );
        ctx.equal(['CJ-SUP-003'], ids, [fleet.ids.a, fleet.ids.b], 'the group members, sorted by id');
      },
    },
    {
      id: 'supporting/delete-job',
      title: 'Delete job deletes a closed job; an opened job needs force',
      requirements: ['CJ-SUP-004'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'open', state: 'opened' }, { name: 'shut' }]);
        const del = (id: string, query = '') =>
          ctx.send(operation('ml-delete-job', { job_id: id }, query), { operationId: 'ml-delete-job' }, [
            'CJ-SUP-004',
          ]);
        ctx.verify(['CJ-SUP-004'], (await del(fleet.ids.shut!)).status === 200, 'a closed job is deleted');
        ctx.verify(
          ['CJ-SUP-004'],
          (await del(fleet.ids.open!)).status === 409,
          'an opened job without force is 409',
        );
        ctx.verify(
          ['CJ-SUP-004'],
          (await del(fleet.ids.open!, 'force=true')).status === 200,
          'an opened job with force is deleted',
        );
        const left = await ctx.jobStates(`${ctx.prefix}*`);
        ctx.equal(['CJ-SUP-004'], left.size, 0, 'no job is left');
      },
    },
    {
      id: 'supporting/datafeed-lifecycle',
      title: 'Put, start, stop, stats and delete a datafeed; create and delete an index',
      requirements: ['CJ-SUP-007', 'CJ-SUP-008', 'CJ-SUP-009', 'CJ-SUP-010', 'CJ-SUP-011', 'CJ-SUP-012'],
      async run(ctx) {
        const index = ctx.name('idx');
        const created = await ctx.send(
          {
            ...operation('indices-create', { index }),
            ...json({ mappings: { properties: { timestamp: { type: 'date' } } } }),
          },
          { operationId: 'indices-create' },
          ['CJ-SUP-012'],
        );
        ctx.must(['CJ-SUP-012'], created.status === 200, 'the index is created', 200, created.status);
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened', datafeed: 'started' }]);
        const datafeed = fleet.datafeeds.j!;
        ctx.equal(
          ['CJ-SUP-009', 'CJ-SUP-011'],
          (await ctx.datafeedStates(datafeed)).get(datafeed),
          'started',
          'started',
        );
        const stopped = await ctx.send(
          operation('ml-stop-datafeed', { datafeed_id: datafeed }),
          { operationId: 'ml-stop-datafeed' },
          ['CJ-SUP-010'],
        );
        ctx.verify(['CJ-SUP-010'], stopped.status === 200, 'the datafeed stops', 200, stopped.status);
        ctx.equal(
          ['CJ-SUP-010', 'CJ-SUP-011'],
          (await ctx.datafeedStates(datafeed)).get(datafeed),
          'stopped',
          'stopped',
        );
        const deleted = await ctx.send(
          operation('ml-delete-datafeed', { datafeed_id: datafeed }),
          { operationId: 'ml-delete-datafeed' },
          ['CJ-SUP-008'],
        );
        ctx.verify(
          ['CJ-SUP-008'],
          deleted.status === 200,
          'a stopped datafeed is deleted',
          200,
          deleted.status,
        );
        const gone = await ctx.send(
          operation('indices-delete', { index }),
          { operationId: 'indices-delete' },
          ['CJ-SUP-012'],
        );
        ctx.verify(['CJ-SUP-012'], gone.status === 200, 'the index is deleted', 200, gone.status);
      },
    },
    {
      id: 'supporting/get-jobs-sorted',
      title: 'Get jobs answers the expanded jobs sorted by job_id, whatever order they were created in',
      requirements: ['CJ-SUP-003'],
      async run(ctx) {
        // CJ-EXPAND-002 (JobConfigProvider): expansion searches .ml-config sorted by job_id. The jobs are created one by one, in descending order.
        const ids: string[] = [];
        for (const name of ['c3', 'b2', 'a1']) ids.push((await ctx.fleet([{ name }])).ids[name]!);
        const response = await ctx.send(
          operation('ml-get-jobs', { job_id: `${ctx.prefix}*` }),
          { operationId: 'ml-get-jobs' },
          ['CJ-SUP-003'],
        );
        ctx.must(['CJ-SUP-003'], response.status === 200, 'get jobs answers 200', 200, response.status);
        const listed = ((response.json as { jobs?: Array<{ job_id: string }> }).jobs ?? []).map(
          (job) => job.job_id,
        );
        ctx.equal(['CJ-SUP-003'], listed, [...ids].sort(), 'the jobs, sorted by job_id (String order)');
        // Deleting a job right after creating two out of order, with no listing in between, then listing again.
        const put = async (name: string): Promise<string> => {
          const id = ctx.name(name);
          const created = await ctx.send(
            { ...operation('ml-put-job', { job_id: id }), ...json(jobConfig([])) },
            { operationId: 'ml-put-job' },
            ['CJ-SUP-002'],
          );
          ctx.must(['CJ-SUP-002'], created.status === 200, `job ${id} is created`, 200, created.status);
          return id;
        };
        const kept = await put('y8');
        const dropped = await put('x7');
        const deleted = await ctx.send(
          operation('ml-delete-job', { job_id: dropped }),
          { operationId: 'ml-delete-job' },
          ['CJ-SUP-004'],
        );
        ctx.must(['CJ-SUP-004'], deleted.status === 200, `job ${dropped} is deleted`, 200, deleted.status);
        const again = await ctx.send(
          operation('ml-get-jobs', { job_id: `${ctx.prefix}*` }),
          { operationId: 'ml-get-jobs' },
          ['CJ-SUP-003'],
        );
        ctx.equal(
          ['CJ-SUP-003'],
          ((again.json as { jobs?: Array<{ job_id: string }> }).jobs ?? []).map((job) => job.job_id),
          [...ids, kept].sort(),
          'after the delete: the jobs left, sorted by job_id',
        );
      },
    },
    {
      id: 'supporting/stop-stopped-datafeed',
      title: 'Stopping a datafeed that is already stopped is a no-op 200, even one set to refuse a stop',
      requirements: ['CJ-SUP-010'],
      needs: ['datafeed_behaviour'],
      async run(ctx) {
        // TransportStopDatafeedAction answers at once when none of the datafeeds is started or stopping: nothing is
        // asked of the datafeed, so a datafeed that would refuse a stop (test control) is not involved.
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened', datafeed: 'stopped' }]);
        const datafeed = fleet.datafeeds.j!;
        await ctx.datafeedBehaviour(datafeed, {
          refuse_stop: true,
          stop_failure_reason: 'refused (conformance)',
        });
        const response = await ctx.send(
          operation('ml-stop-datafeed', { datafeed_id: datafeed }),
          { operationId: 'ml-stop-datafeed' },
          ['CJ-SUP-010'],
        );
        ctx.verify(['CJ-SUP-010'], response.status === 200, 'status 200', 200, response.status);
        ctx.equal(
          ['CJ-SUP-010'],
          (await ctx.datafeedStates(datafeed)).get(datafeed),
          'stopped',
          'the datafeed is stopped',
        );
        await ctx.datafeedBehaviour(datafeed, { refuse_stop: false });
      },
    },
    {
      id: 'supporting/stop-missing-datafeed',
      title: 'Stop datafeed on an id that does not exist is 404 "No datafeed with id [x] exists"',
      requirements: ['CJ-SUP-010'],
      async run(ctx) {
        // ExceptionsHelper.missingDatafeedException, as ExpandedIdsMatcher reports an unmatched explicit id.
        const missing = ctx.name('missing-df');
        const response = await ctx.send(
          operation('ml-stop-datafeed', { datafeed_id: missing }),
          { operationId: 'ml-stop-datafeed' },
          ['CJ-SUP-010'],
        );
        ctx.expectError(
          response,
          {
            status: 404,
            type: 'resource_not_found_exception',
            reason: `No datafeed with id [${missing}] exists`,
          },
          ['CJ-SUP-010'],
        );
      },
    },
    {
      id: 'supporting/index-errors',
      title:
        'Index errors carry the index as metadata, and with error_trace a stack_trace naming the exception',
      requirements: ['CJ-SUP-012', 'CJ-FMT-004', 'CJ-FMT-007', 'CJ-FMT-008'],
      async run(ctx) {
        // ElasticsearchException renders an exception's index as the fields `index` and `index_uuid` (`_na_` when
        // unknown); IndexNotFoundException adds resource.type and resource.id. With error_trace its
        // toString() starts with the index: `[name] <class>: <reason>` (`[name/uuid] ` once the uuid is known).
        const missing = ctx.name('missing-idx');
        const notFound = await ctx.send(
          operation('indices-delete', { index: missing }, 'error_trace=true'),
          { operationId: 'indices-delete' },
          ['CJ-SUP-012'],
        );
        if (
          ctx.expectError(
            notFound,
            { status: 404, type: 'index_not_found_exception', reason: `no such index [${missing}]` },
            ['CJ-SUP-012'],
          )
        ) {
          const error = (notFound.json as { error: Record<string, unknown> }).error;
          ctx.equal(
            ['CJ-SUP-012'],
            [error.index, error.index_uuid, error['resource.type'], error['resource.id']],
            [missing, '_na_', 'index_or_alias', missing],
            'index_not_found_exception carries index, index_uuid, resource.type and resource.id',
          );
          checkStackTraces(ctx, notFound.json, 'elasticsearch', ['CJ-SUP-012']);
        }
        const upper = ctx.name('UPPER-idx');
        const invalid = await ctx.send(
          operation('indices-create', { index: upper }, 'error_trace=true'),
          { operationId: 'indices-create' },
          ['CJ-SUP-012'],
        );
        if (
          ctx.expectError(
            invalid,
            {
              status: 400,
              type: 'invalid_index_name_exception',
              reason: `Invalid index name [${upper}], must be lowercase`,
            },
            ['CJ-SUP-012'],
          )
        ) {
          const error = (invalid.json as { error: Record<string, unknown> }).error;
          ctx.equal(
            ['CJ-SUP-012'],
            [error.index, error.index_uuid],
            [upper, '_na_'],
            'invalid_index_name_exception carries index and index_uuid',
          );
          checkStackTraces(ctx, invalid.json, 'elasticsearch', ['CJ-SUP-012']);
        }
        // An index that exists: ResourceAlreadyExistsException carries the index with its known uuid, so its
        // toString() starts `[name/uuid] `.
        const existing = ctx.name('existing-idx');
        const create = (query?: string) =>
          ctx.send(
            operation('indices-create', { index: existing }, query),
            { operationId: 'indices-create' },
            ['CJ-SUP-012'],
          );
        ctx.must(['CJ-SUP-012'], (await create()).status === 200, 'the index is created');
        try {
          const duplicate = await create('error_trace=true');
          if (
            ctx.expectError(
              duplicate,
              {
                status: 400,
                type: 'resource_already_exists_exception',
                reason: /^index \[.+\] already exists$/,
              },
              ['CJ-SUP-012'],
            )
          ) {
            const error = (duplicate.json as { error: Record<string, unknown> }).error;
            const uuid = error.index_uuid;
            ctx.verify(
              ['CJ-SUP-012'],
              error.index === existing &&
                typeof uuid === 'string' &&
                uuid !== '_na_' &&
                error.reason === `index [${existing}/${uuid}] already exists`,
              'resource_already_exists_exception carries the index and its uuid, and names both',
              `index [${existing}/<uuid>] already exists`,
              [error.index, uuid, error.reason],
            );
            checkStackTraces(ctx, duplicate.json, 'elasticsearch', ['CJ-SUP-012']);
          }
        } finally {
          await ctx.send(
            operation('indices-delete', { index: existing }),
            { operationId: 'indices-delete' },
            ['CJ-SUP-012'],
          );
        }
      },
    },
    {
      id: 'test-control/discovery',
      title: 'Test control lives under /_mlclose/test and announces itself on GET / and GET /_mlclose/test',
      requirements: ['CJ-TC-001'],
      async run(ctx) {
        if (!ctx.target.testControl)
          ctx.skip('the target offers no test control (expected for a real Elasticsearch cluster)');
        const info = await ctx.send(operation('info'), { operationId: 'info' }, ['CJ-TC-001']);
        ctx.equal(
          ['CJ-TC-001'],
          header(info, 'x-mlclose-test-control'),
          operation('test-control-info').path,
          'GET / announces test control',
        );
        const discovery = await ctx.send(
          operation('test-control-info'),
          { operationId: 'test-control-info' },
          ['CJ-TC-001'],
        );
        ctx.verify(
          ['CJ-TC-001'],
          discovery.status === 200,
          'GET /_mlclose/test is 200',
          200,
          discovery.status,
        );
      },
    },
  ];
}
