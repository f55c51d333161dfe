// With credentials the security checks run and pass against the reference server configured with users and
// API keys, and no report, transcript or console line ever holds a secret.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleReporter, runConformance, toHtml, toJson, toJunit } from '../src/index.js';
import { Redactor } from '../src/redact.js';
import { startTamperProxy } from './support/tamper-proxy.js';
import { startTarget, type Target } from './support/target.js';
import { expectConformant } from './support/verdict.js';

const ADMIN_KEY = 'c2VjcmV0LWFkbWluLWtleS0xMjM0NQ==';
const VIEWER_KEY = 'c2VjcmV0LXZpZXdlci1rZXktNjc4OTA=';
const PASSWORD = 'hunter2-very-secret';
const VIEWER_PASSWORD = 'viewer-pw-very-secret';
const SECURITY = ['CJ-SEC-001', 'CJ-SEC-002', 'CJ-SEC-003', 'CJ-SEC-004', 'CJ-SEC-005', 'CJ-SEC-006'];

let server: Target;

beforeAll(async () => {
  server = await startTarget({
    apiKeys: [{ key: ADMIN_KEY }, { key: VIEWER_KEY, role: 'viewer' }],
    users: [
      { name: 'alice', password: PASSWORD, role: 'superuser' },
      { name: 'bob', password: VIEWER_PASSWORD, role: 'viewer' },
    ],
  });
});

afterAll(async () => {
  await server.close();
});

describe('security checks', () => {
  it.each([
    {
      kind: 'API keys',
      credentials: { apiKey: ADMIN_KEY },
      viewer: { apiKey: VIEWER_KEY },
      covered: 'CJ-SEC-004',
    },
    {
      kind: 'users',
      credentials: { username: 'alice', password: PASSWORD },
      viewer: { username: 'bob', password: VIEWER_PASSWORD },
      covered: 'CJ-SEC-003',
    },
  ])(
    'pass with $kind',
    async ({ credentials, viewer, covered }) => {
      const report = await runConformance({
        target: server.url,
        seed: 11,
        credentials,
        viewerCredentials: viewer,
        only: [...SECURITY, 'route/not-validated'],
      });
      expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([]);
      expectConformant(report);
      // The run's replay command names the credentials (through the environment, never their values).
      expect(report.replay).toMatch(
        'apiKey' in credentials
          ? / --api-key "\$ELASTIC_API_KEY" .*--seed 11$/
          : / --username alice --password "\$ELASTIC_PASSWORD" .*--seed 11$/,
      );
      expect(report.requirements.find((r) => r.id === covered)?.status).toBe('passed');
      for (const id of ['CJ-SEC-001', 'CJ-SEC-002', 'CJ-SEC-005', 'CJ-SEC-006']) {
        expect(report.requirements.find((r) => r.id === id)?.status, id).toBe('passed');
      }
    },
    60_000,
  );

  it('fail when the "viewer" may close jobs after all', async () => {
    const report = await runConformance({
      target: server.url,
      seed: 12,
      credentials: { apiKey: ADMIN_KEY },
      viewerCredentials: { apiKey: ADMIN_KEY },
      only: ['CJ-SEC-004'],
    });
    expect(report.requirements.find((r) => r.id === 'CJ-SEC-004')?.status).toBe('failed');
  }, 120_000);
});

describe('redaction', () => {
  it('masks secrets, their base64 and URL-encoded forms, and Authorization headers', () => {
    const redactor = new Redactor([PASSWORD]);
    expect(redactor.text(`pw=${PASSWORD}&b=${Buffer.from(PASSWORD).toString('base64')}`)).not.toContain(
      PASSWORD,
    );
    expect(redactor.headers({ Authorization: `ApiKey ${ADMIN_KEY}` })).toEqual({
      Authorization: 'ApiKey [REDACTED]',
    });
  });

  it('keeps every secret out of the JSON, JUnit and HTML reports and the console of a failing run', async () => {
    // A proxy that echoes the request's Authorization header into failing answers, as a careless server might.
    const proxy = await startTamperProxy(server.url, (exchange) =>
      exchange.url.includes('/_close') && exchange.status === 404
        ? {
            status: 500,
            responseBody: JSON.stringify({
              error: `auth was ${String(exchange.requestHeaders.authorization)}`,
              status: 500,
            }),
          }
        : undefined,
    );
    let consoleText = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        consoleText += chunk.toString();
        callback();
      },
    });
    try {
      const report = await runConformance({
        target: proxy.url,
        seed: 13,
        credentials: { username: 'alice', password: PASSWORD },
        viewerCredentials: { apiKey: VIEWER_KEY },
        only: ['expand/missing/query', 'route/not-validated', 'CJ-SEC-002'],
        reporters: [consoleReporter({ stream, verbose: true })],
      });
      expect(report.verdict).toBe('non-conformant');
      const transcripts = report.checks.flatMap((check) => check.transcript ?? []);
      expect(transcripts.length).toBeGreaterThan(0);
      const outputs = [toJson(report), toJunit(report), toHtml(report), consoleText];
      const secrets = [
        PASSWORD,
        VIEWER_KEY,
        Buffer.from(`alice:${PASSWORD}`).toString('base64'),
        Buffer.from(PASSWORD).toString('base64'),
      ];
      for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret);
      expect(toJson(report)).toContain('Basic [REDACTED]');
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
