// https targets: the suite (its vitest worker included) trusts a CA given with `tls.ca` (--ca FILE), accepts any
// certificate with `tls.insecure`, and otherwise refuses an untrusted certificate with a clear "cannot reach".
// The target is the reference server behind a TLS-terminating proxy on 127.0.0.1 with a throw-away self-signed
// certificate made by openssl for this test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance, TargetError } from '../src/index.js';
import { startTarget, type Target } from './support/target.js';
import { expectConformant } from './support/verdict.js';

let upstream: Target;
let proxy: https.Server;
let target: string;
let ca: Buffer;
/** Holds the proxy's key and certificate; removed after the tests. */
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlclose-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(join(dir, 'cert.pem'));
  upstream = await startTarget();
  const base = new URL(upstream.url);
  const agent = new http.Agent({ keepAlive: true });
  proxy = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (req, res) => {
    const out = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  target = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

const ONLY = ['route/options', 'supporting/info', 'expand/group/query/anm-false'];

describe('https targets', () => {
  it('are tested when the CA is given (a Buffer, as --ca reads it)', async () => {
    const report = await runConformance({ target, tls: { ca }, seed: 51, only: ONLY });
    expectConformant(report);
    expect(report.summary.checks.passed).toBe(report.checks.length);
    expect(report.target.url).toBe(target);
  }, 120_000);

  it('are tested with insecure, whatever the certificate', async () => {
    const report = await runConformance({ target, tls: { insecure: true }, seed: 52, only: ONLY });
    expectConformant(report);
    expect(report.summary.checks.passed).toBe(report.checks.length);
  }, 120_000);

  it('are refused with an untrusted certificate, before any check runs', async () => {
    const error = await runConformance({ target, seed: 53, only: ONLY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toMatch(
      /^cannot reach https:\/\/127\.0\.0\.1:\d+\/: self-signed certificate \(trust its CA with --ca FILE, or accept any certificate with --insecure\)$/,
    );
  }, 120_000);
});
