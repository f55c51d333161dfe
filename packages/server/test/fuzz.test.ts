// Property-based tests: random and malformed requests never produce an undocumented 5xx, never crash the
// server, and every error body is a valid Elasticsearch envelope (bounded runs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateSchema } from '@mlclose/schema/validators';
import { rawRequest, TestServer } from './helpers.js';

let server: TestServer;

beforeAll(async () => {
  server = await TestServer.start({ closeDelayMs: 1, openDelayMs: 1 });
  await server.putJob('j1', ['grp']);
  await server.putJob('j2');
  await server.openJob('j1');
});
afterAll(async () => {
  await server.close();
});

// The only 5xx close may answer: the documented timeout and process failures (CJ-TIMEOUT-002, CJ-STATE-009).
const DOCUMENTED_500 = ['illegal_state_exception', 'status_exception'];

/** Brings j1 back to opened whatever a random request did to it (a timed-out close may leave it closing). */
async function reopen(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const state = await server.state('j1');
    if (state === 'opened') return;
    if (state === 'closed') {
      const response = await server.request('POST', '/_ml/anomaly_detectors/j1/_open', { op: 'ml-open-job' });
      if (response.status === 200) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(await server.state('j1')).toBe('opened');
}

function checkEnvelope(status: number, text: string): void {
  expect(status).toBeGreaterThanOrEqual(200);
  if (status >= 500) {
    const body = JSON.parse(text);
    expect(DOCUMENTED_500).toContain(body.error.type);
  }
  if (status >= 400 && text.length > 0) {
    const body = JSON.parse(text);
    expect(validateSchema('ErrorResponse', body).errors).toEqual([]);
    if (typeof body.error === 'object') expect(body.status).toBe(status);
  }
}

const paramName = fc.oneof(
  fc.constantFrom(
    'force',
    'timeout',
    'allow_no_match',
    'allow_no_jobs',
    'pretty',
    'human',
    'error_trace',
    'filter_path',
    'source',
    'format',
    'Force',
    'forse',
  ),
  fc.string({ maxLength: 8 }),
);
const paramValue = fc.oneof(
  fc.constantFrom(
    '',
    'true',
    'false',
    'yes',
    '1',
    '30m',
    '0',
    '-1',
    '-5s',
    '1.5s',
    'xs',
    '30M',
    ' ',
    '%20',
    'closed',
  ),
  fc.string({ maxLength: 10 }),
);
const expression = fc.oneof(
  fc.constantFrom('j1', 'j2', 'grp', '_all', '*', 'j*', 'nope', '_all,j1', '%20', ',', 'j1,nope', 'J1'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

describe('random close requests', () => {
  it('query mode: never an undocumented 5xx, always a valid envelope', async () => {
    await fc.assert(
      fc.asyncProperty(
        expression,
        fc.array(fc.tuple(paramName, paramValue), { maxLength: 4 }),
        async (expr, params) => {
          const query = params
            .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
            .join('&');
          const response = await rawRequest(
            server.url,
            'POST',
            `/_ml/anomaly_detectors/${expr}/_close?${query}&timeout=5s`,
          );
          checkEnvelope(response.status, response.text);
          if (
            response.status === 200 &&
            !query.includes('filter_path') &&
            !/pretty=(?:&|$)|pretty=true/u.test(query)
          ) {
            expect(JSON.parse(response.text)).toEqual({ closed: true });
          }
          await reopen();
        },
      ),
      { numRuns: 150 },
    );
  });

  const jsonish = fc.oneof(
    fc.json(),
    fc.constantFrom(
      '{',
      '{"force":',
      '{"force":tru}',
      '[]',
      'null',
      '"x"',
      '{"a":1,"a":2}',
      '  ',
      '{/* c */}',
      '{"timeout":"1.5s"}',
      '\u0000',
    ),
    fc
      .record(
        {
          force: fc.oneof(fc.boolean(), fc.string(), fc.integer()),
          timeout: fc.oneof(fc.string(), fc.constant('5s')),
        },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 30 }),
  );

  it('body mode: malformed and random bodies are 400s with positions, never crashes', async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, async (body) => {
        const response = await rawRequest(
          server.url,
          'POST',
          '/_ml/anomaly_detectors/j1/_close',
          Buffer.from(body),
          {
            'Content-Type': 'application/json',
          },
        );
        checkEnvelope(response.status, response.text);
        if (response.status === 400) {
          const error = JSON.parse(response.text).error;
          if (typeof error === 'object' && error.type.startsWith('x_content'))
            expect(error.reason).toMatch(/^\[\d+:\d+\] /u);
        }
        await reopen();
      }),
      { numRuns: 200 },
    );
  });

  it('random methods, paths and headers: never a crash', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');
    const path = fc.oneof(
      fc.constantFrom(
        '/',
        '/_ml/anomaly_detectors/j1/_close',
        '/_ml/anomaly_detectors/j1',
        '/_ml/datafeeds/x/_stop',
        '/_mlclose/test/_reset',
        '/_ml',
        '//',
        '/x/y/z',
      ),
      fc.webPath(),
    );
    const contentType = fc.constantFrom(
      undefined,
      'application/json',
      'text/plain',
      'application/vnd.elasticsearch+json; compatible-with=9',
      'garbage',
      '',
    );
    await fc.assert(
      fc.asyncProperty(
        method,
        path,
        contentType,
        fc.option(fc.json(), { nil: undefined }),
        async (m, p, type, body) => {
          if (p === '/_mlclose/test/_reset') return;
          const headers: Record<string, string> = type === undefined ? {} : { 'Content-Type': type };
          const response = await rawRequest(
            server.url,
            m,
            p.startsWith('/') ? p : `/${p}`,
            body === undefined || m === 'HEAD' ? undefined : Buffer.from(body),
            headers,
          );
          if (response.status >= 500) {
            expect(DOCUMENTED_500).toContain(JSON.parse(response.text).error.type);
          }
          if (m !== 'HEAD' && response.status >= 400 && response.text.length > 0) {
            expect(validateSchema('ErrorResponse', JSON.parse(response.text)).errors).toEqual([]);
          }
        },
      ),
      { numRuns: 150 },
    );
    // Still alive and consistent.
    expect((await server.request('GET', '/', { op: 'info' })).status).toBe(200);
  });
});
