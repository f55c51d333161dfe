// Property-based requests to every API of the server, not only close: random methods, paths, ids, query
// parameters, media types and bodies (valid, malformed, deeply nested, huge and non-UTF-8). Properties: every
// request gets an answer (none lost, none hanging), no 5xx that the spec does not document for the operation,
// never the generic "internal server error", every error a valid envelope, and the server still answers
// afterwards. Bounded in count and time; 127.0.0.1 only.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { validateResponse, validateSchema } from '@mlclose/schema/validators';
import { startTestServer, type TestServer } from '../src/testing.js';

let server: TestServer;
const internalErrors: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ closeDelayMs: 1, openDelayMs: 1, mlNodeMemoryBytes: 4 * 1024 ** 3 });
  await server.putJob('j1', ['grp']);
  await server.putJob('j2');
  await server.openJob('j1');
  await server.request('PUT', '/logs', { op: 'indices-create' });
  await server.putDatafeed('df1', 'j1');
  const write = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: any[]) => {
    if (String(chunk).includes('internal error')) internalErrors.push(String(chunk));
    return write(chunk, ...rest);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
});

/** Every route of the server, with its operation per method (test-control reset and delete by prefix are left out: they wipe state). */
const ROUTES: { path: (id: string) => string; ops: Record<string, string> }[] = [
  { path: () => '/', ops: { GET: 'info', HEAD: 'info' } },
  { path: () => '/_ml/info', ops: { GET: 'ml-info' } },
  { path: () => '/_ml/anomaly_detectors', ops: { GET: 'ml-get-jobs' } },
  { path: () => '/_ml/anomaly_detectors/_stats', ops: { GET: 'ml-get-job-stats' } },
  {
    path: (id) => `/_ml/anomaly_detectors/${id}`,
    ops: { GET: 'ml-get-jobs', PUT: 'ml-put-job', DELETE: 'ml-delete-job' },
  },
  { path: (id) => `/_ml/anomaly_detectors/${id}/_open`, ops: { POST: 'ml-open-job' } },
  { path: (id) => `/_ml/anomaly_detectors/${id}/_close`, ops: { POST: 'ml-close-job' } },
  { path: (id) => `/_ml/anomaly_detectors/${id}/_stats`, ops: { GET: 'ml-get-job-stats' } },
  { path: () => '/_ml/datafeeds/_stats', ops: { GET: 'ml-get-datafeed-stats' } },
  { path: (id) => `/_ml/datafeeds/${id}`, ops: { PUT: 'ml-put-datafeed', DELETE: 'ml-delete-datafeed' } },
  { path: (id) => `/_ml/datafeeds/${id}/_start`, ops: { POST: 'ml-start-datafeed' } },
  { path: (id) => `/_ml/datafeeds/${id}/_stop`, ops: { POST: 'ml-stop-datafeed' } },
  { path: (id) => `/_ml/datafeeds/${id}/_stats`, ops: { GET: 'ml-get-datafeed-stats' } },
  { path: (id) => `/${id}`, ops: { PUT: 'indices-create', DELETE: 'indices-delete' } },
  { path: () => '/_mlclose/test', ops: { GET: 'test-control-info' } },
  { path: () => '/_mlclose/test/upgrade_mode', ops: { PUT: 'test-control-upgrade-mode' } },
  { path: (id) => `/_mlclose/test/anomaly_detectors/${id}/_fail`, ops: { POST: 'test-control-fail-job' } },
  {
    path: (id) => `/_mlclose/test/anomaly_detectors/${id}/_behaviour`,
    ops: { PUT: 'test-control-job-behaviour' },
  },
  {
    path: (id) => `/_mlclose/test/datafeeds/${id}/_behaviour`,
    ops: { PUT: 'test-control-datafeed-behaviour' },
  },
];

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'];

const id = fc.oneof(
  fc.constantFrom(
    'j1',
    'j2',
    'grp',
    'df1',
    'logs',
    '_all',
    '*',
    'new-job',
    'new-feed',
    'x',
    '%20',
    'A',
    '_x',
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

const queryParam = fc.tuple(
  fc.constantFrom(
    'force',
    'timeout',
    'allow_no_match',
    'pretty',
    'error_trace',
    'filter_path',
    'ignore_throttled',
    'expand_wildcards',
    'bogus',
  ),
  fc.constantFrom('', 'true', 'false', '1s', '0', '-1', 'xx', 'open,hidden', '*.job_id'),
);

const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=UTF-8',
  'application/x-ndjson',
  'application/vnd.elasticsearch+json; compatible-with=9',
  'application/vnd.elasticsearch+json; compatible-with=7',
  'application/yaml',
  'text/plain',
  'garbage',
);

const VALID_JOB = {
  analysis_config: { detectors: [{ function: 'count' }] },
  data_description: {},
};

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** Bodies: none, valid, random JSON, malformed, deeply nested, huge, non-UTF-8. */
const body: fc.Arbitrary<Buffer | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.json().map((text) => Buffer.from(text)),
  fc
    .record(
      {
        analysis_config: fc.oneof(fc.constant(VALID_JOB.analysis_config), fc.jsonValue()),
        data_description: fc.oneof(fc.constant({}), fc.jsonValue()),
        analysis_limits: fc.record({
          model_memory_limit: fc.oneof(fc.constantFrom('10mb', '3000g', 0, -1, '1.5gb', 'x'), fc.integer()),
        }),
        allow_lazy_open: fc.boolean(),
        job_id: fc.string({ maxLength: 5 }),
        indices: fc.oneof(fc.constant(['logs']), fc.jsonValue()),
        indexes: fc.oneof(fc.constant('logs'), fc.jsonValue()),
        datafeed_config: fc.oneof(fc.constant({ indexes: ['logs'] }), fc.jsonValue()),
        timeout: fc.constantFrom('1s', '0', 'xx'),
        force: fc.oneof(fc.boolean(), fc.string({ maxLength: 4 })),
      },
      { requiredKeys: [] },
    )
    .map((value) => Buffer.from(JSON.stringify(value))),
  fc
    .constantFrom('{', '{"a":', '[1,', '{"a":1,"a":2}', 'nul', '{/*c*/}', '\u0000', '  ')
    .map((t) => Buffer.from(t)),
  fc
    .constantFrom(999, 1000, 1001, 20_000, 300_000)
    .chain((depth) =>
      fc.constantFrom(
        `{"custom_settings":${nested(depth, '{"a":', '}')}}`,
        `{"analysis_config":${nested(depth, '[', ']')}}`,
        nested(depth, '[', ']'),
        `{"force":${nested(depth, '{"x":', '}')}}`,
      ),
    )
    .map((text) => Buffer.from(text)),
  fc
    .integer({ min: 1_000_000, max: 1_600_000 })
    .map((size) => Buffer.from(`{"description":"${'x'.repeat(size)}"}`)),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => Buffer.concat([Buffer.from('{"description":"'), Buffer.from(bytes), Buffer.from('"}')])),
  fc.constant(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])),
);

