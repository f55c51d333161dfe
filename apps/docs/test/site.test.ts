// The built site in a real browser: headless Chromium (Debian's) with the network cut off, served by a plain
// static server on 127.0.0.1, and once from file://.
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deref, getOperation, spec } from '@mlclose/schema/spec';
import { SPEC_VERSION } from '@mlclose/schema';
import { LANGUAGES } from '../scripts/lib/samples.mjs';
import { loadExamples } from '../scripts/lib/examples.mjs';
import { PAGES } from '../scripts/lib/site.mjs';
import { launchBrowser, watchedPage, type WatchedPage } from './support/browser.js';
import { serveStatic, type StaticServer } from './support/static-server.js';
import { artifacts, dist, docsRoot, requireBuiltSite } from './support/paths.js';
import { builtSamples } from './support/samples-run.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const screenshots = path.join(artifacts, 'screenshots');
const CLOSE_JOB_ROUTE = 'reference.html#/ml-anomaly/ml-close-job';
/** Redoc's example picker in a samples panel (its accessible name is the selected example's summary). */
const EXAMPLE_PICKER = '[data-testid="panel-body"] [data-testid="dropdown"] > button';

type Json = any;
const closeJob: Json = getOperation('ml-close-job').operation;
const parameters: Json[] = closeJob.parameters.map((parameter: Json) => deref(parameter));
const responses: [string, Json][] = Object.entries(closeJob.responses as Record<string, Json>).map(
  ([code, r]) => [code, deref(r)],
);
const examples = loadExamples(path.join(docsRoot, 'samples/examples.json'), spec);

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
const opened: WatchedPage[] = [];

async function open(url: string): Promise<WatchedPage> {
  const watched = await watchedPage(context);
  opened.push(watched);
  await watched.page.goto(url, { waitUntil: 'load' });
  return watched;
}

/** Redoc hydrates the pre-rendered page; wait until the close-job operation is on screen. */
async function openReference(page: Page, base: string) {
  await page.goto(base + CLOSE_JOB_ROUTE, { waitUntil: 'load' });
  // Playwright's own wait, not expect.poll, which a beforeAll may not call.
  await page
    .getByRole('heading', { name: 'Close anomaly detection jobs' })
    .first()
    .waitFor({ state: 'visible', timeout: 20_000 });
}

/** A string that only this example's body contains, to recognise it on screen. */
function distinctive(value: Json): string {
  if (typeof value?.error === 'string') return value.error;
  if (typeof value?.error?.reason === 'string') return value.error.reason;
  if (typeof value?.error?.type === 'string') return value.error.type;
  return JSON.stringify(value, null, 2).split('\n')[1]!.trim();
}

const visible = (page: Page, text: string) =>
  page.getByText(text, { exact: true }).filter({ visible: true }).first();

