// The in-process server (createInProcessServer): every request of a table is answered exactly as the listening server
// answers it over HTTP, less what only a connection adds; input node:http could not carry is refused; close() ends
// what is pending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInProcessServer,
  type InProcessRequest,
  type InProcessResponse,
  type InProcessServer,
  type RunningServer,
  type ServerOptions,
  startServer,
} from '../src/index.js';
import { closePath } from '../src/testing.js';
import { rawRequest } from './raw-request.js';

const API_KEY = 'aW4tcHJvY2VzczpzZWNyZXQ=';
const AUTH = { authorization: `ApiKey ${API_KEY}` };
const ORIGIN = 'http://127.0.0.1:5173';
const OPTIONS: ServerOptions = {
  testControl: true,
  apiKeys: [{ key: API_KEY }],
  corsAllowOrigin: ORIGIN,
  openDelayMs: 1,
  closeDelayMs: 2,
};
/**
 * What node:http adds to an answer by itself: not the pipeline's, so not the in-process server's. No Date: the server
 * turns it off, as Elasticsearch sends none, so an answer over HTTP that had one would differ here.
 */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive']);

/** The same request over HTTP, as the in-process answer's shape (a header sent once is a string). */
async function overHttp(base: string, request: InProcessRequest): Promise<InProcessResponse> {
  const body = request.body === undefined ? undefined : Buffer.from(request.body as string | Uint8Array);
  const answer = await rawRequest(
    base,
    request.method,
    request.path,
    body,
    request.headers as Record<string, string | string[]>,
  );
  const headers: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(answer.headersDistinct))
    if (values && !CONNECTION_HEADERS.has(name)) headers[name] = values.length === 1 ? values[0]! : values;
  return { status: answer.status, headers, body: answer.text };
}

/** A job with one count detector. */
const JOB = '{"analysis_config":{"detectors":[{"function":"count"}]},"data_description":{}}';
const json = { 'content-type': 'application/json' };

/** Requests whose answers do not depend on the clock (but for a preflight's date), each with what it shows. */
const TABLE: [string, InProcessRequest][] = [
  ['a close of an open job', { method: 'POST', path: closePath('open-job'), headers: AUTH }],
  [
    'a close with a JSON body',
    { method: 'POST', path: closePath('other-job'), headers: { ...AUTH, ...json }, body: '{"force":true}' },
  ],
  ['a close of a missing job', { method: 'POST', path: closePath('missing'), headers: AUTH }],
  [
    'a wildcard that matches nothing',
    { method: 'POST', path: closePath('nothing*', '?allow_no_match=false'), headers: AUTH },
  ],
  [
    'an error with error_trace',
    { method: 'POST', path: closePath('missing', '?error_trace=true'), headers: AUTH },
  ],
  ['an error with pretty', { method: 'POST', path: closePath('missing', '?pretty'), headers: AUTH }],
  ['an unknown parameter', { method: 'POST', path: closePath('open-job', '?forse=true'), headers: AUTH }],
  ['a bad boolean', { method: 'POST', path: closePath('open-job', '?force=yes'), headers: AUTH }],
  ['a bad timeout', { method: 'POST', path: closePath('open-job', '?timeout=1x'), headers: AUTH }],
  [
    'malformed JSON',
    { method: 'POST', path: closePath('open-job'), headers: { ...AUTH, ...json }, body: '{"force":' },
  ],
  [
    'a body without a JSON Content-Type',
    {
      method: 'POST',
      path: closePath('open-job'),
      headers: { ...AUTH, 'content-type': 'text/plain' },
      body: '{}',
    },
  ],
  [
    'a body as bytes',
    {
      method: 'POST',
      path: closePath('missing'),
      headers: { ...AUTH, ...json },
      body: new TextEncoder().encode('{"timeout":"1s"}'),
    },
  ],
  [
    'a repeated Accept',
    {
      method: 'POST',
      path: closePath('missing'),
      headers: { ...AUTH, accept: ['application/json', 'application/json'] },
    },
  ],
  [
    'an Accept with parameters and spaces around it',
    {
      method: 'POST',
      path: closePath('missing'),
      headers: { ...AUTH, accept: '  application/json; charset=utf-8 ' },
    },
  ],
  [
    'a bad Accept',
    { method: 'POST', path: closePath('missing'), headers: { ...AUTH, accept: 'application' } },
  ],
  ['the wrong method', { method: 'GET', path: closePath('open-job'), headers: AUTH }],
  ['OPTIONS', { method: 'OPTIONS', path: closePath('open-job'), headers: AUTH }],
  ['HEAD /', { method: 'HEAD', path: '/', headers: AUTH }],
  ['an unknown path', { method: 'GET', path: '/_nope/at/all', headers: AUTH }],
  ['a percent-encoded id', { method: 'POST', path: closePath('a%2Cb'), headers: AUTH }],
  ['a bad percent-encoding', { method: 'POST', path: closePath('a%zz'), headers: AUTH }],
  ['no credentials', { method: 'POST', path: closePath('open-job') }],
  [
    'a repeated Authorization (node:http keeps the first)',
    {
      method: 'POST',
      path: closePath('missing'),
      headers: { authorization: [`ApiKey ${API_KEY}`, 'ApiKey d3Jvbmc6a2V5'] },
    },
  ],
  [
    'credentials with spaces around them (the parser drops them)',
    { method: 'POST', path: closePath('missing'), headers: { authorization: ` ApiKey ${API_KEY}\t ` } },
  ],
  [
    'a wrong API key',
    { method: 'POST', path: closePath('open-job'), headers: { authorization: 'ApiKey d3Jvbmc6a2V5' } },
  ],
  [
    'a CORS preflight',
    {
      method: 'OPTIONS',
      path: closePath('open-job'),
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    },
  ],
  ['an allowed origin', { method: 'POST', path: closePath('missing'), headers: { ...AUTH, origin: ORIGIN } }],
  [
    'an origin that is not allowed',
    { method: 'POST', path: closePath('missing'), headers: { ...AUTH, origin: 'http://elsewhere.example' } },
  ],
  [
    'a body over the limit',
    {
      method: 'POST',
      path: closePath('open-job'),
      headers: { ...AUTH, ...json },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    },
  ],
];

