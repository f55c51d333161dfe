// What goes on the wire for each call shape. Every call is sent twice: through an injected fetch (openapi-fetch's
// POST) and through the default transport (one fetch call, seen through a global fetch stubbed for that call only);
// both must send the same request.
import { describe, expect, it } from 'vitest';
import {
  createClient,
  type ClientOptions,
  type CloseJobCallOptions,
  type CloseJobParams,
} from '../src/index.js';
import { recordingFetch } from './helpers/recording-fetch.js';

const NODE = 'http://es.test:9200';
const CLOSE = `${NODE}/_ml/anomaly_detectors`;

async function send(
  params: CloseJobParams,
  call?: CloseJobCallOptions,
  options: Partial<ClientOptions> = {},
) {
  const injected = recordingFetch();
  const result = await createClient({ node: NODE, fetch: injected.fetch, ...options }).ml.closeJob(
    params,
    call,
  );
  expect(result).toEqual({ closed: true });
  expect(injected.requests).toHaveLength(1);
  const global = recordingFetch();
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => global.fetch(new Request(input, init));
  try {
    expect(await createClient({ node: NODE, ...options }).ml.closeJob(params, call)).toEqual({
      closed: true,
    });
  } finally {
    globalThis.fetch = original;
  }
  expect(global.requests).toEqual(injected.requests);
  return injected.requests[0]!;
}

describe('call shapes', () => {
  it.each([
    {
      description: 'no options: no body, like the official client (query mode, every default)',
      params: { job_id: 'low_request_rate' },
      url: `${CLOSE}/low_request_rate/_close`,
      body: '',
    },
    {
      description: 'options go in the JSON body by default, like the official client',
      params: { job_id: 'low_request_rate', force: true, timeout: '5m', allow_no_match: false },
      url: `${CLOSE}/low_request_rate/_close`,
      body: '{"force":true,"timeout":"5m","allow_no_match":false}',
    },
    {
      description: 'paramsIn: "query" (per call) sends them in the query string and no body',
      params: { job_id: 'j1', force: true, timeout: '5m', allow_no_match: false },
      call: { paramsIn: 'query' as const },
      url: `${CLOSE}/j1/_close?force=true&timeout=5m&allow_no_match=false`,
      body: '',
    },
    {
      description: 'paramsIn: "query" (per client)',
      params: { job_id: 'j1', force: false },
      options: { paramsIn: 'query' as const },
      url: `${CLOSE}/j1/_close?force=false`,
      body: '',
    },
    {
      description: 'paramsIn: "body" per call overrides the client',
      params: { job_id: 'j1', force: true },
      call: { paramsIn: 'body' as const },
      options: { paramsIn: 'query' as const },
      url: `${CLOSE}/j1/_close`,
      body: '{"force":true}',
    },
    {
      description: 'an array of ids is joined with literal commas',
      params: { job_id: ['foo-1', 'bar-1'] },
      url: `${CLOSE}/foo-1,bar-1/_close`,
      body: '',
    },
    { description: 'a wildcard', params: { job_id: 'foo-*' }, url: `${CLOSE}/foo-*/_close`, body: '' },
    { description: 'a group', params: { job_id: 'grp' }, url: `${CLOSE}/grp/_close`, body: '' },
    { description: '_all', params: { job_id: '_all' }, url: `${CLOSE}/_all/_close`, body: '' },
    {
      description: 'common parameters in the request go to the query string, options to the body',
      params: { job_id: 'j1', force: true, pretty: true, filter_path: 'closed' },
      url: `${CLOSE}/j1/_close?pretty=true&filter_path=closed`,
      body: '{"force":true}',
    },
    {
      description: 'querystring adds query parameters next to a body',
      params: { job_id: 'j1', timeout: '1m' },
      call: { querystring: { error_trace: true, human: false } },
      url: `${CLOSE}/j1/_close?error_trace=true&human=false`,
      body: '{"timeout":"1m"}',
    },
    {
      description: 'undefined options are left out',
      params: { job_id: 'j1', force: undefined, timeout: undefined },
      call: { paramsIn: 'query' as const },
      url: `${CLOSE}/j1/_close`,
      body: '',
    },
  ])('$description', async ({ params, call, options, url, body }) => {
    const request = await send(params, call, options);
    expect(request.method).toBe('POST');
    expect(request.url).toBe(url);
    expect(request.body).toBe(body);
    // A body always says it is JSON (a body without Content-Type is a 406); no body, no Content-Type.
    expect(request.headers['content-type']).toBe(body ? 'application/json' : undefined);
  });

  it('never sends a close option in both the body and the query string', async () => {
    const request = await send({ job_id: 'j1', force: true }, { querystring: { force: false } as never });
    expect(request.url).toBe(`${CLOSE}/j1/_close`);
    expect(JSON.parse(request.body)).toEqual({ force: true });
  });
});

