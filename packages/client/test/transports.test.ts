// Every way a call travels, against one recording node:http server on 127.0.0.1: the same request on the wire,
// and the same result or error for the same answer. The ways: the default transport (one fetch call), the same
// client once middleware is registered on `raw` (openapi-fetch's POST with a real Request), and the undici
// transport. reference-server.test.ts runs its whole table over the two transports too.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createClient,
  ResponseError,
  ValidationError,
  type ClientOptions,
  type CloseJobCallOptions,
  type CloseJobParams,
} from '../src/index.js';
import { undiciTransport } from '../src/undici.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Every Authorization line as sent (`headers` keeps only the first of several). */
  authorizations: string[];
  body: string;
}

interface Answer {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

let server: Server;
let url: string;
let seen: Seen[] = [];
let answer: Answer;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        authorizations: request.headersDistinct.authorization ?? [],
        body: Buffer.concat(chunks).toString(),
      });
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen = [];
  answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"closed":true}' };
});

const WAYS = {
  fetch: (options: ClientOptions) => createClient(options),
  middleware: (options: ClientOptions) => {
    const client = createClient(options);
    client.raw.use({ onRequest: () => undefined });
    return client;
  },
  undici: (options: ClientOptions) => createClient({ ...options, transport: undiciTransport() }),
};

/** Runs one call each way and returns, per way, what the server saw and the outcome. */
async function overAll(
  options: Partial<ClientOptions>,
  params: CloseJobParams,
  call?: CloseJobCallOptions,
  node = url,
) {
  const results: Record<string, { seen: Seen[]; outcome: unknown }> = {};
  for (const [name, make] of Object.entries(WAYS)) {
    seen = [];
    const outcome = await make({ node, ...options })
      .ml.closeJob(params, call)
      .catch((error: unknown) => error);
    results[name] = { seen, outcome };
  }
  return results as Record<keyof typeof WAYS, { seen: Seen[]; outcome: unknown }>;
}

/** The parts of a request that a transport decides (not the ones the connection adds, like host). */
const wire = ({ method, url, headers, body }: Seen) => ({
  method,
  url,
  body,
  headers: {
    authorization: headers.authorization,
    'content-type': headers['content-type'],
    'x-custom': headers['x-custom'],
  },
});

describe('the same request on the wire', () => {
  it.each([
    {
      description: 'no options: no body, no content-type',
      params: { job_id: 'j1' },
      want: { url: '/_ml/anomaly_detectors/j1/_close', body: '', contentType: undefined },
    },
    {
      description: 'options in the body, JSON',
      params: { job_id: 'j1', force: true, timeout: '1m' },
      want: {
        url: '/_ml/anomaly_detectors/j1/_close',
        body: '{"force":true,"timeout":"1m"}',
        contentType: 'application/json',
      },
    },
    {
      description: 'options in the query, common parameters next to a body',
      params: { job_id: 'j1', allow_no_match: false, pretty: true, filter_path: 'closed' },
      call: { paramsIn: 'query' as const },
      want: {
        url: '/_ml/anomaly_detectors/j1/_close?allow_no_match=false&pretty=true&filter_path=closed',
        body: '',
        contentType: undefined,
      },
    },
    {
      description: 'ids percent-encoded one by one',
      params: { job_id: ['a/b', 'c d', 'x?y#z'] },
      want: { url: '/_ml/anomaly_detectors/a%2Fb,c%20d,x%3Fy%23z/_close', body: '', contentType: undefined },
    },
  ])('$description', async ({ params, call, want }) => {
    const all = await overAll({ auth: { apiKey: 'k' }, headers: { 'X-Custom': 'yes' } }, params, call);
    const expected = {
      method: 'POST',
      url: want.url,
      body: want.body,
      headers: { authorization: 'ApiKey k', 'content-type': want.contentType, 'x-custom': 'yes' },
    };
    for (const [way, { seen, outcome }] of Object.entries(all)) {
      expect([way, seen.map(wire)]).toEqual([way, [expected]]);
      expect([way, outcome]).toEqual([way, { closed: true }]);
    }
  });

  it('a content-type set by the client wins over application/json, whatever its case', async () => {
    const all = await overAll({ headers: { 'Content-Type': 'text/plain' } }, { job_id: 'j1', force: true });
    for (const { seen } of Object.values(all)) expect(seen[0]!.headers['content-type']).toBe('text/plain');
  });

  it("headers merge by openapi-fetch's rules: the later of two names in different case wins, auth over both", async () => {
    // Both orders of the two spellings, so that neither spelling wins by itself; both spellings of authorization.
    for (const [first, second] of [
      ['X-Custom', 'x-custom'],
      ['x-custom', 'X-Custom'],
    ] as const) {
      const all = await overAll(
        {
          auth: { apiKey: 'k' },
          headers: { Authorization: 'Basic y', authorization: 'Bearer x', [first]: '1', [second]: '2' },
        },
        { job_id: 'j1' },
      );
      for (const [way, { seen }] of Object.entries(all)) {
        expect([way, first, seen[0]!.authorizations]).toEqual([way, first, ['ApiKey k']]);
        expect([way, first, seen[0]!.headers['x-custom']]).toEqual([way, first, '2']);
      }
    }
  });

  it('an unset header value (undefined or null) sends no header', async () => {
    const headers = { 'X-Unset': undefined, 'X-Null': null, 'X-Set': 'yes' } as unknown as Record<
      string,
      string
    >;
    const all = await overAll({ headers }, { job_id: 'j1' });
    for (const [way, { seen }] of Object.entries(all)) {
      const sent = seen[0]!.headers;
      expect([way, sent['x-unset'], sent['x-null'], sent['x-set']]).toEqual([
        way,
        undefined,
        undefined,
        'yes',
      ]);
    }
  });

  it('a body is JSON whatever content-type the client sets (openapi-fetch alone would send a form)', async () => {
    const all = await overAll(
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
      { job_id: 'j1', force: true },
    );
    for (const [way, { seen }] of Object.entries(all)) {
      expect([way, seen[0]!.body]).toEqual([way, '{"force":true}']);
      expect([way, seen[0]!.headers['content-type']]).toEqual([way, 'application/x-www-form-urlencoded']);
    }
  });

  it('a node URL with a path keeps it in front of the API path', async () => {
    const all = await overAll({}, { job_id: 'j1' }, undefined, `${url}/es/`);
    for (const { seen } of Object.values(all))
      expect(seen[0]!.url).toBe('/es/_ml/anomaly_detectors/j1/_close');
  });
});

