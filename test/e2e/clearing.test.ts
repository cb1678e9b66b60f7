import { beforeEach, describe, expect, it } from 'vitest';
import { UNDO_KEY } from '../../src/core/cookies/undo';
import { withBrowser } from './lifecycle';
import { BROWSERS, type JarCookie, type WebPage } from './session';

const PORTAL = 'https://aix-en-provence.opendatasoft.com/';
/** Every kind of cookie existing cookie tools get wrong, set by the portal's own server. */
const EXTRA = [
  'deep=1; Path=/explore; Max-Age=3600; Secure; HttpOnly',
  'wide=1; Domain=aix-en-provence.opendatasoft.com; Path=/; Max-Age=3600; Secure',
  'shared=1; Domain=opendatasoft.com; Path=/; Max-Age=3600; Secure',
  'chips=1; Path=/; Max-Age=3600; Secure; SameSite=None; Partitioned',
  'plainhttp=1; Path=/; Max-Age=3600',
];
const ofPortal = (c: JarCookie) => c.domain.replace(/^\./, '').endsWith('aix-en-provence.opendatasoft.com');

describe.each(BROWSERS)('clearing and undoing, in %s', (kind) => {
  const browser = withBrowser(kind);

  describe('clearing a portal’s cookies', () => {
    let before: JarCookie[];
    let popup: WebPage;

    beforeEach(async () => {
      for (const url of [
        'https://valenciennesmetro.opendatasoft.com/',
        'https://www.example.org/',
        'https://api.aix-en-provence.opendatasoft.com/',
      ]) {
        await (await browser.session.visit(url)).close();
      }
      const portal = await browser.session.visit(PORTAL);
      const query = new URLSearchParams(EXTRA.map((c) => ['c', c])).toString();
      await portal.evaluate(
        async (q) => void (await fetch(`/demo/set-cookies?${q}`, { credentials: 'include' })),
        query,
      );
      before = await browser.session.allCookies();
      expect(
        before
          .filter(ofPortal)
          .map((c) => c.name)
          .sort(),
      ).toEqual([
        'api_pref',
        'chips',
        'cookies_preferences',
        'csrftoken',
        'deep',
        'django_language',
        'plainhttp',
        'sessionid',
        'wide',
      ]);
      // Firefox ESR keeps CHIPS opt-in off by default, so there the cookie lands unpartitioned.
      if (kind === 'chromium')
        expect(before.find((c) => c.name === 'chips')?.partitioned).toBe('https://opendatasoft.com');
      popup = await browser.session.openExtensionPage(`popup.html?tab=${await browser.session.tabIdOf(PORTAL)}`);
      await popup.waitFor('[data-cookie="deep"]');
    });

    it(
      'removes exactly the site’s cookies, leaves the shared and other sites’ ones byte-identical, ' + 'and undoes',
      async () => {
        await popup.click('.clear-site');
        await popup.waitForText('.consequences', 'Vous serez déconnecté du portail.');
        await popup.click('.confirm-clear');
        await popup.waitForText('.outcome', 'Supprimés (9) : ');

        const after = await browser.session.allCookies();
        expect(after.filter(ofPortal)).toEqual([]);
        expect(after).toEqual(before.filter((c) => !ofPortal(c)));
        expect(after.some((c) => c.name === 'shared')).toBe(true);

        await popup.click('.undo-history .undo');
        await popup.waitForText('.outcome', 'Rétablis (9) : ');
        expect(await browser.session.allCookies()).toEqual(before);
      },
    );

    it('clears the cookie shared with the parent domain only when ticked', async () => {
      await popup.click('.clear-site');
      await popup.waitFor('.clear-confirm input[type="checkbox"]');
      await popup.click('.clear-confirm input[type="checkbox"]');
      await popup.waitForText('#clear-title', '(10)');
      await popup.click('.confirm-clear');
      await popup.waitForText('.outcome', 'Supprimés (10) : ');
      const after = await browser.session.allCookies();
      expect(after.filter((c) => ofPortal(c) || c.name === 'shared')).toEqual([]);
      expect(after).toEqual(before.filter((c) => !ofPortal(c) && c.name !== 'shared'));
    });
  });

  describe('the undo history', () => {
    it('keeps each removal by name after the popup is closed, and undoes the older one alone', async () => {
      const portal = await browser.session.visit('https://data.ville-cesson.fr/');
      const path = `popup.html?tab=${await browser.session.tabIdOf(portal.url())}`;
      const jarNames = async () =>
        (await browser.session.allCookies())
          .filter((c) => c.domain.endsWith('data.ville-cesson.fr'))
          .map((c) => c.name)
          .sort();
      let popup = await browser.session.openExtensionPage(path);
      // What is drawn above the rows comes a moment after them and moves them down: a click waits for it (the footer
      // is drawn in the same turn), and for the undo entry each removal adds above them.
      await popup.waitFor('footer');
      await popup.click('[data-cookie="csrftoken"] .delete');
      // Seen in 3 of 10 full runs, never alone: the outcome stays empty. What the popup, the jar and the undo history
      // then hold tells a lost answer from a removal never made.
      await popup.waitForText('.outcome', 'Supprimés (1) : csrftoken.').catch(async (error: Error) => {
        const rows = await popup.evaluate(
          () => [...document.querySelectorAll('.cookie')].map((row) => row.getAttribute('data-cookie')),
          null,
        );
        const history = await browser.session.ext(async (api, key) => api.storage.session.get(key), UNDO_KEY);
        throw new Error(
          `${error.message}\nlignes : ${JSON.stringify(rows)}\nbocal : ${JSON.stringify(await jarNames())}\n` +
            `historique : ${JSON.stringify(history).slice(0, 2000)}`,
        );
      });
      await popup.waitForText('.undo-history', 'csrftoken');
      await popup.click('[data-cookie="django_language"] .delete');
      await popup.waitForText('.outcome', 'Supprimés (1) : django_language.');
      await popup.close();

      popup = await browser.session.openExtensionPage(path);
      await popup.waitFor('.undo-history');
      expect(
        await popup.evaluate(
          () => [...document.querySelectorAll('.undo-history .undo')].map((b) => b.getAttribute('aria-label')),
          null,
        ),
      ).toEqual(['Annuler la suppression de django_language', 'Annuler la suppression de csrftoken']);
      await popup.click('.undo-history li:last-child .undo');
      await popup.waitForText('.outcome', 'Rétablis (1) : csrftoken.');
      expect(await jarNames()).toEqual(['cookies_preferences', 'csrftoken', 'sessionid']);
    });
  });

  // Containers are Firefox's alone.
  if (kind === 'firefox')
    describe('clearing stays in the tab’s own container', () => {
      const PORTAL_PAGE = 'https://data.issy.com/';
      const jar = (storeId: string) =>
        browser.session.ext(
          async (api, store) =>
            (
              await api.cookies.getAll({
                domain: 'data.issy.com',
                storeId: store,
                firstPartyDomain: null,
                partitionKey: {},
              } as never)
            )
              .map((c) => `${c.name}=${c.value} @${c.storeId}`)
              .sort(),
          storeId,
        );

      it('clears the default container’s portal cookies and leaves another container’s untouched', async () => {
        await browser.session.visit(PORTAL_PAGE);
        await browser.session.visitInContainer(PORTAL_PAGE);
        const container = await browser.session.ext(
          async (api) =>
            (await api.cookies.getAllCookieStores()).find((store) => store.id.startsWith('firefox-container-'))?.id ??
            '',
          null,
        );
        const containerBefore = await jar(container);
        expect(containerBefore).toHaveLength(4);

        const popup = await browser.session.openExtensionPage(
          `popup.html?tab=${await browser.session.tabIdOf(PORTAL_PAGE, 'firefox-default')}`,
        );
        await popup.click('.clear-site');
        await popup.click('.confirm-clear');
        await popup.waitForText('.outcome', 'Supprimés (4) : ');
        expect(await jar('firefox-default')).toEqual([]);
        expect(await jar(container)).toEqual(containerBefore);
      });
    });
});

