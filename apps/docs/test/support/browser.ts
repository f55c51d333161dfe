// Headless Chromium (Debian's, never a downloaded one) that cannot reach the network: every request that is not
// to 127.0.0.1/localhost or a file:// URL is aborted and recorded, and console errors are collected per page.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MLCLOSE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The Chromium features that Playwright 1.65 disables in every launch. Chromium keeps only the last
 * `--disable-features` switch, so a launch that disables more must name these again. test/site.test.ts
 * reads Chromium's own command line (chrome://version) and fails if any feature that Playwright disables is left on.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Debian's Chromium 156 in headless mode preloads the address bar's popups (chrome://omnibox-popup.top-chrome/ and its
 * AI mode page) in a hidden renderer for every window, and that renderer kept more than one core busy for as long as
 * a page was open: 1.2 to 1.7 s of CPU per second, even on about:blank. A headless test never uses the address bar.
 */
export const OMNIBOX_POPUP_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

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
      `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUP_FEATURES].join(',')}`,
    ],
  });
}

/**
 * The features named by a browser's first and last `--disable-features` switches (Chromium obeys the last), read from
 * chrome://version. Playwright's own switch comes first.
 */
export async function disabledFeatures(browser: Browser): Promise<{ first: string[]; last: string[] }> {
  const page = await browser.newPage();
  try {
    await page.goto('chrome://version');
    const commandLine = await page.locator('#command_line').innerText();
    const lists = [...commandLine.matchAll(/--disable-features=(\S+)/g)].map((match) => match[1]!.split(','));
    return { first: lists[0] ?? [], last: lists.at(-1) ?? [] };
  } finally {
    await page.close();
  }
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
