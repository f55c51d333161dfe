// The same call objects through our client and the official @elastic/elasticsearch client's ml.closeJob,
// against the reference server: same results, same errors.
import { Client, errors } from '@elastic/elasticsearch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '@mlclose/server/testing';
import { createClient, ResponseError, type MlCloseClient } from '../src/index.js';
import { API_KEY, openJobs, startSecuredServer } from './helpers/secured-server.js';

let server: TestServer;
let ours: MlCloseClient;
let official: Client;

beforeAll(async () => {
  server = await startSecuredServer();
  ours = createClient({ node: server.url, auth: { apiKey: API_KEY } });
  official = new Client({ node: server.url, auth: { apiKey: API_KEY } });
});
afterAll(async () => {
  await official?.close();
  await server?.close();
});
beforeEach(async () => {
  await server.reset();
  await openJobs(server, ['low_request_rate', 'foo-1', 'foo-2'], ['grp']);
});

const calls = [
  { description: "Elastic's documented example", request: { job_id: 'low_request_rate' } },
  {
    description: 'all options',
    request: { job_id: 'foo-1', force: false, allow_no_match: true, timeout: '5m' },
  },
  { description: 'force', request: { job_id: 'foo-2', force: true } },
  { description: 'a wildcard', request: { job_id: 'foo-*' } },
  { description: 'a group', request: { job_id: 'grp', timeout: '30s' } },
  { description: '_all', request: { job_id: '_all' } },
  { description: 'a common query parameter', request: { job_id: 'foo-1', filter_path: 'closed' } },
];

describe('the same call object gives the same result', () => {
  it.each(calls)('$description', async ({ request }) => {
    const fromOfficial = await official.ml.closeJob({ ...request });
    const state = await server.state('foo-1');
    await server.reset();
    await openJobs(server, ['low_request_rate', 'foo-1', 'foo-2'], ['grp']);
    const fromOurs = await ours.ml.closeJob({ ...request });
    expect(fromOurs).toEqual(fromOfficial);
    expect(fromOurs).toEqual({ closed: true });
    expect(await server.state('foo-1')).toBe(state);
  });
});

describe('the same failing call object gives the same error', () => {
  it.each([
    { description: 'an unknown id (404)', request: { job_id: 'nope' } },
    {
      description: 'a wildcard with allow_no_match=false (404)',
      request: { job_id: 'baz*', allow_no_match: false },
    },
  ])('$description', async ({ request }) => {
    const theirs = (await official.ml.closeJob(request).catch((e: unknown) => e)) as errors.ResponseError;
    const mine = (await ours.ml.closeJob(request).catch((e: unknown) => e)) as ResponseError;
    expect(theirs).toBeInstanceOf(errors.ResponseError);
    expect(mine).toBeInstanceOf(ResponseError);
    expect(mine.name).toBe(theirs.name);
    expect(mine.statusCode).toBe(theirs.statusCode);
    expect(mine.body).toEqual(theirs.body);
    expect(mine.meta.statusCode).toBe(theirs.meta.statusCode);
    expect(mine.meta.body).toEqual(theirs.meta.body);
  });

  it('a failed job without force (409)', async () => {
    await server.failJob('foo-1');
    const theirs = (await official.ml
      .closeJob({ job_id: 'foo-1' })
      .catch((e: unknown) => e)) as errors.ResponseError;
    const mine = (await ours.ml.closeJob({ job_id: 'foo-1' }).catch((e: unknown) => e)) as ResponseError;
    expect(mine.statusCode).toBe(409);
    expect(mine.body).toEqual(theirs.body);
  });
});