describe('clearing with first-party isolation on, in firefox', () => {
  const browser = withBrowser('firefox', { 'privacy.firstparty.isolate': true });
  const PORTAL_PAGE = 'https://data.issy.com/';
  const jar = () =>
    browser.session.ext(
      async (api) =>
        (await api.cookies.getAll({ domain: 'data.issy.com', firstPartyDomain: null } as never))
          .map((c) => `${c.name}=${c.value} @${(c as { firstPartyDomain?: string }).firstPartyDomain}`)
          .sort(),
      null,
    );

  it('explains, clears and restores cookies that carry their first-party domain', async () => {
    await browser.session.visit(PORTAL_PAGE);
    const before = await jar();
    expect(before).toEqual([
      'cookies_preferences=%7B%22functional_cookies%22%3Atrue%2C%22timestamp%22%3A1760263200%7D @issy.com',
      'csrftoken=demo-csrf @issy.com',
      'django_language=fr @issy.com',
      'sessionid=demo-session @issy.com',
    ]);
    const popup = await browser.session.openExtensionPage(
      `popup.html?tab=${await browser.session.tabIdOf(PORTAL_PAGE)}`,
    );
    await popup.waitFor('[data-cookie="sessionid"]');
    await popup.click('.clear-site');
    await popup.click('.confirm-clear');
    await popup.waitForText('.outcome', 'Supprimés (4) : ');
    expect(await jar()).toEqual([]);
    await popup.click('.undo-history .undo');
    await popup.waitForText('.outcome', 'Rétablis (4) : ');
    expect(await jar()).toEqual(before);
  });
});
