import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withBrowser } from '../e2e/lifecycle';
import { openPortal } from '../e2e/open';
import type { WebPage } from '../e2e/session';

// `npm run screenshots` (never `npm test`): README's and the stores' pictures, in Chromium. Every
// value on screen is fixed: the demo portal's cookies and their dates come from the server, and
// the session's journal is cleared before each picture, as after a browser restart, so what the
// popup says rests on those fixed values alone. Two runs write the same files.

const HOST = 'vitrine-demo.opendatasoft.com';

describe('the screenshots', () => {
  const browser = withBrowser('chromium');
  /** The popup as after a restart: the journal's times (which vary run to run) are gone. */
  const freshPopup = async (): Promise<WebPage> => {
    const { popup, tabId } = await openPortal(browser.session, HOST);
    await browser.session.ext((api) => api.storage.session.clear(), null);
    await popup.close();
    const again = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
    await again.waitForText('[data-cookie="_ga"] .verdict', 'Déposé malgré votre refus du 2 novembre 2026');
    return again;
  };

  it('of the popup, at 380 px and on a 360 × 640 phone', async () => {
    mkdirSync('docs/screenshots', { recursive: true });
    const popup = await freshPopup();
    await popup.click('[data-cookie="_ga"] button[aria-expanded]');
    await popup.waitFor('[data-cookie="_ga"] .details');
    for (const [width, height, name] of [
      [380, 700, 'popup-380'],
      [360, 640, 'popup-360x640'],
    ] as const) {
      await popup.resize(width, height);
      expect(await popup.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth, null)).toBe(true);
      await popup.screenshot(`docs/screenshots/${name}.png`);
    }
  });

  it('for the stores, at 1280 × 800', async () => {
    mkdirSync('store/screenshots', { recursive: true });
    const tab = await freshPopup();
    await tab.resize(1280, 800);
    await tab.evaluate(() => document.body.classList.add('in-tab'), null);
    await tab.screenshot('store/screenshots/popup-1280x800.png', false);
    const options = await browser.session.openExtensionPage('options.html');
    await options.resize(1280, 800);
    await options.waitFor('.directory-entry');
    await options.screenshot('store/screenshots/options-1280x800.png', false);
    expect(await tab.evaluate(() => [window.innerWidth, window.innerHeight], null)).toEqual([1280, 800]);
  });
});