interface Answer {
  status: number;
  text: string;
}

/** Sends one request with node:http; resolves with the answer, or rejects when it is lost or hangs. */
function send(
  method: string,
  path: string,
  payload: Buffer | undefined,
  type: string | undefined,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (type !== undefined) headers['Content-Type'] = type;
    // Node's client sends no body with HEAD, so it declares none.
    if (payload !== undefined && method !== 'HEAD') headers['Content-Length'] = String(payload.length);
    const req = request(server.url + path, { method, headers, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within 15s: ${method} ${path}`)));
    req.on('error', (error) => reject(new Error(`lost response for ${method} ${path}: ${error.message}`)));
    if (payload !== undefined && method !== 'HEAD') req.write(payload);
    req.end();
  });
}

describe('random requests to every API', () => {
  it('are all answered, with no undocumented 5xx and valid error envelopes', async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: ROUTES.length - 1 }),
        fc.oneof(
          { weight: 3, arbitrary: fc.constant<string | undefined>(undefined) },
          { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
        ),
        id,
        fc.array(queryParam, { maxLength: 3 }),
        contentType,
        body,
        async (routeIndex, randomMethod, pathId, params, type, payload) => {
          const route = ROUTES[routeIndex]!;
          const documented = Object.keys(route.ops);
          const method = randomMethod ?? documented[pathId.length % documented.length]!;
          // Never a timeout long enough to hang the run.
          const query = [...params.filter(([name]) => name !== 'timeout'), ['timeout', '1s'] as const]
            .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
            .join('&');
          const path = `${route.path(pathId)}?${query}`;
          const answer = await send(
            method,
            path,
            payload,
            payload === undefined ? undefined : (type ?? 'application/json'),
          );
          requests++;
          expect(answer.status, `${method} ${path}`).toBeGreaterThanOrEqual(200);
          const json = method !== 'HEAD' && answer.text.length > 0 ? JSON.parse(answer.text) : undefined;
          if (answer.status >= 500) {
            expect(json?.error?.reason, `${method} ${path}`).not.toBe('internal server error');
            const op = route.ops[method];
            expect(op, `${method} ${path}: ${answer.status} on an undocumented route`).toBeDefined();
            expect(
              validateResponse(op!, answer.status, json).errors,
              `${method} ${path} ${answer.text}`,
            ).toEqual([]);
          }
          if (answer.status >= 400 && json !== undefined) {
            expect(validateSchema('ErrorResponse', json).errors, `${method} ${path} ${answer.text}`).toEqual(
              [],
            );
          }
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 120_000 },
    );
    expect(requests).toBeGreaterThan(0);
    expect(internalErrors).toEqual([]);
    // Still answering, and still consistent.
    expect((await server.request('GET', '/', { op: 'info' })).status).toBe(200);
    expect((await server.request('GET', '/_ml/anomaly_detectors/_all', { op: 'ml-get-jobs' })).status).toBe(
      200,
    );
  }, 180_000);

  it.each([
    [
      'put job',
      'PUT',
      '/_ml/anomaly_detectors/deep-job',
      (n: number) => `{"custom_settings":${nested(n, '{"a":', '}')}}`,
    ],
    [
      'put datafeed',
      'PUT',
      '/_ml/datafeeds/deep-feed',
      (n: number) => `{"job_id":"j1","query":${nested(n, '{"a":', '}')}}`,
    ],
    ['create index', 'PUT', '/deep-index', (n: number) => nested(n, '[', ']')],
    ['close job', 'POST', '/_ml/anomaly_detectors/j2/_close', (n: number) => nested(n, '[', ']')],
  ])('%s: 300,000 levels of nesting are a 400, never a 5xx', async (_name, method, path, make) => {
    const answer = await send(method, path, Buffer.from(make(300_000)), 'application/json');
    expect(answer.status, answer.text).toBe(400);
    expect(validateSchema('ErrorResponse', JSON.parse(answer.text)).errors).toEqual([]);
  });
});
