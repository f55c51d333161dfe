// The official @elastic/elasticsearch client (9.4.0) drives the server: it refuses responses without
// X-elastic-product, sends the vendor media type, and sends close options in the body by default.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client, errors } from '@elastic/elasticsearch';
import { validateResponse } from '@mlclose/schema/validators';
import { startTestServer, type TestServer } from '../src/testing.js';

let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = new Client({ node: server.url });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(async () => {
  await server.reset();
  await client.ml.putJob({
    job_id: 'j1',
    groups: ['web'],
    analysis_config: { bucket_span: '15m', detectors: [{ function: 'low_count' }] },
    data_description: { time_field: 'timestamp' },
  });
  const opened = await client.ml.openJob({ job_id: 'j1' });
  expect(opened.opened).toBe(true);
});

async function state(id: string): Promise<string | undefined> {
  const stats = await client.ml.getJobStats({ job_id: id });
  expect(validateResponse('ml-get-job-stats', 200, stats).valid).toBe(true);
  return stats.jobs[0]?.state;
}

async function expectError(
  run: () => Promise<unknown>,
  statusCode: number,
  type: string,
): Promise<errors.ResponseError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(errors.ResponseError);
    const responseError = error as errors.ResponseError;
    expect(responseError.statusCode).toBe(statusCode);
    expect(responseError.body.error.type).toBe(type);
    expect(validateResponse('ml-close-job', statusCode, responseError.body).errors).toEqual([]);
    return responseError;
  }
  throw new Error('expected a ResponseError');
}

describe('@elastic/elasticsearch ml.closeJob', () => {
  it.each([
    { description: 'no options (query mode, no body)', params: {} },
    { description: 'force in the body', params: { force: true } },
    { description: 'timeout in the body', params: { timeout: '5m' } },
    { description: 'allow_no_match in the body', params: { allow_no_match: false } },
    {
      description: 'all options in the body',
      params: { force: false, timeout: '30m', allow_no_match: true },
    },
  ])('closes with $description', async ({ params }) => {
    const response = await client.ml.closeJob({ job_id: 'j1', ...params });
    expect(response).toEqual({ closed: true });
    expect(validateResponse('ml-close-job', 200, response).valid).toBe(true);
    expect(await state('j1')).toBe('closed');
  });

  it('closes with the options in the query string (querystring transport option)', async () => {
    const response = await client.ml.closeJob(
      { job_id: 'j1' },
      { querystring: { force: true, timeout: '1m', allow_no_match: true } },
    );
    expect(response).toEqual({ closed: true });
    expect(await state('j1')).toBe('closed');
  });

  it('query-string options are really read: ?force closes a failed job', async () => {
    await server.failJob('j1');
    await expectError(
      () => client.ml.closeJob({ job_id: 'j1' }, { querystring: { force: false } }),
      409,
      'status_exception',
    );
    expect(await client.ml.closeJob({ job_id: 'j1' }, { querystring: { force: true } })).toEqual({
      closed: true,
    });
  });

  it('closes by group and by wildcard', async () => {
    expect(await client.ml.closeJob({ job_id: 'web' })).toEqual({ closed: true });
    await client.ml.openJob({ job_id: 'j1' });
    expect(await client.ml.closeJob({ job_id: 'j*' })).toEqual({ closed: true });
    expect(await state('j1')).toBe('closed');
  });

  it('a missing job is a ResponseError 404 resource_not_found_exception', async () => {
    const error = await expectError(
      () => client.ml.closeJob({ job_id: 'nope' }),
      404,
      'resource_not_found_exception',
    );
    expect(error.body.error.reason).toBe("No known job with id 'nope'");
  });

  it('a wildcard without a match and allow_no_match=false is 404', async () => {
    await expectError(
      () => client.ml.closeJob({ job_id: 'zz*', allow_no_match: false }),
      404,
      'resource_not_found_exception',
    );
  });

  it('body and query options together are a 400', async () => {
    const error = await expectError(
      () => client.ml.closeJob({ job_id: 'j1', force: true }, { querystring: { timeout: '1m' } }),
      400,
      'illegal_argument_exception',
    );
    expect(error.body.error.reason).toBe(
      'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [timeout]',
    );
  });

  it('a bad timeout in the body is an x_content_parse_exception', async () => {
    const error = await expectError(
      () => client.ml.closeJob({ job_id: 'j1', timeout: '30M' }),
      400,
      'x_content_parse_exception',
    );
    expect(error.body.error.caused_by.type).toBe('illegal_argument_exception');
  });

  it('a failed job is 409 until force', async () => {
    await server.failJob('j1');
    await expectError(() => client.ml.closeJob({ job_id: 'j1' }), 409, 'status_exception');
    expect(await client.ml.closeJob({ job_id: 'j1', force: true })).toEqual({ closed: true });
    expect(await state('j1')).toBe('closed');
  });

  it('a timed-out close is a 500 illegal_state_exception', async () => {
    await server.behaviour('j1', { hold_close: true });
    await expectError(
      () => client.ml.closeJob({ job_id: 'j1', timeout: '1ms' }, { maxRetries: 0 }),
      500,
      'illegal_state_exception',
    );
    expect(await server.state('j1')).toBe('closing');
    await server.release('j1');
    expect(await server.state('j1')).toBe('closed');
  });

  it('info works through the client (product check)', async () => {
    const info = await client.info();
    expect(info.version.number).toBe('9.1.0');
  });
});
