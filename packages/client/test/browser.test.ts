// The built ESM entry, bundled for browsers, closes a job from headless Chromium (CORS to the reference
// server). Every request that would leave 127.0.0.1/localhost is aborted.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestServer } from '@mlclose/server/testing';
import { API_KEY, openJobs, startSecuredServer } from './helpers/secured-server.js';

const CHROMIUM = process.env.MLCLOSE_CHROMIUM ?? '/usr/bin/chromium';

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>mlclose browser proof</title>
<script type="module">
  import { createClient, ResponseError } from './client.js';
  const node = new URLSearchParams(location.search).get('es');
  const client = createClient({ node, auth: { apiKey: ${JSON.stringify(API_KEY)} } });
  try {
    const closed = await client.ml.closeJob({ job_id: ['browser-1', 'browser-2'], timeout: '1m' });
    const queried = await client.ml.closeJob({ job_id: 'browser-*', force: true }, { paramsIn: 'query' });
    const missing = await client.ml.closeJob({ job_id: 'missing' }).catch((e) => e);
    window.result = {
      closed,
      queried,
      missing: { name: missing.name, statusCode: missing.statusCode, reason: missing.reason, typed: missing instanceof ResponseError },
    };
  } catch (e) {
    window.result = { failed: String(e) };
  }
</script>`;

let staticServer: Server;
let origin: string;
let es: TestServer;
let browser: Browser;

beforeAll(async () => {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('../dist/index.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const script = bundled.outputFiles[0]!.text;
  staticServer = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    else if (path === '/client.js')
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;
  es = await startSecuredServer({ corsAllowOrigin: origin });
  await openJobs(es, ['browser-1', 'browser-2']);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await es?.close();
  await new Promise((resolve) => staticServer?.close(resolve));
});

it('closes jobs from a browser page and gets a typed ResponseError', async () => {
  const page = await browser.newPage();
  const leaving: string[] = [];
  await page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    leaving.push(route.request().url());
    return route.abort();
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${origin}/?es=${encodeURIComponent(es.url)}`);
  await page.waitForFunction(() => (window as unknown as { result?: unknown }).result);
  const result = await page.evaluate(() => (window as unknown as { result: unknown }).result);
  expect(errors).toEqual([]);
  expect(result).toEqual({
    closed: { closed: true },
    queried: { closed: true },
    missing: {
      name: 'ResponseError',
      statusCode: 404,
      reason: "No known job with id 'missing'",
      typed: true,
    },
  });
  expect(await es.state('browser-1')).toBe('closed');
  expect(await es.state('browser-2')).toBe('closed');
  expect(leaving).toEqual([]);
});
