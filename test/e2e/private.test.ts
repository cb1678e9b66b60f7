import { describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';

/**
 * A private window, in Firefox: every window is private here (permanent private browsing), with the
 * extension allowed in private windows as the user allows it. Chrome's « Autoriser en navigation
 * privée » is a manual step (README): no driver switch turns it on for an unpacked extension.
 */
describe('a private window, in firefox', () => {
  const browser = withBrowser('firefox', { 'browser.privatebrowsing.autostart': true });
  const jar = (storeId: string) =>
    browser.session.ext(
      async (api, store) =>
        (await api.cookies.getAll({ domain: 'data.issy.com', storeId: store, firstPartyDomain: null } as never))
          .map((c) => c.name)
          .sort(),
      storeId,
    );

  it('explains and clears the private store only', async () => {
    await browser.session.ext(
      (api) =>
        api.cookies.set({
          url: 'https://data.issy.com/',
          name: 'normal_window',
          value: '1',
          storeId: 'firefox-default',
          expirationDate: Math.round(Date.now() / 1000) + 3600,
        } as never),
      null,
    );
    const portal = await browser.session.visit('https://data.issy.com/');
    const tabId = await browser.session.tabIdOf(portal.url(), 'firefox-private');
    const popup = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitFor('[data-cookie="sessionid"]');
    const listed = await popup.evaluate(
      () => [...document.querySelectorAll('.cookie')].map((row) => row.getAttribute('data-cookie')).sort(),
      null,
    );
    expect(listed).toEqual(await jar('firefox-private'));
    expect(listed).not.toContain('normal_window');
    await popup.click('[data-cookie="sessionid"] button[aria-expanded]');
    await popup.waitForText('[data-cookie="sessionid"] .details', 'fenêtre de navigation privée');

    await popup.click('.clear-site');
    await popup.click('.confirm-clear');
    await popup.waitForText('.outcome', 'Supprimés (');
    expect(await jar('firefox-private')).toEqual([]);
    expect(await jar('firefox-default')).toEqual(['normal_window']);
  });
});