describe('an in-process server beside a listening one, both set up alike', () => {
  let listening: RunningServer;
  let inProcess: InProcessServer;
  const setUp = [
    {
      method: 'PUT',
      path: '/_ml/anomaly_detectors/open-job',
      headers: { ...AUTH, ...json },
      body: JOB,
    },
    {
      method: 'PUT',
      path: '/_ml/anomaly_detectors/other-job',
      headers: { ...AUTH, ...json },
      body: JOB,
    },
    { method: 'POST', path: '/_ml/anomaly_detectors/open-job/_open', headers: AUTH },
    { method: 'POST', path: '/_ml/anomaly_detectors/other-job/_open', headers: AUTH },
  ];
  beforeAll(async () => {
    listening = await startServer({ ...OPTIONS, port: 0 });
    inProcess = await createInProcessServer(OPTIONS);
    for (const step of setUp) {
      const [http, direct] = await Promise.all([overHttp(listening.url, step), inProcess.handle(step)]);
      expect([http.status, direct.status], `${step.method} ${step.path}`).toEqual([200, 200]);
    }
  });
  afterAll(async () => {
    await listening?.close();
    await inProcess?.close();
  });

  /** The answer without its date, which is the clock's (a preflight's only): whether it had one is kept. */
  const undated = ({ headers: { date, ...headers }, ...answer }: InProcessResponse) => {
    if (date !== undefined) expect(Math.abs(Date.parse(String(date)) - Date.now())).toBeLessThan(60_000);
    return { ...answer, headers, dated: date !== undefined };
  };

  it.each(TABLE)('answers %s as over HTTP', async (_what, request) => {
    const http = await overHttp(listening.url, request);
    const direct = await inProcess.handle(request);
    expect(undated(direct)).toEqual(undated(http));
  });

  it('answers HEAD with the Content-Length of the body it leaves out', async () => {
    const head = await inProcess.handle({ method: 'HEAD', path: '/', headers: AUTH });
    const get = await inProcess.handle({ method: 'GET', path: '/', headers: AUTH });
    expect(head.body).toBe('');
    expect(get.body.length).toBeGreaterThan(0);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.body)));
  });

  it('carries a deprecation Warning as over HTTP', async () => {
    const postData: InProcessRequest = {
      method: 'POST',
      path: '/_ml/anomaly_detectors/open-job/_data',
      headers: { ...AUTH, ...json },
      body: '{"timestamp":1}',
    };
    const http = await overHttp(listening.url, postData);
    const direct = await inProcess.handle(postData);
    expect(direct.headers.warning).toMatch(/^299 Elasticsearch-/);
    expect(direct).toEqual(http);
  });
});

