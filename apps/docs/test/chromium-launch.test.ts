// The browser of the site tests (./support/browser.ts) keeps every Chromium feature that Playwright turns off, and
// opens none of the address bar's hidden popup renderers, which kept more than a core busy while any page was open.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM, disabledFeatures, launchBrowser, OMNIBOX_POPUP_FEATURES } from './support/browser.js';

let ours: Browser;
/** Playwright's own launch, with nothing of ours that touches features: what Playwright disables by default. */
let plain: Browser;

beforeAll(async () => {
  [ours, plain] = await Promise.all([
    launchBrowser(),
    chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([ours?.close(), plain?.close()]);
});

/** The URLs of the targets next to one open page that are not pages: Chromium's own hidden renderers. */
async function hiddenTargets(browser: Browser): Promise<string[]> {
  const page = await browser.newPage();
  const session = await browser.newBrowserCDPSession();
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
  const { last } = await disabledFeatures(ours);
  expect(byPlaywright.filter((feature) => !last.includes(feature))).toEqual([]);
  expect(OMNIBOX_POPUP_FEATURES.filter((feature) => !last.includes(feature))).toEqual([]);
});

it('opens no hidden address bar popup next to a page, as a plain launch of this Chromium does', async () => {
  // The plain launch shows that the check below can see them. If a later Chromium stops preloading them, this
  // assertion fails and OMNIBOX_POPUP_FEATURES can go.
  expect((await hiddenTargets(plain)).filter((url) => url.startsWith('chrome://omnibox-popup'))).not.toEqual(
    [],
  );
  expect(await hiddenTargets(ours)).toEqual([]);
});
