// The client against the mlclose reference server over real HTTP (127.0.0.1, port 0), over each transport:
// the same table proves that fetch (the default) and undici give the same results, errors and redaction.
import { inspect } from 'node:util';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UNREACHABLE_URL, type TestServer } from '@mlclose/server/testing';
import {
  ConnectionError,
  createClient,
  RequestAbortedError,
  ResponseError,
  TimeoutError,
  type ClientOptions,
  type MlCloseClient,
} from '../src/index.js';
import { retry } from '../src/retry.js';
import { undiciTransport } from '../src/undici.js';
import { API_KEY, openJobs, startSecuredServer, USER } from './helpers/secured-server.js';

/** Each transport, and how to turn its close POST into a GET on the way out (to reach the server's 405). */
const TRANSPORTS = [
  {
    name: 'fetch',
    options: (): Partial<ClientOptions> => ({}),
    asGet: (options: ClientOptions) => {
      const client = createClient(options);
      client.raw.use({
        onRequest: ({ request }) => new Request(request.url, { method: 'GET', headers: request.headers }),
      });
      return client;
    },
  },
  {
    name: 'undici',
    options: (): Partial<ClientOptions> => ({ transport: undiciTransport() }),
    asGet: (options: ClientOptions) => {
      const dispatcher = new Agent().compose(
        (dispatch) => (request, handler) => dispatch({ ...request, method: 'GET' }, handler),
      );
      return createClient({ ...options, transport: undiciTransport({ dispatcher }) });
    },
  },
];

/** The `code` of an error and of each of its causes. */
const errorCodes = (error: unknown): unknown[] =>
  error instanceof Error ? [(error as { code?: unknown }).code, ...errorCodes(error.cause)] : [];

let server: TestServer;

beforeAll(async () => {
  server = await startSecuredServer();
});
afterAll(() => server?.close());
beforeEach(async () => {
  await server.reset();
  await openJobs(server, ['foo-1', 'foo-2'], ['grp']);
  await openJobs(server, ['bar-1']);
});

const states = async () => ({
  'foo-1': await server.state('foo-1'),
  'foo-2': await server.state('foo-2'),
  'bar-1': await server.state('bar-1'),
});