beforeAll(async () => {
  requireBuiltSite();
  mkdirSync(screenshots, { recursive: true });
  server = await serveStatic(dist);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

// A page left open keeps its scripts running (Redoc's among them) while the next tests load theirs. Each page's
// errors and external requests are those it made while its test ran.
afterEach(async () => {
  await Promise.all(opened.filter(({ page }) => !page.isClosed()).map(({ page }) => page.close()));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/**
 * What every page must do, on a page that `file` was just loaded into (`served` is the static server's request count
 * before the load): show the documented version, load nothing from another origin, log no console error, and have no
 * serious or critical axe-core violation. Soft assertions: a page that breaks several of these reports each of them.
 */
async function checkEveryPageRule({ page, errors, external }: WatchedPage, file: string, served: number) {
  expect.soft(server.requested.length, 'served by the static server').toBeGreaterThan(served);
  expect.soft(await page.locator('.site-version').innerText()).toBe(`v${SPEC_VERSION}`);
  expect.soft(await page.locator('.site-footer').innerText()).toContain(`v${SPEC_VERSION}`);
  // What the page did by itself, before the test injects axe-core.
  expect.soft(external, 'requests to another origin').toEqual([]);
  expect.soft(errors, 'console errors').toEqual([]);
  await page.addScriptTag({ path: AXE });
  const violations: Json[] = await page.evaluate(async () => {
    const result = await (window as Json).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: Json) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n: Json) => n.target.join(' ')),
    }));
  });
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} at ${v.nodes.join(' | ')}`);
  // The first screen only: capturing every page whole cost Chromium about 8 s of CPU, for pictures no test reads.
  // The reference is screenshotted by its own test.
  if (file !== 'reference.html')
    await page.screenshot({ path: path.join(screenshots, file.replace('.html', '.png')) });
  expect(serious, 'serious or critical axe-core violations').toEqual([]);
}

/** The rule above, for `reference.html`, runs on the one load of the reference below; every other page has its own. */
const EVERY_PAGE_RULE =
  'shows the documented version, loads nothing from another origin, logs no console error, has no serious or critical axe-core violation, and is screenshotted';

describe('the API reference', () => {
  // One load of the reference for the five tests below: a load of the reference cost Chromium 3.1 to 4.5 s of CPU
  // (measured alone, most of it Redoc's start and hydration), against under 1 s for a guide. Each test reads the page
  // and picks tabs, status buttons and examples in its own part of the page; none depends on what another picked.
  // Each checks the errors and external requests of the page so far. The page joins `opened` (which afterEach
  // closes) only when the five are done.
  let reference: WatchedPage;
  let served: number;
  beforeAll(async () => {
    served = server.requested.length;
    reference = await watchedPage(context);
    await openReference(reference.page, server.url);
  });
  afterAll(async () => {
    if (!reference) return;
    opened.push(reference);
    await reference.page.close();
  });

  // First, while the page is as its load left it.
  it(`reference.html ${EVERY_PAGE_RULE}`, async () => {
    await reference.page.waitForLoadState('networkidle');
    await checkEveryPageRule(reference, 'reference.html', served);
  });

  it('shows the close-job operation and every one of its parameters', async () => {
    const { page, errors, external } = reference;
    await expect.poll(() => visible(page, 'POST').isVisible()).toBe(true);
    for (const parameter of parameters) {
      await expect
        .poll(() => visible(page, parameter.name).isVisible(), { message: parameter.name })
        .toBe(true);
    }
    // The path parameter's named examples: summary and value.
    for (const example of Object.values(parameters.find((p) => p.in === 'path').examples) as Json[]) {
      await expect
        .poll(() => visible(page, example.summary).isVisible(), { message: example.summary })
        .toBe(true);
    }
    await page.screenshot({ path: path.join(screenshots, 'reference.png') });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('shows every response code, each expanded to its description', async () => {
    const { page, errors, external } = reference;
    expect(responses.map(([code]) => code)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '405',
      '406',
      '409',
      '429',
      '500',
      '503',
    ]);
    for (const [code, response] of responses) {
      const tab = page.getByRole('tab', { name: code, exact: true });
      await tab.click();
      const firstSentence = response.description
        .split(/(?<=\.)\s/)[0]
        .replace(/`/g, '')
        .slice(0, 40);
      await expect
        .poll(() => page.getByText(firstSentence).filter({ visible: true }).count(), {
          message: `${code}: ${firstSentence}`,
        })
        .toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('shows every response example of every status in the samples panel', async () => {
    const { page, errors, external } = reference;
    const panel = page.locator('.panel-response-samples');
    let seen = 0;
    for (const [code, response] of responses) {
      await panel.getByRole('button', { name: code, exact: true }).click();
      const named: Json[] = Object.values(
        response.content['application/json'].examples as Record<string, Json>,
      ).map((example) => deref(example));
      for (const example of named) {
        if (named.length > 1) {
          await panel.locator(EXAMPLE_PICKER).click();
          await page.getByRole('menuitem', { name: example.summary, exact: true }).click();
        }
        await expect
          .poll(() => panel.locator('pre').first().innerText(), { message: `${code} ${example.summary}` })
          .toContain(distinctive(example.value));
        seen++;
      }
    }
    expect(seen).toBe(
      responses.reduce((n, [, r]) => n + Object.keys(r.content['application/json'].examples).length, 0),
    );
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('lists every request body example, and the generated code sample in each language', async () => {
    const { page, errors, external } = reference;
    const panel = page.locator('.panel-request-samples');
    await panel.locator(EXAMPLE_PICKER).click();
    const items = await page.getByRole('menuitem').allInnerTexts();
    for (const example of Object.values(
      closeJob.requestBody.content['application/json'].examples,
    ) as Json[]) {
      expect(items).toContain(example.summary);
    }
    await page.keyboard.press('Escape');
    const primary = builtSamples().get(examples.find((e: Json) => e.primary)!.id)!;
    for (const sample of LANGUAGES.map((l) => ({ label: l.label, source: primary[l.id]! }))) {
      await panel
        .locator('[data-component-name="Panel/PanelHeader"] > [data-testid="dropdown"]')
        .last()
        .locator('> button')
        .click();
      await page.getByRole('menuitem', { name: sample.label, exact: true }).click();
      await expect
        .poll(() => panel.locator('pre').first().innerText(), { message: sample.label })
        .toBe(sample.source);
    }
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});

describe('the guides', () => {
  it('navigate to each other and to the reference through the header', async () => {
    const { page, errors, external } = await open(`${server.url}index.html`);
    for (const { file, nav } of PAGES.filter((p) => p.file !== 'index.html')) {
      await page
        .getByRole('navigation', { name: 'Documentation' })
        .getByRole('link', { name: nav, exact: true })
        .click();
      await page.waitForURL((url) => url.pathname.endsWith(`/${file}`));
      await expect.poll(() => page.locator('[aria-current="page"]').innerText(), { message: file }).toBe(nav);
      await expect.poll(() => page.locator('main h1, main h2').first().isVisible()).toBe(true);
    }
    // And back from the reference to a guide.
    await page.getByRole('link', { name: 'Getting started', exact: true }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/getting-started.html'));
    expect(await page.locator('h1').innerText()).toBe('Getting started with the client');
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('render the expansion matrix, the state diagram and the examples', async () => {
    const { page } = await open(`${server.url}semantics.html`);
    expect(await page.locator('table.matrix tbody tr').count()).toBeGreaterThan(10);
    await expect.poll(() => page.getByRole('img', { name: /job states/i }).isVisible()).toBe(true);
    const examplesPage = (await open(`${server.url}examples.html`)).page;
    for (const example of examples) {
      expect(await examplesPage.locator(`#${example.id}`).innerText()).toBe(example.title);
    }
  });
});

describe('the network guard', () => {
  it('records and blocks a request to another origin (so "none" above means none)', async () => {
    const watched = await open(`${server.url}index.html`);
    await watched.page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://cdn.example.com/pixel.png';
      document.body.append(img);
    });
    await expect.poll(() => watched.external).toEqual(['https://cdn.example.com/pixel.png']);
    // Counted as expected here, not as a failure of the other tests.
    watched.external.length = 0;
    watched.errors.length = 0;
  });
});

describe('every page', () => {
  it('has only internal links that resolve, down to the fragment (crawl)', async () => {
    const { page } = await open('about:blank');
    const queue = ['index.html'];
    const visited = new Set<string>();
    const broken: string[] = [];
    const ids = new Map<string, Set<string>>();
    const checkedFragments: [string, string, string][] = [];
    const redocRoutes = new Set<string>();
    const checkedRoutes = new Set<string>();
    // Redoc answers an unknown route with "No page at this address". On the reference, a route is a navigation within
    // the page; from anywhere else it is a fresh load of the reference (Chromium's most expensive page).
    const checkRoutes = async () => {
      for (const route of redocRoutes) {
        if (checkedRoutes.has(route)) continue;
        checkedRoutes.add(route);
        await page.goto(`${server.url}reference.html${route}`, { waitUntil: 'load' });
        await expect
          .poll(() => page.locator('main h1, main h2').filter({ visible: true }).count(), { message: route })
          .toBeGreaterThan(0);
        if ((await page.getByText('No page at this address').count()) > 0)
          broken.push(`reference.html${route} (no such page)`);
      }
    };
    // The reference comes last of the pages, so that the routes every other page links to are known while it is open.
    const next = () => {
      const other = queue.findIndex((file) => file !== 'reference.html');
      return queue.splice(Math.max(other, 0), 1)[0]!;
    };
    while (queue.length > 0) {
      const file = next();
      if (visited.has(file)) continue;
      visited.add(file);
      const response = await page.goto(server.url + file, { waitUntil: 'load' });
      if (response?.status() !== 200) {
        broken.push(`${file}: HTTP ${response?.status()}`);
        continue;
      }
      if (!file.endsWith('.html')) continue;
      if (file === 'reference.html') await openReference(page, server.url);
      ids.set(file, new Set(await page.locator('[id]').evaluateAll((els) => els.map((el) => el.id))));
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('href')!));
      for (const href of new Set(hrefs)) {
        // Redoc pre-renders its menu groups as path-only links (`/ml-anomaly`) and routes them itself, under
        // `#/ml-anomaly`; whether hydration has rewritten them yet depends on timing, so check them as routes.
        if (file === 'reference.html' && /^\/[\w-]+$/.test(href)) {
          redocRoutes.add(`#${href}`);
          continue;
        }
        const url = new URL(href, server.url + file);
        if (!url.href.startsWith(server.url)) continue; // another site: not ours to check
        const target = url.pathname.slice(1) || 'index.html';
        if (url.hash && !url.hash.startsWith('#/')) checkedFragments.push([file, target, url.hash.slice(1)]);
        if (url.hash.startsWith('#/')) {
          if (target !== 'reference.html')
            broken.push(`${file}: ${href} (a Redoc route outside the reference)`);
          redocRoutes.add(url.hash);
          continue; // a Redoc route: opened below
        }
        queue.push(target);
      }
      if (file === 'reference.html') await checkRoutes();
    }
    for (const [from, target, id] of checkedFragments) {
      if (!ids.get(target)?.has(decodeURIComponent(id))) broken.push(`${from}: ${target}#${id} (no such id)`);
    }
    // Routes that only a page crawled after the reference links to (none today).
    await checkRoutes();
    expect(redocRoutes.size).toBeGreaterThan(0);
    expect(broken).toEqual([]);
    const built = readdirSync(dist).filter((f) => f.endsWith('.html'));
    expect([...visited].filter((f) => f.endsWith('.html')).sort()).toEqual(built.sort());
    expect(visited.has('openapi.json')).toBe(true);
  });

  // One load per page for what every page must do; the reference's load is shared with its own tests above.
  it('checks every page of the site by that rule', () => {
    expect(PAGES.map((p) => p.file).sort()).toEqual(
      readdirSync(dist)
        .filter((f) => f.endsWith('.html'))
        .sort(),
    );
  });
  it.each(PAGES.filter((p) => p.file !== 'reference.html'))(`$file ${EVERY_PAGE_RULE}`, async ({ file }) => {
    const served = server.requested.length;
    const watched = await open('about:blank');
    await watched.page.goto(server.url + file, { waitUntil: 'networkidle' });
    await checkEveryPageRule(watched, file, served);
  });
});

describe('from file://', () => {
  it('renders a guide and the reference without a server', async () => {
    const { page, errors, external } = await open(pathToFileURL(path.join(dist, 'semantics.html')).href);
    expect(await page.locator('h1').innerText()).toBe('Close-job semantics');
    expect(await page.locator('link[rel=stylesheet]').evaluate((l: HTMLLinkElement) => !!l.sheet)).toBe(true);
    await page
      .getByRole('navigation', { name: 'Documentation' })
      .getByRole('link', { name: 'API reference' })
      .click();
    await openReference(page, `${pathToFileURL(dist).href}/`);
    await page.screenshot({ path: path.join(screenshots, 'reference-file-url.png') });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});

describe('all pages opened by this file', () => {
  it('made no request to another origin and logged no console error', () => {
    expect(opened.length).toBeGreaterThan(PAGES.length);
    expect(opened.flatMap((w) => w.external)).toEqual([]);
    expect(opened.flatMap((w) => w.errors)).toEqual([]);
  });
});
