import type { CloseJobResponse, paths } from '@mlclose/schema';
import type { Client } from 'openapi-fetch';
import { assertType, describe, expectTypeOf, it } from 'vitest';
import type { PARAM_PLACES } from '../src/close-job-request.js';
import {
  createClient,
  type ClientOptions,
  type CloseJobOptionName,
  type CloseJobParams,
  type MlCloseClient,
  type ResponseError,
  type RetryPolicy,
} from '../src/index.js';
import { retry } from '../src/retry.js';

declare const client: MlCloseClient;
type CloseJobQuery = NonNullable<
  paths['/_ml/anomaly_detectors/{job_id}/_close']['post']['parameters']['query']
>;

describe('closeJob types come from the spec', () => {
  it('valid calls compile', () => {
    assertType(client.ml.closeJob({ job_id: 'low_request_rate' }));
    assertType(
      client.ml.closeJob({
        job_id: ['foo-1', 'grp', 'bar-*'],
        force: true,
        allow_no_match: false,
        timeout: '5m',
      }),
    );
    assertType(
      client.ml.closeJob({ job_id: '_all', pretty: true, filter_path: 'closed' }, { paramsIn: 'query' }),
    );
    assertType(
      client.ml.closeJob(
        { job_id: 'j' },
        { signal: AbortSignal.timeout(1000), querystring: { error_trace: true } },
      ),
    );
    const readonlyIds = ['a', 'b'] as const;
    assertType(client.ml.closeJob({ job_id: readonlyIds }));
  });

  it('invalid calls do not compile', () => {
    // @ts-expect-error job_id is required
    assertType(client.ml.closeJob({ force: true }));
    // @ts-expect-error force is a boolean
    assertType(client.ml.closeJob({ job_id: 'j', force: 'yes' }));
    // @ts-expect-error an unknown option
    assertType(client.ml.closeJob({ job_id: 'j', forced: true }));
    // @ts-expect-error timeout is a Duration string, not a number
    assertType(client.ml.closeJob({ job_id: 'j', timeout: 30 }));
    // @ts-expect-error job_id ids are strings
    assertType(client.ml.closeJob({ job_id: [1, 2] }));
    // @ts-expect-error paramsIn is body or query
    assertType(client.ml.closeJob({ job_id: 'j' }, { paramsIn: 'path' }));
    // @ts-expect-error the close options cannot go to querystring (a body plus query options is a 400)
    assertType(client.ml.closeJob({ job_id: 'j' }, { querystring: { force: true } }));
    // @ts-expect-error the official client's body parameter is not taken
    assertType(client.ml.closeJob({ job_id: 'j', body: { force: true } }));
  });

  it('resolves to the spec response', () => {
    expectTypeOf(client.ml.closeJob).returns.resolves.toEqualTypeOf<CloseJobResponse>();
    expectTypeOf<CloseJobParams['force']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<CloseJobParams['timeout']>().toEqualTypeOf<string | undefined>();
  });

  it('the runtime list of parameters is exactly the spec query parameters', () => {
    expectTypeOf<keyof typeof PARAM_PLACES>().toEqualTypeOf<keyof CloseJobQuery>();
  });

  it('the close options are the parameters that both the query and the body take', () => {
    expectTypeOf<CloseJobOptionName>().toEqualTypeOf<'allow_no_match' | 'force' | 'timeout'>();
  });
});

describe('createClient types', () => {
  it('takes the documented options', () => {
    assertType(
      createClient({ node: process.env.ELASTICSEARCH_URL, auth: { apiKey: process.env.ELASTIC_API_KEY } }),
    );
    assertType(
      createClient({ baseUrl: 'http://localhost:9200', auth: { username: 'elastic', password: 'changeme' } }),
    );
    assertType(
      createClient({
        node: 'http://localhost:9200',
        auth: { bearer: 'token' },
        requestTimeout: 5000,
        paramsIn: 'query',
      }),
    );
    assertType(
      createClient({ node: 'http://localhost:9200', retry: retry({ retries: 3, statuses: [503] }) }),
    );
    assertType(createClient({ node: 'http://localhost:9200', fetch: (request: Request) => fetch(request) }));
  });

  it('refuses unknown options and malformed auth', () => {
    // @ts-expect-error maxRetries is the official client's option, not ours
    assertType<ClientOptions>({ node: 'http://x', maxRetries: 3 });
    // @ts-expect-error auth needs a scheme
    assertType<ClientOptions>({ node: 'http://x', auth: {} });
    // @ts-expect-error retry takes a policy from retry(), not its options
    assertType<ClientOptions>({ node: 'http://x', retry: { retries: 3 } });
  });

  it('exposes the typed openapi-fetch client', () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
    assertType(
      client.raw.POST('/_ml/anomaly_detectors/{job_id}/_close', {
        params: { path: { job_id: 'j' }, query: { force: true } },
      }),
    );
    const unknownPath = '/_ml/anomaly_detectors/{job_id}/_explode';
    // @ts-expect-error the spec has no such path
    assertType(client.raw.POST(unknownPath, { params: { path: { job_id: 'j' } } }));
  });

  it('retry policies see the errors they may retry', () => {
    expectTypeOf<Parameters<RetryPolicy>[1]>().toExtend<{ request: { url: string } }>();
    expectTypeOf<ResponseError['statusCode']>().toEqualTypeOf<number>();
  });
});
