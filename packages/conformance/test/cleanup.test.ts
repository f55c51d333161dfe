// The tidy-up after a check deletes what the check's own requests created (read from the requests, not listed from
// the target): datafeeds before their jobs, only under the check's prefix, nothing else. Against the reference server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupPrefix, cleanupRun, CreatedResources, tidyCreated } from '../src/cleanup.js';
import { jobConfig } from '../src/fixtures.js';
import { HttpTarget, type HttpRequest } from '../src/http.js';
import { operation } from '../src/operations.js';
import { Redactor } from '../src/redact.js';
import { startTarget, type Target } from './support/target.js';

const PREFIX = 'mlc-tidy-1-';
let server: Target;
let http: HttpTarget;

/** Sends a request the way a check's context does: the outcome is recorded in `created`. */
async function send(created: CreatedResources, request: HttpRequest): Promise<number> {
  const response = await http.request(request);
  created.record(request, response.status);
  return response.status;
}

function json(body: unknown): Pick<HttpRequest, 'headers' | 'body'> {
  return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

async function putJob(created: CreatedResources, id: string): Promise<number> {
  return send(created, { ...operation('ml-put-job', { job_id: id }), ...json(jobConfig([])) });
}

async function jobIds(): Promise<string[]> {
  const response = await http.request(
    operation('ml-get-job-stats', { job_id: '_all' }, 'allow_no_match=true'),
  );
  return (response.json as { jobs: Array<{ job_id: string }> }).jobs.map((job) => job.job_id).sort();
}

beforeEach(async () => {
  server = await startTarget();
  http = new HttpTarget(server.url, { redactor: new Redactor([]) });
});

afterEach(async () => {
  http.close();
  await server.close();
});

describe('tidyCreated', () => {
  it('deletes the jobs and the datafeed the requests created (an opened job and its started datafeed too)', async () => {
    const created = new CreatedResources();
    await putJob(created, `${PREFIX}a`);
    await putJob(created, `${PREFIX}b`);
    const index = `${PREFIX}data`;
    expect((await http.request({ ...operation('indices-create', { index }), ...json({}) })).status).toBe(200);
    await send(created, {
      ...operation('ml-put-datafeed', { datafeed_id: `${PREFIX}a-df` }),
      ...json({ job_id: `${PREFIX}a`, indices: [index] }),
    });
    await send(created, operation('ml-open-job', { job_id: `${PREFIX}a` }));
    await send(created, operation('ml-start-datafeed', { datafeed_id: `${PREFIX}a-df` }));
    expect([...created.jobs]).toEqual([`${PREFIX}a`, `${PREFIX}b`]);
    expect([...created.datafeeds]).toEqual([`${PREFIX}a-df`]);

    expect(await tidyCreated(http, PREFIX, created)).toEqual({ jobs: 2, datafeeds: 1, errors: [] });
    expect(await jobIds()).toEqual([]);
  });

  it('leaves what it was not told about, and anything outside the prefix even when told', async () => {
    const created = new CreatedResources();
    const other = new CreatedResources();
    await putJob(created, `${PREFIX}mine`);
    await putJob(other, `${PREFIX}someone-elses-check`);
    await putJob(created, 'mlc-tidy-2-outside');
    expect(await tidyCreated(http, PREFIX, created)).toEqual({ jobs: 1, datafeeds: 0, errors: [] });
    expect(await jobIds()).toEqual([`${PREFIX}someone-elses-check`, 'mlc-tidy-2-outside']);
  });

  it('records only creates that succeeded or got no answer', async () => {
    const created = new CreatedResources();
    expect(await putJob(created, `${PREFIX}Upper`)).toBe(400);
    expect(await putJob(created, `${PREFIX}j`)).toBe(200);
    expect(await putJob(created, `${PREFIX}j`)).toBe(400);
    await send(created, operation('ml-get-jobs', { job_id: `${PREFIX}j` }));
    created.record(operation('ml-put-job', { job_id: `${PREFIX}lost` }), undefined);
    expect([...created.jobs]).toEqual([`${PREFIX}j`, `${PREFIX}lost`]);
  });

  it('does not count a job the check deleted itself', async () => {
    const created = new CreatedResources();
    await putJob(created, `${PREFIX}gone`);
    await send(created, operation('ml-delete-job', { job_id: `${PREFIX}gone` }));
    expect(await tidyCreated(http, PREFIX, created)).toEqual({ jobs: 0, datafeeds: 0, errors: [] });
  });

  it('lists the prefix instead when a create could not be read', async () => {
    const created = new CreatedResources();
    await putJob(new CreatedResources(), `${PREFIX}unseen`);
    created.record({ method: 'PUT', path: '/_ml/anomaly_detectors/%E0%A4%A' }, undefined);
    expect(created.unreadable).toBe(true);
    expect(await tidyCreated(http, PREFIX, created)).toEqual({ jobs: 1, datafeeds: 0, errors: [] });
    expect(await jobIds()).toEqual([]);
  });

  it('refuses a prefix that is not a run prefix', async () => {
    await expect(tidyCreated(http, 'someone-', new CreatedResources())).rejects.toThrow(/run prefix/);
  });
});

describe('cleanupPrefix', () => {
  it('counts what it deleted, not a listed job that was gone by its delete (404)', async () => {
    const [gone, there] = [`${PREFIX}gone`, `${PREFIX}there`];
    await putJob(new CreatedResources(), gone);
    await putJob(new CreatedResources(), there);
    // The job goes between the listing and its delete, as when a check still running deletes it.
    const racing = Object.create(http) as HttpTarget;
    racing.request = async (request) => {
      if (request.method === 'DELETE' && request.path.includes(gone)) await http.request(request);
      return http.request(request);
    };
    expect(await cleanupPrefix(racing, PREFIX)).toEqual({ jobs: 1, datafeeds: 0, errors: [] });
    expect(await jobIds()).toEqual([]);
  });
});

describe('with the test-control capability delete_by_prefix', () => {
  /** Counts the requests sent through `http`, by method and path without the query. */
  function counting(): { target: HttpTarget; sent: string[] } {
    const sent: string[] = [];
    const target = Object.create(http) as HttpTarget;
    target.request = (request, ...rest) => {
      sent.push(`${request.method} ${request.path.split('?')[0]}`);
      return http.request(request, ...rest);
    };
    return { target, sent };
  }

  it('tidies a check up in one request, counting what went, and leaves the rest', async () => {
    const created = new CreatedResources();
    await putJob(created, `${PREFIX}a`);
    await putJob(created, `${PREFIX}b`);
    await send(created, {
      ...operation('ml-put-datafeed', { datafeed_id: `${PREFIX}a-df` }),
      ...json({ job_id: `${PREFIX}a`, indices: ['x'] }),
    });
    await send(created, operation('ml-open-job', { job_id: `${PREFIX}a` }));
    await putJob(new CreatedResources(), 'mlc-tidy-2-outside');
    const { target, sent } = counting();
    expect(await tidyCreated(target, PREFIX, created, { byPrefix: true })).toEqual({
      jobs: 2,
      datafeeds: 1,
      errors: [],
    });
    expect(sent).toEqual(['POST /_mlclose/test/_delete_by_prefix']);
    expect(await jobIds()).toEqual(['mlc-tidy-2-outside']);
  });

  it('sends nothing for a check that created nothing', async () => {
    const { target, sent } = counting();
    expect(await tidyCreated(target, PREFIX, new CreatedResources(), { byPrefix: true })).toEqual({
      jobs: 0,
      datafeeds: 0,
      errors: [],
    });
    expect(sent).toEqual([]);
  });

  it('deletes one by one, without an error, when the target refuses the request', async () => {
    const plain = await startTarget({ testControl: false });
    const plainHttp = new HttpTarget(plain.url, { redactor: new Redactor([]) });
    try {
      const created = new CreatedResources();
      const response = await plainHttp.request({
        ...operation('ml-put-job', { job_id: `${PREFIX}a` }),
        ...json(jobConfig([])),
      });
      created.record(operation('ml-put-job', { job_id: `${PREFIX}a` }), response.status);
      expect(await tidyCreated(plainHttp, PREFIX, created, { byPrefix: true })).toEqual({
        jobs: 1,
        datafeeds: 0,
        errors: [],
      });
      expect((await cleanupPrefix(plainHttp, PREFIX, { byPrefix: true })).errors).toEqual([]);
    } finally {
      plainHttp.close();
      await plain.close();
    }
  });

  it('reports the refused request too when deleting one by one fails as well', async () => {
    const failing = Object.create(http) as HttpTarget;
    failing.request = async (request, ...rest) => {
      if (request.method === 'DELETE') throw new Error('connection reset');
      if (request.path.startsWith('/_mlclose/test/_delete_by_prefix'))
        return { status: 503, headers: {}, text: '', json: undefined, isJson: false, durationMs: 0 };
      return http.request(request, ...rest);
    };
    await putJob(new CreatedResources(), `${PREFIX}a`);
    expect((await cleanupPrefix(failing, PREFIX, { byPrefix: true })).errors).toEqual([
      `delete by prefix ${PREFIX}: answered 503`,
      `delete job ${PREFIX}a: connection reset`,
    ]);
  });

  it('deletes one by one when the answer is a 200 that is not the spec answer (no counts to trust)', async () => {
    const malformed = Object.create(http) as HttpTarget;
    malformed.request = async (request, ...rest) =>
      request.path.startsWith('/_mlclose/test/_delete_by_prefix')
        ? { status: 200, headers: {}, text: '{}', json: { acknowledged: true }, isJson: true, durationMs: 0 }
        : http.request(request, ...rest);
    await putJob(new CreatedResources(), `${PREFIX}a`);
    expect(await cleanupPrefix(malformed, PREFIX, { byPrefix: true })).toEqual({
      jobs: 1,
      datafeeds: 0,
      errors: [],
    });
    expect(await jobIds()).toEqual([]);
  });

  it('cleans a whole run up in one request, the run index included', async () => {
    await putJob(new CreatedResources(), 'mlc-tidy-a');
    await putJob(new CreatedResources(), 'mlc-tidy-b');
    expect(
      (await http.request({ ...operation('indices-create', { index: 'mlc-tidy-data' }), ...json({}) }))
        .status,
    ).toBe(200);
    const { target, sent } = counting();
    expect(await cleanupRun(target, 'tidy', { testControl: true, byPrefix: true })).toEqual({
      jobs: 2,
      datafeeds: 0,
      errors: [],
    });
    expect(sent).toEqual(['POST /_mlclose/test/_delete_by_prefix', 'DELETE /mlc-tidy-data']);
    expect(await jobIds()).toEqual([]);
  });
});
