// Input is checked before any request: the injected fetch fails the test if it is called.
import { describe, expect, it } from 'vitest';
import { createClient, ValidationError, type ClientOptions } from '../src/index.js';
import { recordingFetch, unreachableFetch } from './helpers/recording-fetch.js';

const client = createClient({ node: 'http://es.test:9200', fetch: unreachableFetch });
const closeJob = (params: unknown, call?: unknown) => client.ml.closeJob(params as never, call as never);

describe('closeJob refuses bad input without touching the network', () => {
  it.each([
    { description: 'an empty job_id', params: { job_id: '' }, message: /job_id/ },
    { description: 'a blank job_id', params: { job_id: '   ' }, message: /job_id/ },
    { description: 'a job_id of commas only', params: { job_id: ',,' }, message: /job_id/ },
    { description: 'an empty array', params: { job_id: [] }, message: /job_id/ },
    { description: 'an array of blanks', params: { job_id: ['', ' '] }, message: /job_id/ },
    { description: 'a missing job_id', params: {}, message: /job_id/ },
    { description: 'months (30M)', params: { job_id: 'j', timeout: '30M' }, message: /timeout 30M/ },
    { description: 'a fraction', params: { job_id: 'j', timeout: '1.5s' }, message: /timeout/ },
    { description: 'a negative duration', params: { job_id: 'j', timeout: '-2s' }, message: /timeout/ },
    { description: 'a bare number', params: { job_id: 'j', timeout: '30' }, message: /timeout/ },
    { description: 'weeks', params: { job_id: 'j', timeout: '1w' }, message: /timeout/ },
    { description: 'a number', params: { job_id: 'j', timeout: 30 }, message: /timeout/ },
    {
      description: 'an unknown option',
      params: { job_id: 'j', forced: true },
      message: /unknown option forced/,
    },
    {
      description: 'the v7 name allow_no_jobs',
      params: { job_id: 'j', allow_no_jobs: true },
      message: /allow_no_jobs/,
    },
    {
      description: 'a body (official client style)',
      params: { job_id: 'j', body: { force: true } },
      message: /body/,
    },
    {
      description: 'an unknown call option',
      params: { job_id: 'j' },
      call: { requestTimeout: 5 },
      message: /unknown option requestTimeout/,
    },
    {
      description: 'an unknown querystring key',
      params: { job_id: 'j' },
      call: { querystring: { foo: 1 } },
      message: /foo/,
    },
    {
      description: 'a bad paramsIn',
      params: { job_id: 'j' },
      call: { paramsIn: 'path' },
      message: /paramsIn/,
    },
  ])('$description', async ({ params, call, message }) => {
    const error = await closeJob(params, call).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
  });

  it.each(['30m', '5s', '500ms', '-1', '0', '2d', '10nanos', '1micros', '1H'])(
    'accepts the Duration %s',
    async (timeout) => {
      // Accepted: the request goes out with the timeout as given (in the body, the default), and the answer comes back.
      const { fetch, requests } = recordingFetch();
      const result = await createClient({ node: 'http://es.test:9200', fetch }).ml.closeJob({
        job_id: 'j',
        timeout,
      });
      expect(result).toEqual({ closed: true });
      expect(requests).toHaveLength(1);
      expect(JSON.parse(requests[0]!.body)).toEqual({ timeout });
    },
  );
});

describe('createClient refuses bad options at once', () => {
  it.each([
    { description: 'no node', options: {}, message: /node/ },
    {
      description: 'an unknown option',
      options: { node: 'http://es.test', nodes: ['x'] },
      message: /unknown option nodes/,
    },
    {
      description: 'the official maxRetries',
      options: { node: 'http://es.test', maxRetries: 3 },
      message: /maxRetries/,
    },
    {
      description: 'a bad paramsIn',
      options: { node: 'http://es.test', paramsIn: 'form' },
      message: /paramsIn/,
    },
  ])('$description', ({ options, message }) => {
    expect(() => createClient(options as ClientOptions)).toThrow(ValidationError);
    expect(() => createClient(options as ClientOptions)).toThrow(message);
  });

  it('refuses credentials in the URL without repeating them', () => {
    const error = (() => {
      try {
        createClient({ node: 'http://elastic:s3cr3t-pw@127.0.0.1:9200' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error) + JSON.stringify(error)).not.toContain('s3cr3t-pw');
  });

  it('refuses a credential that cannot be a header value without repeating it', () => {
    const error = (() => {
      try {
        createClient({ node: 'http://127.0.0.1:9200', auth: { apiKey: 'top\nsecret-key' } });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error) + JSON.stringify(error)).not.toContain('secret-key');
  });
});
