// The reference server with security on, through the shared driver (@mlclose/server/testing): it accepts
// the API key and the user below, and the driver sends the API key with every set-up request.
import type { ServerOptions } from '@mlclose/server';
import { startTestServer, type ServerDriver, type TestServer } from '@mlclose/server/testing';

/** base64("key:secret"), the encoded API key the server accepts. */
export const API_KEY = 'a2V5OnNlY3JldA==';
export const USER = { username: 'elastic', password: 'changeme' };

/** Starts the reference server on 127.0.0.1, port 0, with test control and the credentials above. */
export function startSecuredServer(options: ServerOptions = {}): Promise<TestServer> {
  return startTestServer(
    { apiKeys: [{ key: API_KEY }], users: [{ name: USER.username, password: USER.password }], ...options },
    { headers: { Authorization: `ApiKey ${API_KEY}` } },
  );
}

/** Creates each job (in `groups`) and opens it. */
export async function openJobs(server: ServerDriver, ids: string[], groups: string[] = []): Promise<void> {
  for (const id of ids) {
    await server.putJob(id, groups);
    await server.openJob(id);
  }
}