describe('the same outcome for the same answer', () => {
  it.each<{ description: string; answer: Answer; want: Partial<ResponseError> }>([
    {
      description: 'a detailed envelope',
      answer: {
        status: 404,
        headers: { 'content-type': 'application/json', 'X-Test': 'yes' },
        body: JSON.stringify({
          error: { type: 'resource_not_found_exception', reason: 'No known job', root_cause: [] },
          status: 404,
        }),
      },
      want: { statusCode: 404, type: 'resource_not_found_exception', reason: 'No known job' },
    },
    {
      description: 'a simple envelope',
      answer: {
        status: 406,
        headers: { 'content-type': 'application/json' },
        body: '{"error":"Content-Type header [x] is not supported","status":406}',
      },
      want: { statusCode: 406, type: undefined, reason: 'Content-Type header [x] is not supported' },
    },
    {
      description: 'a body that is not JSON (a proxy page) is kept as text',
      answer: { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' },
      want: { statusCode: 502, body: '<h1>Bad gateway</h1>', type: undefined, reason: undefined },
    },
    {
      description: 'an empty body',
      answer: { status: 503, headers: { 'content-length': '0', 'retry-after': '3' } },
      want: { statusCode: 503, body: undefined, rootCause: [] },
    },
    {
      description: 'an empty body without a Content-Length (chunked)',
      answer: { status: 503, headers: { 'transfer-encoding': 'chunked' } },
      want: { statusCode: 503, body: undefined, rootCause: [] },
    },
    {
      description: 'a header sent twice is joined as fetch joins it',
      answer: { status: 429, headers: { 'x-multi': ['a', 'b'] }, body: '{"error":"busy","status":429}' },
      want: { statusCode: 429, reason: 'busy' },
    },
  ])('$description', async ({ answer: given, want }) => {
    answer = given;
    const all = await overAll({}, { job_id: 'j1' });
    const fetchError = all.fetch.outcome as ResponseError;
    expect(fetchError).toBeInstanceOf(ResponseError);
    expect(fetchError).toMatchObject(want);
    for (const [way, { outcome }] of Object.entries(all)) {
      const error = outcome as ResponseError;
      expect([way, error]).toEqual([way, expect.any(ResponseError)]);
      for (const key of ['message', 'statusCode', 'body', 'type', 'reason', 'rootCause', 'request'] as const)
        expect([way, key, error[key]]).toEqual([way, key, fetchError[key]]);
      // Connection headers (date, keep-alive) are the server's; every header it was told to send is the same.
      for (const name of Object.keys(given.headers ?? {}).map((n) => n.toLowerCase()))
        expect([way, name, error.headers[name]]).toEqual([way, name, fetchError.headers[name]]);
    }
  });

  it('a 2xx whose JSON was filtered away resolves to what was sent', async () => {
    answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    const all = await overAll({}, { job_id: 'j1' }, { querystring: { filter_path: 'x' } });
    for (const [way, { outcome }] of Object.entries(all)) expect([way, outcome]).toEqual([way, {}]);
  });

  it('a fetch and a transport together are refused', () => {
    expect(() => createClient({ node: url, fetch: globalThis.fetch, transport: undiciTransport() })).toThrow(
      ValidationError,
    );
  });
});

describe('which way a call takes', () => {
  it('builds no Request by default, and one per call through openapi-fetch once middleware is on raw', async () => {
    const built: string[] = [];
    const Original = globalThis.Request;
    // openapi-fetch builds with the global Request of the moment the client is created; fetch never reads it.
    globalThis.Request = class extends Original {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(input, init);
        built.push(this.url);
      }
    };
    try {
      const client = createClient({ node: url });
      await expect(client.ml.closeJob({ job_id: 'j1' })).resolves.toEqual({ closed: true });
      expect(built).toEqual([]);
      const seenByMiddleware: string[] = [];
      client.raw.use({ onRequest: ({ request }) => void seenByMiddleware.push(request.url) });
      await expect(client.ml.closeJob({ job_id: 'j2' })).resolves.toEqual({ closed: true });
      expect(built).toEqual([`${url}/_ml/anomaly_detectors/j2/_close`]);
      expect(seenByMiddleware).toEqual(built);
      expect(seen.map(({ url }) => url)).toEqual([
        '/_ml/anomaly_detectors/j1/_close',
        '/_ml/anomaly_detectors/j2/_close',
      ]);
    } finally {
      globalThis.Request = Original;
    }
  });
});