describe.each(TRANSPORTS)('over $name', ({ options, asGet }) => {
  let client: MlCloseClient;
  const connect = (more: Partial<ClientOptions> = {}) =>
    createClient({ node: server.url, auth: { apiKey: API_KEY }, ...options(), ...more });
  beforeAll(() => {
    client = connect();
  });

  describe('every parameter form closes the jobs it names', () => {
    it.each([
      { description: 'one id, options in the body (default)', job_id: 'foo-1', closed: ['foo-1'] },
      {
        description: 'one id, options in the query',
        job_id: 'foo-1',
        paramsIn: 'query' as const,
        closed: ['foo-1'],
      },
      { description: 'an array of ids', job_id: ['foo-1', 'bar-1'], closed: ['foo-1', 'bar-1'] },
      { description: 'a comma-separated expression', job_id: 'foo-2,bar-1', closed: ['foo-2', 'bar-1'] },
      { description: 'a wildcard', job_id: 'foo-*', closed: ['foo-1', 'foo-2'] },
      { description: 'a group', job_id: 'grp', closed: ['foo-1', 'foo-2'] },
      { description: '_all', job_id: '_all', closed: ['foo-1', 'foo-2', 'bar-1'] },
      {
        description: '_all in query mode',
        job_id: '_all',
        paramsIn: 'query' as const,
        closed: ['foo-1', 'foo-2', 'bar-1'],
      },
    ])('$description', async ({ job_id, paramsIn, closed }) => {
      const result = await client.ml.closeJob({ job_id, timeout: '1m', allow_no_match: true }, { paramsIn });
      expect(result).toEqual({ closed: true });
      const after = await states();
      for (const [id, state] of Object.entries(after))
        expect(state).toBe(closed.includes(id) ? 'closed' : 'opened');
    });

    it.each(['body', 'query'] as const)('force and allow_no_match=false in the %s', async (paramsIn) => {
      await server.failJob('foo-1');
      expect(
        await client.ml.closeJob({ job_id: 'foo-1', force: true, allow_no_match: false }, { paramsIn }),
      ).toEqual({
        closed: true,
      });
      expect(await server.state('foo-1')).toBe('closed');
    });

    it('a wildcard that matches nothing is a no-op by default', async () => {
      expect(await client.ml.closeJob({ job_id: 'baz*' })).toEqual({ closed: true });
    });

    it('common query parameters travel next to a body', async () => {
      const result = await client.ml.closeJob(
        { job_id: 'foo-1', force: false, filter_path: 'closed' },
        { querystring: { pretty: true, error_trace: false } },
      );
      expect(result).toEqual({ closed: true });
    });

    it.each(['../_security', 'a/b', 'x?y', '#frag', '%2F', '..', 'jöb', 'with space'])(
      'the hostile id %j only ever reaches close, as an unknown id',
      async (id) => {
        const error = await client.ml.closeJob({ job_id: id }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(error).toMatchObject({
          statusCode: 404,
          type: 'resource_not_found_exception',
          reason: `No known job with id '${id}'`,
        });
      },
    );
  });

  describe('every error class', () => {
    it.each([
      {
        description: '404 for an unknown id',
        call: () => client.ml.closeJob({ job_id: 'missing' }),
        status: 404,
        type: 'resource_not_found_exception',
        reason: "No known job with id 'missing'",
      },
      {
        description: '404 for a wildcard with allow_no_match=false',
        call: () => client.ml.closeJob({ job_id: 'baz*', allow_no_match: false }),
        status: 404,
        type: 'resource_not_found_exception',
        reason: "No known job with id 'baz*'",
      },
      {
        description: '400 for a bad boolean in the body (unchecked at runtime, sent as given)',
        call: () => client.ml.closeJob({ job_id: 'foo-1', force: 'yes' as never }),
        status: 400,
        type: 'x_content_parse_exception',
        reason: '[1:10] [cluster:admin/xpack/ml/job/close] failed to parse field [force]',
      },
      {
        description: '400 for a bad boolean in the query',
        call: () => client.ml.closeJob({ job_id: 'foo-1', force: 'yes' as never }, { paramsIn: 'query' }),
        status: 400,
        type: 'illegal_argument_exception',
        reason: 'Failed to parse value [yes] as only [true] or [false] are allowed.',
      },
    ])('ResponseError $description', async ({ call, status, type, reason }) => {
      const error = (await call().catch((e: unknown) => e)) as ResponseError;
      expect(error).toBeInstanceOf(ResponseError);
      expect(error).toMatchObject({ name: 'ResponseError', statusCode: status, type, reason });
      expect(error.rootCause[0]).toMatchObject({ type });
      expect(error.headers['x-elastic-product']).toBe('Elasticsearch');
      expect(error.headers['content-type']).toMatch(/^application\/json/);
      expect(error.body).toMatchObject({ status, error: { type, reason } });
    });

    it('ResponseError 409 for a failed job without force; nothing is closed', async () => {
      await server.failJob('foo-1');
      const error = await client.ml.closeJob({ job_id: 'foo-1' }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        statusCode: 409,
        type: 'status_exception',
        reason: 'cannot close job [foo-1] because it failed, use force close',
      });
      expect(await server.state('foo-1')).toBe('failed');
    });

    it('ResponseError 405 in the simple envelope, with the Allow header', async () => {
      // A middleware turns the POST into a GET on its way out, to reach the 405 of the real server.
      const get = asGet({ node: server.url, auth: { apiKey: API_KEY } });
      const error = (await get.ml
        .closeJob({ job_id: 'foo-1' }, { paramsIn: 'query' })
        .catch((e: unknown) => e)) as ResponseError;
      expect(error).toMatchObject({ statusCode: 405, type: undefined, rootCause: [] });
      expect(error.reason).toBe(
        'Incorrect HTTP method for uri [/_ml/anomaly_detectors/foo-1/_close] and method [GET], allowed: [POST]',
      );
      expect(error.headers.allow).toBe('POST');
    });

    it('ResponseError 406 in the simple envelope for a body that is not JSON', async () => {
      const text = connect({ headers: { 'Content-Type': 'text/plain' } });
      const error = await text.ml.closeJob({ job_id: 'foo-1', force: true }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        statusCode: 406,
        reason: 'Content-Type header [text/plain] is not supported',
      });
    });

    it('ResponseError 429 in ML upgrade mode', async () => {
      await server.upgradeMode(true);
      const error = await client.ml.closeJob({ job_id: 'foo-1' }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        statusCode: 429,
        type: 'status_exception',
        reason: 'Cannot perform cluster:admin/xpack/ml/job/close action while upgrade mode is enabled',
      });
      await server.upgradeMode(false);
    });

    it('ResponseError 500 when the server-side timeout expires; the job goes on closing', async () => {
      await server.behaviour('foo-1', { hold_close: true });
      const error = await client.ml.closeJob({ job_id: 'foo-1', timeout: '1ms' }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        statusCode: 500,
        type: 'illegal_state_exception',
        reason: 'Timed out when waiting for persistent tasks after 1ms',
      });
      expect(await server.state('foo-1')).toBe('closing');
      await server.release('foo-1');
      expect(await server.state('foo-1')).toBe('closed');
    });

    it('ConnectionError when nothing listens on the port', async () => {
      const error = (await connect({ node: UNREACHABLE_URL })
        .ml.closeJob({ job_id: 'foo-1' })
        .catch((e: unknown) => e)) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.name).toBe('ConnectionError');
      expect(error.request.url).toBe(`${UNREACHABLE_URL}/_ml/anomaly_detectors/foo-1/_close`);
      // fetch wraps the socket error in a TypeError; undici throws it as it is.
      expect(errorCodes(error.cause)).toContain('ECONNREFUSED');
    });

    it('ConnectionError after the refused connection was retried', async () => {
      const waits: number[] = [];
      const policy = retry({ retries: 2, sleep: async (ms) => void waits.push(ms) });
      const error = await connect({ node: UNREACHABLE_URL, retry: policy })
        .ml.closeJob({ job_id: 'foo-1' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(waits).toHaveLength(2);
    });

    it('TimeoutError when requestTimeout expires during a slow close', async () => {
      await server.behaviour('foo-1', { hold_close: true });
      const error = (await connect({ requestTimeout: 200 })
        .ml.closeJob({ job_id: 'foo-1' })
        .catch((e: unknown) => e)) as TimeoutError;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.name).toBe('TimeoutError');
      expect(error.message).toContain('timed out');
      // The client gave up; Elasticsearch did not.
      expect(await server.state('foo-1')).toBe('closing');
      await server.release('foo-1');
      expect(await server.state('foo-1')).toBe('closed');
    });

    it('RequestAbortedError when the signal aborts a close in flight', async () => {
      await server.behaviour('foo-1', { hold_close: true });
      const controller = new AbortController();
      const pending = client.ml
        .closeJob({ job_id: 'foo-1' }, { signal: controller.signal })
        .catch((e: unknown) => e);
      await server.waitForState('foo-1', 'closing');
      controller.abort();
      const error = await pending;
      expect(error).toBeInstanceOf(RequestAbortedError);
      expect(error).toMatchObject({ name: 'RequestAbortedError' });
    });

    it('RequestAbortedError for a signal aborted before the call', async () => {
      const error = await client.ml
        .closeJob({ job_id: 'foo-1' }, { signal: AbortSignal.abort() })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestAbortedError);
      expect(await server.state('foo-1')).toBe('opened');
    });
  });

  describe('authentication', () => {
    it('with an API key', async () => {
      expect(await connect({ auth: { apiKey: API_KEY } }).ml.closeJob({ job_id: 'foo-1' })).toEqual({
        closed: true,
      });
    });

    it('with an API key given as id and api_key', async () => {
      const client = connect({ auth: { apiKey: { id: 'key', api_key: 'secret' } } });
      expect(await client.ml.closeJob({ job_id: 'foo-1' })).toEqual({ closed: true });
    });

    it('with basic auth', async () => {
      expect(await connect({ auth: USER }).ml.closeJob({ job_id: 'foo-1' })).toEqual({ closed: true });
    });

    it('with a bearer token, which the server (no token service) answers with 401', async () => {
      const error = await connect({ auth: { bearer: 'some.jwt.token' } })
        .ml.closeJob({ job_id: 'foo-1' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ statusCode: 401, type: 'security_exception' });
      expect((error as ResponseError).body).toMatchObject({
        error: { additional_unsuccessful_credentials: 'oauth2 token: token malformed' },
      });
    });

    it('without credentials: 401 with WWW-Authenticate', async () => {
      const error = (await connect({ auth: undefined })
        .ml.closeJob({ job_id: 'foo-1' })
        .catch((e: unknown) => e)) as ResponseError;
      expect(error).toMatchObject({ statusCode: 401, type: 'security_exception' });
      expect(error.reason).toBe(
        'missing authentication credentials for REST request [/_ml/anomaly_detectors/foo-1/_close]',
      );
      expect(error.headers['www-authenticate']).toContain('ApiKey');
    });
  });

  describe('no error ever shows credentials', () => {
    const SECRET = 'pw-Sup3rSecret';
    const KEY = 'a2V5OlN1cDNyU2VjcmV0LWtleQ==';
    const printed = (error: unknown) => [
      String(error),
      (error as Error).message,
      JSON.stringify(error),
      inspect(error, { depth: Infinity }),
      inspect(error, { depth: Infinity, showHidden: true }),
    ];
    const cases = [
      {
        description: 'ResponseError 401 (wrong password)',
        run: () =>
          connect({ auth: { username: 'elastic', password: SECRET } }).ml.closeJob({ job_id: 'foo-1' }),
      },
      {
        description: 'ResponseError 401 (wrong API key)',
        run: () => connect({ auth: { apiKey: KEY } }).ml.closeJob({ job_id: 'foo-1' }),
      },
      {
        description: 'ResponseError 404 (valid basic auth)',
        run: () =>
          connect({ auth: { username: 'elastic', password: 'changeme' } }).ml.closeJob({ job_id: 'missing' }),
        secrets: ['changeme', Buffer.from('elastic:changeme').toString('base64')],
      },
      {
        description: 'ResponseError 404 (valid API key)',
        run: () => connect().ml.closeJob({ job_id: 'missing' }),
        secrets: [API_KEY],
      },
      {
        description: 'ConnectionError',
        run: () => connect({ node: UNREACHABLE_URL, auth: { apiKey: KEY } }).ml.closeJob({ job_id: 'foo-1' }),
      },
      {
        description: 'TimeoutError',
        run: async () => {
          await server.behaviour('foo-1', { hold_close: true });
          return connect({
            auth: { username: 'elastic', password: 'changeme' },
            requestTimeout: 100,
          }).ml.closeJob({ job_id: 'foo-1' });
        },
        secrets: ['changeme', Buffer.from('elastic:changeme').toString('base64')],
      },
      {
        description: 'RequestAbortedError',
        run: () =>
          connect({ auth: { bearer: SECRET } }).ml.closeJob(
            { job_id: 'foo-1' },
            { signal: AbortSignal.abort() },
          ),
      },
    ];
    it.each(cases)(
      '$description',
      async ({ run, secrets = [SECRET, KEY, Buffer.from(`elastic:${SECRET}`).toString('base64')] }) => {
        const error = await run().then(
          () => expect.unreachable('the call must fail'),
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(Error);
        for (const text of printed(error)) for (const secret of secrets) expect(text).not.toContain(secret);
      },
    );
  });
});
