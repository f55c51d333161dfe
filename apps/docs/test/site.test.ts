// The built site in a real browser: headless Chromium (Debian's) with the network cut off, served by a plain
// static server on 127.0.0.1, and once from file://.
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deref, getOperation, spec } from '@mlclose/schema/spec';
import { SPEC_VERSION } from '@mlclose/schema';
import { LANGUAGES } from '../scripts/lib/samples.mjs';
import { loadExamples } from '../scripts/lib/examples.mjs';
import { PAGES } from '../scripts/lib/site.mjs';
import {
  CHROMIUM,
  disabledFeatures,
  launchBrowser,
  OMNIBOX_POPUP_FEATURES,
  watchedPage,
  type WatchedPage,
} from './support/browser.js';
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

/**
 * Loads the reference at the close-job operation and waits until Redoc, which hydrates the pre-rendered page, shows it.
 * Answers the load's HTTP status, or undefined when Playwright has no response for the navigation.
 */
async function openReference(page: Page, base: string): Promise<number | undefined> {
  const response = await page.goto(base + CLOSE_JOB_ROUTE, { waitUntil: 'load' });
  // Playwright's own wait, not expect.poll, which a hook may not call.
  await page
    .getByRole('heading', { name: 'Close anomaly detection jobs' })
    .first()
    .waitFor({ state: 'visible', timeout: 20_000 });
  return response?.status();
}

/** The reference as loaded once for this file (see sharedReference). */
interface LoadedReference {
  watched: WatchedPage;
  /** The static server's request count before the load. */
  served: number;
  /** The load's HTTP status. */
  status: number | undefined;
}

let reference: Promise<LoadedReference> | undefined;

/**
 * The reference, loaded by the first test or hook that asks for it, for the tests of the reference and the crawl: a load
 * of the reference cost Chromium 3.1 to 4.5 s of CPU (measured alone, most of it Redoc's start and hydration), against
 * under 1 s for a guide. It stays open (afterEach leaves it) until the crawl is done with it.
 */
function sharedReference(): Promise<LoadedReference> {
  reference ??= (async () => {
    const served = server.requested.length;
    const watched = await watchedPage(context);
    return { watched, served, status: await openReference(watched.page, server.url) };
  })();
  return reference;
}

/** Closes the shared reference, if it was loaded; its errors and external requests stay in `opened`. */
async function closeSharedReference(): Promise<void> {
  const loaded = await reference?.catch(() => undefined);
  if (!loaded || loaded.watched.page.isClosed()) return;
  opened.push(loaded.watched);
  await loaded.watched.page.close();
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
  await closeSharedReference();
  await context?.close();
  await browser?.close();
  await server?.close();
});

/**
 * What every page must do, checked on a page that `file` was just loaded into: it was served by the static server
 * (`served` is the server's request count before the load), it shows the documented version, it loaded nothing from
 * another origin and logged no console error (after the first `seen` of the page's records, which came before the
 * load), and it has no serious or critical axe-core violation. Answers every problem found, so that a page that breaks
 * several of these reports each of them.
 */
async function everyPageProblems(
  { page, errors, external }: WatchedPage,
  file: string,
  served: number,
  seen: { errors: number; external: number } = { errors: 0, external: 0 },
): Promise<string[]> {
  const problems: string[] = [];
  const version = `v${SPEC_VERSION}`;
  if (server.requested.length <= served) problems.push('not served by the static server');
  const shown = await page.locator('.site-version').innerText();
  if (shown !== version) problems.push(`the header shows the version '${shown}', not ${version}`);
  if (!(await page.locator('.site-footer').innerText()).includes(version))
    problems.push(`the footer does not show ${version}`);
  // What the page did by itself, before axe-core is injected.
  for (const url of external.slice(seen.external)) problems.push(`a request to another origin: ${url}`);
  for (const error of errors.slice(seen.errors)) problems.push(`a console error: ${error}`);
  await page.addScriptTag({ path: AXE });
  const violations: Json[] = await page.evaluate(async () => {
    const result = await (window as Json).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: Json) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n: Json) => n.target.join(' ')),
    }));
  });
  for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
    problems.push(`a ${v.impact} axe-core violation: ${v.id} at ${v.nodes.join(' | ')}`);
  // The first screen only: capturing every page whole cost Chromium about 8 s of CPU, for pictures no test reads.
  // The reference is screenshotted by its own test.
  if (file !== 'reference.html')
    await page.screenshot({ path: path.join(screenshots, file.replace('.html', '.png')) });
  return problems;
}

