// HTTP details: headers, formats, routes, modes; each block names the requirements (CJ-…) it checks.
import { Agent, request } from 'node:http';
import { spec } from '@mlclose/schema/spec';
import { describe, expect, it } from 'vitest';
import { closePath, errorOf, startTestServer } from '../src/testing.js';
import { rawRequest } from './raw-request.js';
import { useTestServer } from './use-test-server.js';

const op = 'ml-close-job';
const server = useTestServer(
  async (started) => {
    await started.putJob('j1');
    await started.openJob('j1');
  },
  { corsAllowOrigin: 'http://127.0.0.1:5173' },
);

describe('headers (CJ-RESP-002, CJ-RESP-003)', () => {
  it('success: application/json without charset and X-elastic-product', async () => {
    const response = await server.request('POST', closePath('j1'), { op });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(response.text).toBe('{"closed":true}');
  });

  it.each([
    { description: 'a close', path: closePath('j1'), status: 200 },
    { description: 'an error', path: closePath('nope'), status: 404 },
    // Its body has characters of two and three bytes: the length is of the bytes, not of the characters.
    {
      description: 'an error naming a non-ASCII id',
      path: closePath(encodeURIComponent('jöb-€')),
      status: 404,
    },
    { description: 'a close again', path: closePath('j1'), status: 200 },
  ])(
    'names the headers of $description as Elasticsearch does (DefaultRestChannel: content-type and content-length in lower case), with no Date',
    async ({ path, status }) => {
      const response = await rawRequest(server.url, 'POST', path);
      expect(response.status).toBe(status);
      // Connection is Node's own, for a kept-alive HTTP/1.1 connection.
      expect(response.headerNames).toEqual([
        'X-elastic-product',
        'content-type',
        'content-length',
        'Connection',
      ]);
      expect(response.headers['content-length']).toBe(String(Buffer.byteLength(response.text)));
    },
  );

  it('errors also carry X-elastic-product', async () => {
    const response = await server.request('POST', closePath('nope'), { op });
    expect(response.headers.get('x-elastic-product')).toBe('Elasticsearch');
  });

  it('Accept parameters are echoed in Content-Type', async () => {
    const response = await server.request('POST', closePath('j1'), {
      op,
      headers: { Accept: 'application/json; charset=utf-8' },
    });
    expect(response.headers.get('content-type')).toBe('application/json;charset=utf-8');
  });

  it('GET / carries X-mlclose-test-control and validates as info', async () => {
    const response = await server.request('GET', '/', { op: 'info' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mlclose-test-control')).toBe('/_mlclose/test');
  });
});

describe('idle connections', () => {
  it('announce no Keep-Alive timeout', async () => {
    // Node's default (5 s, announced as "Keep-Alive: timeout=5") closed connections a Node 20 client was about to reuse.
    const response = await server.request('POST', closePath('j1'), { op });
    expect(response.headers.get('keep-alive')).toBeNull();
  });

  it('stay open past the 5 s after which Node would close them: the next request reuses the connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = request(`${server.url}/`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await send()).toEqual({ status: 200, reused: false });
      // Idle for longer than Node's default keep-alive timeout (no state to hold: idleness is the behaviour).
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await send()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 30_000);
});

describe('formats (CJ-FMT-001, CJ-FMT-002, CJ-FMT-003, CJ-FMT-004)', () => {
  it('?pretty indents with two spaces and " : "', async () => {
    const response = await server.request('POST', closePath('j1', '?pretty'), { op });
    expect(response.text).toBe('{\n  "closed" : true\n}\n');
  });

  it('?pretty applies to error bodies too', async () => {
    const response = await server.request('POST', closePath('nope', '?pretty=true'), { op });
    expect(response.text.startsWith('{\n  "error" : {\n    "root_cause" : [\n')).toBe(true);
    expect(response.text.endsWith('}\n')).toBe(true);
  });

  it('?filter_path filters success bodies; a non-matching filter gives {}', async () => {
    expect((await server.request('POST', closePath('j1', '?filter_path=closed'), { op })).text).toBe(
      '{"closed":true}',
    );
    await server.openJob('j1');
    expect(
      (await server.request('POST', closePath('j1', '?filter_path=nothing'), { op: undefined })).text,
    ).toBe('{}');
  });

  it('error bodies ignore filter_path', async () => {
    const response = await server.request('POST', closePath('nope', '?filter_path=closed'), { op });
    expect(response.json.error.type).toBe('resource_not_found_exception');
  });

  it('?error_trace=true adds stack_trace; human and format are accepted', async () => {
    const response = await server.request(
      'POST',
      closePath('nope', '?error_trace=true&human=true&format=json'),
      {
        op,
      },
    );
    expect(response.status).toBe(404);
    expect(typeof response.json.error.stack_trace).toBe('string');
  });

  it('an invalid pretty value is a detailed 400', async () => {
    const response = await server.request('POST', closePath('j1', '?pretty=yes'), { op });
    expect(errorOf(response)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'Failed to parse value [yes] as only [true] or [false] are allowed.',
    });
  });
});

describe('routes (CJ-ROUTE-002, CJ-ROUTE-003, CJ-ROUTE-004, CJ-ROUTE-005)', () => {
  it('OPTIONS answers 200 with Allow: POST and an empty body', async () => {
    const response = await rawRequest(server.url, 'OPTIONS', closePath('j1'));
    expect(response.status).toBe(200);
    expect(response.headers.allow).toBe('POST');
    expect(response.text).toBe('');
  });

  it('an unknown path is 400 no handler, without status', async () => {
    const response = await server.request('POST', '/_ml/anomaly_detectors/j1/_closed?x=1', {
      op: 'test-control-info',
    });
    expect(response.json).toEqual({
      error: 'no handler found for uri [/_ml/anomaly_detectors/j1/_closed?x=1] and method [POST]',
    });
  });

  it('explicit segments win, and a 405 lists the methods of every route matching the path', async () => {
    const put = await server.request('PUT', '/_ml/anomaly_detectors/_stats', {
      op: 'ml-put-job',
      body: { analysis_config: { detectors: [{ function: 'count' }] }, data_description: {} },
    });
    expect(errorOf(put).reason).toContain("Invalid job_id; '_stats'");
    const post = await server.request('POST', '/_ml/anomaly_detectors/_stats', { op: 'ml-close-job' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET,PUT,DELETE');
    expect(post.json.error).toBe(
      'Incorrect HTTP method for uri [/_ml/anomaly_detectors/_stats] and method [POST], allowed: [GET, PUT, DELETE]',
    );
  });

  it('a trailing slash is ignored', async () => {
    expect((await server.request('POST', '/_ml/anomaly_detectors/j1/_close/', { op })).json).toEqual({
      closed: true,
    });
  });

  it('the path id is percent-decoded before expansion', async () => {
    await server.putJob('a.b');
    await server.openJob('a.b');
    expect((await server.request('POST', closePath('a%2Eb'), { op })).status).toBe(200);
    expect(await server.state('a.b')).toBe('closed');
  });

  it('a bad escape in the query is a 400', async () => {
    const response = await rawRequest(server.url, 'POST', closePath('j1', '?force=%zz'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).error.type).toBe('illegal_argument_exception');
  });
});

// CJ-MODE-001, CJ-MODE-002, CJ-MODE-003, CJ-MODE-004, CJ-MODE-005, CJ-MODE-006, CJ-MODE-007
describe('query mode and body mode', () => {
  it('a zero-length body is query mode', async () => {
    const response = await rawRequest(server.url, 'POST', closePath('j1', '?force=true'), Buffer.alloc(0), {
      'Content-Type': 'application/json',
    });
    expect(response.status).toBe(200);
  });

  it('without a body the Content-Type is not checked', async () => {
    const response = await rawRequest(server.url, 'POST', closePath('j1'), undefined, {
      'Content-Type': 'text/plain',
    });
    expect(response.status).toBe(200);
  });

  it.each([
    '{}',
    '{"force":true}',
    '{"force":"true","allow_no_match":"false"}',
    '{"force":""}',
    '{"timeout":"5m","job_id":"other"}',
    '{"allow_no_match":false,"force":false,"timeout":"30m"}',
  ])('body %s is accepted', async (body) => {
    const response = await server.request('POST', closePath('j1'), { op, body });
    expect(response.json).toEqual({ closed: true });
  });

  it('the vendor media type is accepted as a body Content-Type', async () => {
    const response = await server.request('POST', closePath('j1'), {
      op,
      body: '{}',
      // RestCompatibleVersionHelper: with a body, a versioned Content-Type needs the same version on Accept.
      headers: {
        Accept: 'application/vnd.elasticsearch+json; compatible-with=8',
        'Content-Type': 'application/vnd.elasticsearch+json; compatible-with=8',
      },
    });
    expect(response.status).toBe(200);
  });

  it('empty query booleans mean true: ?force closes a failed job', async () => {
    await server.failJob('j1');
    expect((await server.request('POST', closePath('j1', '?force'), { op })).status).toBe(200);
  });

  it('a whitespace query boolean means the default', async () => {
    await server.failJob('j1');
    expect((await server.request('POST', closePath('j1', '?force=%20'), { op })).status).toBe(409);
  });

  it('the first failing parameter wins: timeout before force', async () => {
    const response = await server.request('POST', closePath('j1', '?force=yes&timeout=abc'), { op });
    expect(errorOf(response).reason).toContain('failed to parse setting [timeout]');
  });
});

/** The names of an answer's CORS header lines, in order, one per line. */
const corsLines = (headerNames: readonly string[]): string[] =>
  headerNames.filter((name) => name.startsWith('access-control-') || name === 'vary');

describe('CORS', () => {
  it('answers a preflight from the allowed origin', async () => {
    const response = await rawRequest(server.url, 'OPTIONS', closePath('j1'), undefined, {
      Origin: 'http://127.0.0.1:5173',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type',
    });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    // CorsHandler's lines, named in lower case, one per allowed method and header (in no promised order).
    expect(corsLines(response.headerNames)).toEqual([
      'access-control-allow-origin',
      'vary',
      ...Array<string>(6).fill('access-control-allow-methods'),
      ...Array<string>(7).fill('access-control-allow-headers'),
      'access-control-max-age',
    ]);
    expect(response.headers.vary).toBe('origin');
    expect([...(response.headersDistinct['access-control-allow-methods'] ?? [])].sort()).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'POST',
      'PUT',
    ]);
    expect([...(response.headersDistinct['access-control-allow-headers'] ?? [])].sort()).toEqual([
      'Accept',
      'Authorization',
      'Content-Length',
      'Content-Type',
      'User-Agent',
      'X-Elastic-Client-Meta',
      'X-Requested-With',
    ]);
    expect(response.headers['access-control-max-age']).toBe('1728000');
    // CorsHandler.setPreflightHeaders dates a preflight answer, and only that one (an HTTP-date, in UTC).
    expect(response.headerNames.filter((name) => name.toLowerCase() === 'date')).toEqual(['date']);
    expect(String(response.headers.date)).toMatch(
      /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
    );
    expect(Math.abs(Date.parse(String(response.headers.date)) - Date.now())).toBeLessThan(60_000);
  });

  it('adds the allowed origin, vary and the exposed X-elastic-product to answers for the allowed origin', async () => {
    const allowed = await rawRequest(server.url, 'POST', closePath('j1'), undefined, {
      Origin: 'http://127.0.0.1:5173',
    });
    expect(allowed.status).toBe(200);
    expect(corsLines(allowed.headerNames)).toEqual([
      'access-control-allow-origin',
      'vary',
      'access-control-expose-headers',
    ]);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    expect(allowed.headers.vary).toBe('origin');
    expect(allowed.headers['access-control-expose-headers']).toBe('X-elastic-product');
  });

  it('answers a request from another origin 403, empty, before anything else', async () => {
    // The job stays open: the close never ran. The bad query string is not reached either.
    const response = await rawRequest(server.url, 'POST', closePath('j1', '?force=%zz'), undefined, {
      Origin: 'http://evil.example',
    });
    expect([response.status, response.text, response.headers['content-length']]).toEqual([403, '', '0']);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['x-elastic-product']).toBeUndefined();
    expect(await server.state('j1')).toBe('opened');
  });

  it("allows an origin that names the request's own host, as Elasticsearch does", async () => {
    const own = `http://${new URL(server.url).host}`;
    const response = await rawRequest(server.url, 'POST', closePath('j1'), undefined, { Origin: own });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(own);
    const preflight = await rawRequest(server.url, 'OPTIONS', closePath('j1'), undefined, {
      Origin: own,
      'Access-Control-Request-Method': 'POST',
    });
    expect(preflight.status).toBe(200);
  });

  it('a request without Origin is not a CORS request: answered as usual', async () => {
    const response = await server.request('POST', closePath('j1'), { op });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    {
      description: 'a malformed Accept header',
      path: closePath('j1'),
      headers: { Accept: 'not a media type' },
    },
    { description: 'a bad query string', path: closePath('j1', '?force=%zz'), headers: {} },
    { description: 'an unparsable channel parameter', path: closePath('j1', '?pretty=maybe'), headers: {} },
  ] as { description: string; path: string; headers: Record<string, string> }[])(
    'answers a preflight before the request is built: $description does not reach it',
    async ({ path, headers }) => {
      const response = await rawRequest(server.url, 'OPTIONS', path, undefined, {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'POST',
        ...headers,
      });
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
      expect(response.text).toBe('');
      // An early answer of the transport: no X-elastic-product, which the REST layer adds.
      expect(response.headers['x-elastic-product']).toBeUndefined();
    },
  );

  it("with '*', allows any origin as '*', without vary (CorsHandler.setOrigin)", async () => {
    const any = await startTestServer({ corsAllowOrigin: '*' });
    try {
      const answer = await rawRequest(any.url, 'GET', '/', undefined, { Origin: 'http://anywhere.example' });
      expect(answer.status).toBe(200);
      expect(corsLines(answer.headerNames)).toEqual([
        'access-control-allow-origin',
        'access-control-expose-headers',
      ]);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      const preflight = await rawRequest(any.url, 'OPTIONS', closePath('j1'), undefined, {
        Origin: 'http://anywhere.example',
        'Access-Control-Request-Method': 'POST',
      });
      expect(preflight.status).toBe(200);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(preflight.headers.vary).toBeUndefined();
      expect(preflight.headers['access-control-expose-headers']).toBeUndefined();
    } finally {
      await any.close();
    }
  });

  it('refuses a preflight from another origin', async () => {
    const response = await rawRequest(server.url, 'OPTIONS', closePath('j1'), undefined, {
      Origin: 'http://evil.example',
      'Access-Control-Request-Method': 'POST',
    });
    expect(response.status).toBe(403);
  });
});

describe('test control off', () => {
  it('the /_mlclose/test paths are unknown and GET / has no header', async () => {
    const plain = await startTestServer({ testControl: false });
    try {
      const response = await plain.request('GET', '/_mlclose/test', { op: 'test-control-info' });
      expect(response.json).toEqual({ error: 'no handler found for uri [/_mlclose/test] and method [GET]' });
      const reset = await plain.request('POST', '/_mlclose/test/_reset', { op: 'test-control-reset' });
      expect(reset.status).toBe(400);
      const info = await plain.request('GET', '/', { op: 'info' });
      expect(info.headers.get('x-mlclose-test-control')).toBeNull();
    } finally {
      await plain.close();
    }
  });

  it('GET /_mlclose/test describes test control when on, announcing every capability the spec names, in its order', async () => {
    const response = await server.request('GET', '/_mlclose/test', { op: 'test-control-info' });
    const info = spec.components.schemas!.TestControlInfo as {
      properties: { capabilities: { items: { enum: string[] } } };
    };
    const named = info.properties.capabilities.items.enum;
    expect(named).toContain('delete_by_prefix');
    expect(response.json).toEqual({ test_control: true, version: spec.info.version, capabilities: named });
  });
});
