// Security (CJ-SEC-001, CJ-SEC-002, CJ-SEC-003, CJ-SEC-004, CJ-SEC-005, CJ-SEC-006).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePath, errorOf, startTestServer, type TestServer } from '../src/testing.js';

const op = 'ml-close-job';
const adminKey = Buffer.from('adminid:adminsecret').toString('base64');
const viewerKey = Buffer.from('Xk2fT4sB:viewersecret').toString('base64');
const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const WWW = ['Basic realm="security", charset="UTF-8"', 'Bearer realm="security"', 'ApiKey'];
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    apiKeys: [{ key: adminKey }, { key: viewerKey, role: 'viewer' }],
    users: [
      { name: 'elastic', password: 'changeme' },
      { name: 'viewer', password: 'viewpass', role: 'viewer' },
      { name: 'ml', password: 'mlpass', role: 'machine_learning_admin' },
    ],
  });
  const auth = { Authorization: `ApiKey ${adminKey}` };
  await server.request('PUT', '/_ml/anomaly_detectors/j1', {
    headers: auth,
    body: { analysis_config: { detectors: [{ function: 'count' }] }, data_description: {} },
  });
  await server.request('POST', '/_ml/anomaly_detectors/j1/_open', { headers: auth });
});
afterAll(async () => {
  await server.close();
});

describe('authentication (CJ-SEC-001, CJ-SEC-002)', () => {
  it('no credentials: 401 with WWW-Authenticate in headers and body, no X-elastic-product', async () => {
    const response = await server.request('POST', closePath('j1', '?force=yes&error_trace=true'), { op });
    expect(errorOf(response)).toEqual({
      status: 401,
      type: 'security_exception',
      reason:
        'missing authentication credentials for REST request [/_ml/anomaly_detectors/j1/_close?force=yes&error_trace=true]',
    });
    expect(response.json.error.header).toEqual({ 'WWW-Authenticate': WWW });
    expect(response.json.error.root_cause[0].header).toEqual({ 'WWW-Authenticate': WWW });
    // No stack_trace on a 401, even with error_trace (CJ-FMT-006).
    expect(response.json.error.stack_trace).toBeUndefined();
    expect(response.headers.get('www-authenticate')).toBe(WWW.join(', '));
    expect(response.headers.get('x-elastic-product')).toBeNull();
  });

  it('CJ-ROUTE-008: a bad escape in the path id fails as the route is found, before the credentials are asked for', async () => {
    const response = await server.request('POST', closePath('a%zz'), { op });
    expect(errorOf(response)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: "invalid escape sequence `%zz' at index 1 of: a%zz",
    });
  });

  it('a wrong password: unable to authenticate user', async () => {
    const response = await server.request('POST', closePath('j1'), {
      op,
      headers: { Authorization: basic('elastic', 'nope') },
    });
    expect(errorOf(response)).toEqual({
      status: 401,
      type: 'security_exception',
      reason: 'unable to authenticate user [elastic] for REST request [/_ml/anomaly_detectors/j1/_close]',
    });
  });

  it('an unknown user: unable to authenticate user', async () => {
    const response = await server.request('POST', closePath('j1'), {
      op,
      headers: { Authorization: basic('ghost', 'x') },
    });
    expect(errorOf(response).reason).toBe(
      'unable to authenticate user [ghost] for REST request [/_ml/anomaly_detectors/j1/_close]',
    );
  });

  it('a wrong API key and a bearer token are 401', async () => {
    for (const authorization of [`ApiKey ${Buffer.from('x:y').toString('base64')}`, 'Bearer sometoken']) {
      const response = await server.request('POST', closePath('j1'), {
        op,
        headers: { Authorization: authorization },
      });
      expect(response.status).toBe(401);
      expect(response.json.error.type).toBe('security_exception');
    }
  });

  it('authentication comes before parameter checks (401 before 400)', async () => {
    const response = await server.request('POST', closePath('j1', '?foo=1'), { op });
    expect(response.status).toBe(401);
  });

  it('route errors come before authentication (405 without credentials)', async () => {
    const response = await server.request('GET', closePath('j1'), { op });
    expect(response.status).toBe(405);
  });
});

