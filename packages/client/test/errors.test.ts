// ResponseError understands every error example the spec gives for close-job, in both envelopes.
import { inspect } from 'node:util';
import { deref, getOperation, type Json } from '@mlclose/schema/spec';
import { describe, expect, it } from 'vitest';
import { createClient, ElasticsearchClientError, ResponseError } from '../src/index.js';
import { json, recordingFetch } from './helpers/recording-fetch.js';

type Example = { status: number; name: string; value: { error: unknown; status?: number } };

const examples: Example[] = Object.entries(getOperation('ml-close-job').operation.responses)
  .filter(([status]) => status !== '200')
  .flatMap(([status, response]) => {
    const content = (deref(response) as Record<string, Json>).content as Record<string, Record<string, Json>>;
    const named = (content['application/json']!.examples ?? {}) as Record<string, Json>;
    return Object.entries(named).map(([name, example]) => ({
      status: +status,
      name,
      value: (deref(example) as { value: Example['value'] }).value,
    }));
  });

async function responseError(response: Response): Promise<ResponseError> {
  const { fetch } = recordingFetch(response);
  const error = await createClient({ node: 'http://es.test:9200', fetch })
    .ml.closeJob({ job_id: 'j1' })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ResponseError);
  return error as ResponseError;
}

describe('ResponseError from the spec examples', () => {
  it('has examples to check (the table is not empty)', () => {
    expect(examples.length).toBeGreaterThan(20);
    expect(examples.some((e) => typeof e.value.error === 'string')).toBe(true);
    expect(examples.some((e) => typeof e.value.error === 'object')).toBe(true);
  });

  it.each(examples)('$status $name', async ({ status, value }) => {
    const error = await responseError(json(status, value, { 'x-test': 'yes' }));
    expect(error).toBeInstanceOf(ElasticsearchClientError);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(status);
    expect(error.body).toEqual(value);
    expect(error.headers['x-test']).toBe('yes');
    expect(error.meta).toMatchObject({ statusCode: status, body: value, headers: error.headers });
    expect(error.request).toEqual({
      method: 'POST',
      url: 'http://es.test:9200/_ml/anomaly_detectors/j1/_close',
    });
    if (typeof value.error === 'string') {
      // Simple envelope: the string is the reason; there is no type or root cause.
      expect(error.type).toBeUndefined();
      expect(error.reason).toBe(value.error);
      expect(error.rootCause).toEqual([]);
      expect(error.message).toContain(value.error);
    } else {
      const detailed = value.error as { type: string; reason: string | null; root_cause: unknown[] };
      expect(error.type).toBe(detailed.type);
      expect(error.reason).toBe(detailed.reason);
      expect(error.rootCause).toEqual(detailed.root_cause);
      expect(error.message).toContain(detailed.type);
      if (detailed.reason) expect(error.message).toContain(detailed.reason);
    }
    expect(error.message).toContain(`HTTP ${status}`);
  });
});

describe('ResponseError from bodies that are not Elasticsearch envelopes', () => {
  it('keeps a non-JSON body as a string (a proxy error page)', async () => {
    const error = await responseError(new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect(error.statusCode).toBe(502);
    expect(error.body).toBe('<html>Bad Gateway</html>');
    expect(error.type).toBeUndefined();
    expect(error.rootCause).toEqual([]);
    expect(error.message).toContain('HTTP 502');
  });

  it('takes an empty body', async () => {
    const error = await responseError(
      new Response(null, { status: 503, headers: { 'content-length': '0' } }),
    );
    expect(error.statusCode).toBe(503);
    expect(error.body).toBeUndefined();
    expect(error.message).toContain('HTTP 503');
  });

  it('reads a master_not_discovered_exception with a null reason', async () => {
    const body = {
      error: { root_cause: [], type: 'master_not_discovered_exception', reason: null },
      status: 503,
    };
    const error = await responseError(json(503, body));
    expect(error.type).toBe('master_not_discovered_exception');
    expect(error.reason).toBeNull();
    expect(error.message).not.toContain('null');
  });
});

describe('errors never show the request headers', () => {
  it('a ResponseError made with credentials shows none of them, however it is printed', async () => {
    const { fetch } = recordingFetch(json(404, examples.find((e) => e.status === 404)!.value));
    const error = (await createClient({
      node: 'http://es.test:9200',
      fetch,
      auth: { username: 'elastic', password: 'pw-SECRET-1' },
      headers: { 'x-custom': 'hdr-SECRET-2' },
    })
      .ml.closeJob({ job_id: 'j1' })
      .catch((e: unknown) => e)) as Error;
    const printed = [
      String(error),
      error.message,
      JSON.stringify(error),
      inspect(error, { depth: Infinity, showHidden: true }),
    ];
    for (const text of printed) {
      expect(text).not.toContain('SECRET');
      expect(text).not.toContain(Buffer.from('elastic:pw-SECRET-1').toString('base64'));
    }
  });
});
