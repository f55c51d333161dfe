// The mlclose reference server on 127.0.0.1, port 0, with helpers for the supporting and test-control APIs.
import { startServer } from '@mlclose/server';

/** base64("key:secret"), the encoded API key the server accepts. */
export const API_KEY = 'a2V5OnNlY3JldA==';
export const USER = { username: 'elastic', password: 'changeme' };

export type ReferenceServer = Awaited<ReturnType<typeof startReferenceServer>>;

export async function startReferenceServer(options: { corsAllowOrigin?: string } = {}) {
  const server = await startServer({
    port: 0,
    testControl: true,
    apiKeys: [{ key: API_KEY }],
    users: [{ name: USER.username, password: USER.password }],
    ...options,
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(server.url + path, {
      method,
      headers: {
        Authorization: `ApiKey ${API_KEY}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const job = (id: string) => `/_ml/anomaly_detectors/${encodeURIComponent(id)}`;
  return {
    url: server.url,
    close: () => server.close(),
    reset: () => call('POST', '/_mlclose/test/_reset'),
    /** Creates a job (optionally in groups) and opens it. */
    async openJob(id: string, groups?: string[]) {
      await call('PUT', job(id), {
        ...(groups ? { groups } : {}),
        analysis_config: { bucket_span: '15m', detectors: [{ function: 'count' }] },
        data_description: { time_field: 'timestamp' },
      });
      await call('POST', `${job(id)}/_open`);
    },
    async state(id: string): Promise<string> {
      const stats = await call('GET', `${job(id)}/_stats`);
      return stats.jobs[0].state;
    },
    behaviour: (id: string, behaviour: Record<string, unknown>) =>
      call('PUT', `/_mlclose/test/anomaly_detectors/${encodeURIComponent(id)}/_behaviour`, behaviour),
    upgradeMode: (enabled: boolean) => call('PUT', '/_mlclose/test/upgrade_mode', { enabled }),
    fail: (id: string) => call('POST', `/_mlclose/test/anomaly_detectors/${encodeURIComponent(id)}/_fail`),
    /** Polls job stats until `id` is in `state` (no timing assumptions: the test timeout bounds it). */
    async waitForState(id: string, state: string) {
      while ((await this.state(id)) !== state) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}