describe('hostile ids stay inside the job_id path segment', () => {
  it.each([
    { given: '../_security', segment: '..%2F_security' },
    { given: '../../_security/user', segment: '..%2F..%2F_security%2Fuser' },
    { given: 'a/b', segment: 'a%2Fb' },
    { given: 'x?y', segment: 'x%3Fy' },
    { given: '#frag', segment: '%23frag' },
    { given: '%2F', segment: '%252F' },
    { given: '..', segment: '..,' },
    { given: '.', segment: '.,' },
    { given: 'ünïcödé', segment: '%C3%BCn%C3%AFc%C3%B6d%C3%A9' },
    { given: 'with space', segment: 'with%20space' },
    { given: 'a\\b', segment: 'a%5Cb' },
    { given: 'x?force=true&timeout=1s', segment: 'x%3Fforce%3Dtrue%26timeout%3D1s' },
  ])('$given', async ({ given, segment }) => {
    const request = await send({ job_id: given }, { paramsIn: 'query' });
    expect(request.url).toBe(`${CLOSE}/${segment}/_close`);
    const url = new URL(request.url);
    expect(url.search).toBe('');
    expect(url.hash).toBe('');
    expect(url.pathname.split('/')).toEqual(['', '_ml', 'anomaly_detectors', segment, '_close']);
    expect(decodeURIComponent(segment).replace(/,$/, '')).toBe(given);
  });
});

describe('headers and URL', () => {
  it.each([
    { description: 'an API key', auth: { apiKey: 'a2V5OnNlY3JldA==' }, want: 'ApiKey a2V5OnNlY3JldA==' },
    {
      description: 'an API key as id and api_key',
      auth: { apiKey: { id: 'key', api_key: 'secret' } },
      want: `ApiKey ${Buffer.from('key:secret').toString('base64')}`,
    },
    {
      description: 'basic auth, UTF-8 before base64',
      auth: { username: 'élastic', password: 'chänge€me' },
      want: `Basic ${Buffer.from('élastic:chänge€me', 'utf8').toString('base64')}`,
    },
    {
      description: 'a bearer token',
      auth: { bearer: 'dGhpcyBpcyBub3QgYSB0b2tlbg' },
      want: 'Bearer dGhpcyBpcyBub3QgYSB0b2tlbg',
    },
    { description: 'no credentials', auth: undefined, want: undefined },
    { description: 'an unset API key (process.env)', auth: { apiKey: undefined }, want: undefined },
    { description: 'an unset user name', auth: { username: undefined, password: 'x' }, want: undefined },
  ])('Authorization with $description', async ({ auth, want }) => {
    const request = await send({ job_id: 'j1' }, undefined, { auth });
    expect(request.headers.authorization).toBe(want);
  });

  it('sends the client headers with every request', async () => {
    const request = await send({ job_id: 'j1' }, undefined, { headers: { 'X-Opaque-Id': 'trace-1' } });
    expect(request.headers['x-opaque-id']).toBe('trace-1');
  });

  it.each([
    { node: 'http://es.test:9200/', want: 'http://es.test:9200/_ml/anomaly_detectors/j1/_close' },
    { node: 'https://proxy.test/es', want: 'https://proxy.test/es/_ml/anomaly_detectors/j1/_close' },
    { node: 'https://proxy.test/es/', want: 'https://proxy.test/es/_ml/anomaly_detectors/j1/_close' },
  ])('node $node', async ({ node, want }) => {
    const request = await send({ job_id: 'j1' }, undefined, { node });
    expect(request.url).toBe(want);
  });

  it('takes baseUrl as an alias of node', async () => {
    const { fetch, requests } = recordingFetch();
    await createClient({ baseUrl: NODE, fetch }).ml.closeJob({ job_id: 'j1' });
    expect(requests[0]!.url).toBe(`${CLOSE}/j1/_close`);
  });

  it('exposes the openapi-fetch client, with the same base URL and credentials', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createClient({ node: NODE, fetch, auth: { apiKey: 'k' } });
    const { data, error } = await client.raw.POST('/_ml/anomaly_detectors/{job_id}/_close', {
      params: { path: { job_id: 'j1' }, query: { force: true } },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ closed: true });
    expect(requests[0]).toMatchObject({
      url: `${CLOSE}/j1/_close?force=true`,
      headers: { authorization: 'ApiKey k' },
    });
  });

  it('runs openapi-fetch middleware registered on raw for closeJob too', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createClient({ node: NODE, fetch });
    client.raw.use({
      onRequest: ({ request }) => {
        request.headers.set('x-middleware', 'yes');
        return request;
      },
    });
    await client.ml.closeJob({ job_id: 'j1' });
    expect(requests[0]!.headers['x-middleware']).toBe('yes');
  });
});
