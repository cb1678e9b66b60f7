import { describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';
import { closedAfterEach } from './open';
import { BROWSERS } from './session';

// « Every cookie the portal receives explained »: the city's trackers, sent by the browser to a
// custom-domain portal from its parent domain, explained from the Open Cookie Database; and the
// trackers held against the visitor's refusal, by the journal or by their own values.

const record = (choices: object) =>
  encodeURIComponent(
    JSON.stringify({ functional_cookies: true, ...choices, timestamp: Math.floor(Date.now() / 1000) }),
  );

describe.each(BROWSERS)('every cookie explained, from the Open Cookie Database too, in %s', (kind) => {
  const browser = withBrowser(kind);
  const { openPortal, keep } = closedAfterEach(browser);

  it(
    'explains the city’s trackers a custom-domain portal receives: platform, French category, ' +
      'English description marked, the controller’s page',
    async () => {
      const { portal, popup } = await openPortal('data.ville-cesson.fr');
      const now = Date.now();
      const cityCookies = [
        `_fbp=fb.1.${now}.1234567890`,
        '_hjSessionUser_3456789=eyJpZCI6IjEifQ',
        'atuserid=%7B%22val%22%3A%22abc%22%7D',
        '__cf_bm=abcdef',
        `_ga_ABCDEF1234=GS1.1.${Math.floor(now / 1000)}.1.0.0.0`,
      ].map((cookie) => `${cookie}; Domain=ville-cesson.fr; Path=/; Max-Age=3600; Secure`);
      await portal.evaluate(
        async (query) => void (await fetch(`/demo/set-cookies?${query}`)),
        new URLSearchParams(cityCookies.map((c) => ['c', c])).toString(),
      );
      for (const name of ['_fbp', '_hjSessionUser_3456789', 'atuserid', '__cf_bm', '_ga_ABCDEF1234'])
        await popup.waitFor(`[data-group="shared"] [data-cookie="${name}"]`);

      const fbp = await popup.text('[data-cookie="_fbp"]');
      expect(fbp).toContain('Déposé par Facebook');
      expect(fbp).toContain('Catégorie : Publicité et ciblage');
      expect(fbp).toContain('source : Open Cookie Database');
      expect(fbp).toContain('(description en anglais)');
      expect(
        await popup.evaluate(
          () => document.querySelector('[data-cookie="_fbp"] .purpose [lang="en"]')?.textContent?.length ?? 0,
          null,
        ),
      ).toBeGreaterThan(10);
      expect(
        await popup.evaluate(
          () => document.querySelector('[data-cookie="_fbp"] .reference a')?.getAttribute('href'),
          null,
        ),
      ).toMatch(/^https:\/\//);
      expect(await popup.text('[data-cookie="_hjSessionUser_3456789"]')).toContain('Catégorie : Fonctionnement');
      expect(await popup.text('[data-cookie="__cf_bm"]')).toContain('Déposé par Cloudflare');
      // Ours where we know the name: AT Internet and GA4's container cookie.
      expect(await popup.text('[data-cookie="atuserid"]')).not.toContain('Open Cookie Database');
      expect(await popup.text('[data-cookie="_ga_ABCDEF1234"]')).toContain('Déposé par Google Analytics');
      // Asking for consent: the city's _ga and _gid, then _fbp, atuserid and _ga_<container>; not Hotjar's nor
      // Cloudflare's (Functional).
      await popup.waitForText('.summary', '· 5 demandant votre accord');
    },
  );

  it(
    'after « Tout refuser », a _fbp the page writes is « déposé malgré votre refus »; a _ga created before, ' +
      'found with an empty journal, « encore présent »',
    async () => {
      const { portal, popup, tabId } = await openPortal('data.ville-soissons.fr');
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      await portal.evaluate(
        (value) => void (document.cookie = `cookies_preferences=${value}; Max-Age=600; Path=/; Secure`),
        record({ ga: false, matomo: false }),
      );
      await popup.waitForText('.consent-choices', 'Google Analytics : refusé le');
      await portal.evaluate(
        () => void (document.cookie = `_fbp=fb.1.${Date.now()}.42; Max-Age=600; Path=/; Secure`),
        null,
      );
      await popup.waitForText('[data-cookie="_fbp"] .verdict', 'Déposé malgré votre refus');

      // Then its session's journal is gone (a browser restart, an install after the visit): the
      // background stopped first, so that no write of what it heard lands after the clearing.
      await portal.evaluate(
        (created) => void (document.cookie = `_ga=GA1.1.77.${created}; Max-Age=600; Path=/; Secure`),
        hourAgo,
      );
      await popup.waitFor('[data-cookie="_ga"]');
      await popup.close();
      await browser.session.stopBackground();
      await browser.session.ext((api) => api.storage.session.clear(), null);
      const again = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
      keep(again);
      await again.waitForText('[data-cookie="_ga"] .verdict', 'Encore présent après votre refus');
      await again.waitForText('[data-cookie="_fbp"] .verdict', 'Déposé malgré votre refus');
    },
  );
});