describe('authorization (CJ-SEC-003, CJ-SEC-004)', () => {
  it('a user without manage_ml: 403 naming the user and roles, no X-elastic-product', async () => {
    const response = await server.request('POST', closePath('j1'), {
      op,
      headers: { Authorization: basic('viewer', 'viewpass') },
    });
    expect(errorOf(response)).toEqual({
      status: 403,
      type: 'security_exception',
      reason:
        'action [cluster:admin/xpack/ml/job/close] is unauthorized for user [viewer] with effective roles [viewer], this action is granted by the cluster privileges [manage_ml,manage,all]',
    });
    expect(response.headers.get('x-elastic-product')).toBeNull();
    expect(await stateAsAdmin()).toBe('opened');
  });

  it('an API key without manage_ml: 403 naming the key id, no roles clause', async () => {
    const response = await server.request('POST', closePath('j1'), {
      op,
      headers: { Authorization: `ApiKey ${viewerKey}` },
    });
    expect(errorOf(response)).toEqual({
      status: 403,
      type: 'security_exception',
      reason:
        'action [cluster:admin/xpack/ml/job/close] is unauthorized for API key id [Xk2fT4sB] of user [viewer], this action is granted by the cluster privileges [manage_ml,manage,all]',
    });
  });

  it('parameter checks come before authorization (400 before 403)', async () => {
    const response = await server.request('POST', closePath('j1', '?foo=1'), {
      op,
      headers: { Authorization: basic('viewer', 'viewpass') },
    });
    expect(response.status).toBe(400);
  });

  it('other ML write actions are refused with their own action name; invalid input is a 400 first', async () => {
    const headers = { Authorization: basic('viewer', 'viewpass') };
    const body = { analysis_config: { detectors: [{ function: 'count' }] }, data_description: {} };
    // The spec declares no 403 for create-job (see the report), so this response is checked by hand.
    const refused = await server.request('PUT', '/_ml/anomaly_detectors/new-job', { headers, body });
    expect(errorOf(refused)).toEqual({
      status: 403,
      type: 'security_exception',
      reason:
        'action [cluster:admin/xpack/ml/job/put] is unauthorized for user [viewer] with effective roles [viewer], this action is granted by the cluster privileges [manage_ml,manage,all]',
    });
    const invalid = await server.request('PUT', '/_ml/anomaly_detectors/BAD', {
      op: 'ml-put-job',
      headers,
      body,
    });
    expect(invalid.status).toBe(400);
    const open = await server.request('POST', '/_ml/anomaly_detectors/j1/_open', { headers });
    expect(errorOf(open).reason).toContain('action [cluster:admin/xpack/ml/job/open] is unauthorized');
  });

  it('a viewer may read job stats', async () => {
    const response = await server.request('GET', '/_ml/anomaly_detectors/j1/_stats', {
      op: 'ml-get-job-stats',
      headers: { Authorization: basic('viewer', 'viewpass') },
    });
    expect(response.status).toBe(200);
  });

  it('machine_learning_admin and superuser may close', async () => {
    const ml = await server.request('POST', closePath('j1'), {
      op,
      headers: { Authorization: basic('ml', 'mlpass') },
    });
    expect(ml.json).toEqual({ closed: true });
    const admin = await server.request('POST', closePath('j1'), {
      op,
      headers: { Authorization: basic('elastic', 'changeme') },
    });
    expect(admin.json).toEqual({ closed: true });
  });
});

async function stateAsAdmin(): Promise<string> {
  const response = await server.request('GET', '/_ml/anomaly_detectors/j1/_stats', {
    op: 'ml-get-job-stats',
    headers: { Authorization: `ApiKey ${adminKey}` },
  });
  return response.json.jobs[0].state as string;
}
