// Headless Chromium (Debian's, never a downloaded one) that cannot reach the network: every request that is not
// to 127.0.0.1/localhost or a file:// URL is aborted and recorded, and console errors are collected per page.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MLCLOSE_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

export interface WatchedPage {
  page: Page;
  /** Requests that would have left the machine (aborted). */
  external: string[];
  /** Console messages of type error, and uncaught page errors. */
  errors: string[];
}

function isLocal(url: string): boolean {
  if (
    url.startsWith('file:') ||
    url.startsWith('data:') ||
    url.startsWith('blob:') ||
    url.startsWith('about:')
  ) {
    return true;
  }
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const external: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Requests that the route above aborts are already recorded in `external`. Chromium also reports
    // ERR_BLOCKED_BY_CLIENT(.Inspector) for a local request that interception cancels when the page navigates
    // on under load; that is the test's own doing, not an error of the page.
    if (message.text().includes('net::ERR_BLOCKED_BY_CLIENT')) return;
    errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return { page, external, errors };
}