describe('input node:http could not carry', () => {
  let server: InProcessServer;
  beforeAll(async () => {
    server = await createInProcessServer({ testControl: true });
  });
  afterAll(() => server?.close());

  it.each<[string, unknown, RegExp]>([
    ['an unknown method', { method: 'FETCH', path: '/' }, /method "FETCH" is not an HTTP method/],
    ['a lower-case method', { method: 'get', path: '/' }, /method "get"/],
    ['no method', { path: '/' }, /method undefined/],
    [
      'a path without its leading slash',
      { method: 'GET', path: '_ml/anomaly_detectors' },
      /must start with "\/"/,
    ],
    ['a path with a space', { method: 'GET', path: '/a b' }, /no space, control or non-Latin-1/],
    ['a path with a line break', { method: 'GET', path: '/a\nb' }, /no space, control or non-Latin-1/],
    ['a path outside Latin-1', { method: 'GET', path: '/j\u00f6b\u4e00' }, /percent-encode them/],
    ['a bad header name', { method: 'GET', path: '/', headers: { 'bad name': 'x' } }, /header "bad name"/],
    [
      'a header value with a line break',
      { method: 'GET', path: '/', headers: { accept: 'a\r\nx-injected: 1' } },
      /header "accept"/,
    ],
    [
      'a header value that is not a string',
      { method: 'GET', path: '/', headers: { accept: 1 } },
      /header accept: a value must be a string/,
    ],
    [
      'a Transfer-Encoding',
      { method: 'POST', path: '/', headers: { 'transfer-encoding': 'chunked' }, body: '{}' },
      /transfer-encoding/,
    ],
    [
      "a Content-Length that is not the body's",
      { method: 'POST', path: '/', headers: { 'content-length': '5' }, body: '{}' },
      /content-length 5 is not the body's length \(2 bytes\)/,
    ],
    [
      'a body that is neither text nor bytes',
      { method: 'POST', path: '/', body: { force: true } },
      /body must be a string or a Uint8Array/,
    ],
    [
      'headers that are not an object',
      { method: 'GET', path: '/', headers: 'accept: x' },
      /headers must be an object/,
    ],
    ['no request at all', undefined, /expected an object with a method and a path/],
  ])('refuses %s with a TypeError', async (_what, request, message) => {
    const answer = server.handle(request as InProcessRequest);
    await expect(answer).rejects.toThrow(TypeError);
    await expect(answer).rejects.toThrow(message);
  });

  it("takes a Content-Length equal to the body's length", async () => {
    const response = await server.handle({
      method: 'POST',
      path: closePath('missing'),
      headers: { ...json, 'content-length': '2' },
      body: '{}',
    });
    expect(response.status).toBe(404);
  });
});

describe('state and closing', () => {
  it('keeps each in-process server its own state', async () => {
    const [one, two] = await Promise.all([
      createInProcessServer({ testControl: true }),
      createInProcessServer(),
    ]);
    try {
      const put = await one.handle({
        method: 'PUT',
        path: '/_ml/anomaly_detectors/mine',
        headers: json,
        body: JOB,
      });
      expect(put.status).toBe(200);
      expect((await one.handle({ method: 'GET', path: '/_ml/anomaly_detectors/mine' })).status).toBe(200);
      expect((await two.handle({ method: 'GET', path: '/_ml/anomaly_detectors/mine' })).status).toBe(404);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('rejects a request still waiting when it closes, and every later one', async () => {
    const server = await createInProcessServer({ closeDelayMs: 60_000, openDelayMs: 1 });
    const job = {
      method: 'PUT',
      path: '/_ml/anomaly_detectors/slow',
      headers: json,
      body: JOB,
    };
    expect((await server.handle(job)).status).toBe(200);
    expect((await server.handle({ method: 'POST', path: '/_ml/anomaly_detectors/slow/_open' })).status).toBe(
      200,
    );
    // A close waits for the node to close the job (a minute here); the server closes first.
    const waiting = server.handle({ method: 'POST', path: closePath('slow') });
    let settled = false;
    void waiting.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    await server.close();
    await expect(waiting).rejects.toThrow('the in-process server closed before it answered');
    await expect(server.handle({ method: 'GET', path: '/' })).rejects.toThrow(
      'the in-process server is closed',
    );
    // Closing again is the same close.
    await server.close();
  });
});