/** The rule above, for `reference.html`, runs on the shared load of the reference; every other page, on the crawl's. */
const EVERY_PAGE_RULE =
  'shows the documented version, loads nothing from another origin, logs no console error, has no serious or critical axe-core violation, and is screenshotted';

describe('the API reference', () => {
  // The five tests below share the file's one load of the reference (sharedReference). Each test reads the page and
  // picks tabs, status buttons and examples in its own part of the page; none depends on what another picked. Each
  // checks the errors and external requests of the page so far.
  let reference: WatchedPage;
  let served: number;
  beforeAll(async () => {
    ({ watched: reference, served } = await sharedReference());
  });

  // First, while the page is as its load left it.
  it(`reference.html ${EVERY_PAGE_RULE}`, async () => {
    await reference.page.waitForLoadState('networkidle');
    expect(await everyPageProblems(reference, 'reference.html', served)).toEqual([]);
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

/** What one pass over the site found: see crawlSite. */
interface SiteCrawl {
  /** Links, routes and pages that do not resolve. */
  broken: string[];
  /** Every file the crawl loaded. */
  visited: Set<string>;
  /** The Redoc routes of the reference that it opened. */
  routes: number;
  /** Each page but the reference, checked by the rule that every page must follow: its problems. */
  rule: Map<string, string[]>;
}

/**
 * One pass over the site: follows every internal link from index.html, down to the fragment, and opens every Redoc
 * route that a page links to. The guides are loaded one after another in one page of the crawl's own, and each is
 * also checked there by the rule that every page must follow (everyPageProblems); the reference is read, and its
 * routes opened, on the file's shared load of it, where its own tests check it by that rule. Measured alone, a page
 * and a load of their own for each guide's rule cost Chromium about 6 s of CPU more (eight guides: a page 0.4 s, a
 * load 0.35 s), and a load of the reference of the crawl's own 3 to 4 s.
 */
async function crawlSite(): Promise<SiteCrawl> {
  const watched = await open('about:blank');
  const { page } = watched;
  const queue = ['index.html'];
  const visited = new Set<string>();
  const broken: string[] = [];
  const rule = new Map<string, string[]>();
  const ids = new Map<string, Set<string>>();
  const checkedFragments: [string, string, string][] = [];
  const redocRoutes = new Set<string>();
  const checkedRoutes = new Set<string>();
  // Redoc answers an unknown route with "No page at this address". Each route is opened on the shared reference: a
  // navigation within the page, not a fresh load of Chromium's most expensive page. A reference that did not load is
  // broken already (below), and its routes are not opened.
  const checkRoutes = async () => {
    const referencePage = (await sharedReference().catch(() => undefined))?.watched.page;
    if (!referencePage) return;
    for (const route of redocRoutes) {
      if (checkedRoutes.has(route)) continue;
      checkedRoutes.add(route);
      await referencePage.goto(`${server.url}reference.html${route}`, { waitUntil: 'load' });
      // Playwright's own wait, not expect.poll, which a hook may not call.
      const heading = referencePage.locator('main h1, main h2').filter({ visible: true }).first();
      const shown = await heading.waitFor({ state: 'visible', timeout: 15_000 }).then(
        () => true,
        () => false,
      );
      if (!shown) broken.push(`reference.html${route} (no heading within 15 s)`);
      else if ((await referencePage.getByText('No page at this address').count()) > 0)
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
    const served = server.requested.length;
    const seen = { errors: watched.errors.length, external: watched.external.length };
    // The reference is read on the file's shared load of it (its routes are opened there too, below); every other
    // file is loaded here, to network idle, as the rule asks: a page's late requests are among what it must not send
    // elsewhere.
    let shared: LoadedReference | undefined;
    if (file === 'reference.html') {
      try {
        shared = await sharedReference();
      } catch (error) {
        broken.push(
          `reference.html: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
        continue;
      }
    }
    const status = shared
      ? shared.status
      : (await page.goto(server.url + file, { waitUntil: 'networkidle' }))?.status();
    if (status !== 200) {
      broken.push(`${file}: HTTP ${status}`);
      continue;
    }
    if (!file.endsWith('.html')) continue;
    const on = shared?.watched.page ?? page;
    ids.set(file, new Set(await on.locator('[id]').evaluateAll((els) => els.map((el) => el.id))));
    const hrefs = await on.locator('a[href]').evaluateAll((els) => els.map((el) => el.getAttribute('href')!));
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
    // After the links are read: the rule injects axe-core into the page.
    if (file === 'reference.html') await checkRoutes();
    else rule.set(file, await everyPageProblems(watched, file, served, seen));
  }
  for (const [from, target, id] of checkedFragments) {
    if (!ids.get(target)?.has(decodeURIComponent(id))) broken.push(`${from}: ${target}#${id} (no such id)`);
  }
  // Routes that only a page crawled after the reference links to (none today).
  await checkRoutes();
  return { broken, visited, routes: redocRoutes.size, rule };
}

describe('every page', () => {
  let crawl: SiteCrawl;
  // Every test below reads this one pass; under the test command's load it takes several times as long as alone.
  beforeAll(async () => {
    crawl = await crawlSite();
    // Nothing after the crawl reads the reference: a page left open keeps Redoc's scripts running.
    await closeSharedReference();
  }, 300_000);

  it('has only internal links that resolve, down to the fragment (crawl)', () => {
    expect(crawl.broken).toEqual([]);
    expect(crawl.routes).toBeGreaterThan(0);
    const built = readdirSync(dist).filter((f) => f.endsWith('.html'));
    expect([...crawl.visited].filter((f) => f.endsWith('.html')).sort()).toEqual(built.sort());
    expect(crawl.visited.has('openapi.json')).toBe(true);
  });

  // The crawl's load of each page serves the rule; the reference's is the load its own tests above share.
  it('checks every page of the site by that rule', () => {
    const built = readdirSync(dist)
      .filter((f) => f.endsWith('.html'))
      .sort();
    // Every built page has a test of its own below (the reference's is among the reference's tests)...
    expect(PAGES.map((p) => p.file).sort()).toEqual(built);
    // ...and the crawl checked each one but the reference by the rule.
    expect([...crawl.rule.keys()].sort()).toEqual(built.filter((f) => f !== 'reference.html'));
  });
  it.each(PAGES.filter((p) => p.file !== 'reference.html'))(`$file ${EVERY_PAGE_RULE}`, ({ file }) => {
    expect(crawl.rule.has(file), 'the crawl reached this page').toBe(true);
    expect(crawl.rule.get(file)).toEqual([]);
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
    // The shared reference, the crawl's page, and the five that the tests of the guides, the network guard and
    // file:// open.
    expect(opened.length).toBeGreaterThanOrEqual(7);
    expect(opened.flatMap((w) => w.external)).toEqual([]);
    expect(opened.flatMap((w) => w.errors)).toEqual([]);
  });
});

// The browser these tests drive keeps every Chromium feature that Playwright turns off, and opens none of the address
// bar's hidden popup renderers, which kept more than a core busy while any page was open. Checked on this file's own
// browser: a file of their own launched one more, and cost about 4 s more CPU.
describe('the browser', () => {
  /** Playwright's own launch, with nothing of ours that touches features: what Playwright disables by default. */
  let plain: Browser;
  beforeAll(async () => {
    plain = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
  });
  afterAll(async () => {
    await plain?.close();
  });

  /** The URLs of the targets next to one open page that are not pages: Chromium's own hidden renderers. */
  async function hiddenTargets(of: Browser): Promise<string[]> {
    const page = await of.newPage();
    const session = await of.newBrowserCDPSession();
    try {
      await page.goto('about:blank');
      const { targetInfos } = await session.send('Target.getTargets');
      return targetInfos.filter((target) => target.type !== 'page').map((target) => target.url);
    } finally {
      await session.detach();
      await page.close();
    }
  }

  it('keeps every feature that Playwright disables, and disables the address bar popups', async () => {
    const byPlaywright = (await disabledFeatures(plain)).first;
    expect(byPlaywright.length).toBeGreaterThan(0);
    // Chromium obeys only the last --disable-features switch: ours.
    const { last } = await disabledFeatures(browser);
    expect(byPlaywright.filter((feature) => !last.includes(feature))).toEqual([]);
    expect(OMNIBOX_POPUP_FEATURES.filter((feature) => !last.includes(feature))).toEqual([]);
  });

  it('opens no hidden address bar popup next to a page, as a plain launch of this Chromium does', async () => {
    // The plain launch shows that the check below can see them. If a later Chromium stops preloading them, this
    // assertion fails and OMNIBOX_POPUP_FEATURES can go.
    expect(
      (await hiddenTargets(plain)).filter((url) => url.startsWith('chrome://omnibox-popup')),
    ).not.toEqual([]);
    expect(await hiddenTargets(browser)).toEqual([]);
  });
});
