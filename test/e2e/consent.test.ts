import { describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';
import { closedAfterEach } from './open';
import { aTcString } from '../helpers/tc-string';
import { BROWSERS } from './session';

describe.each(BROWSERS)('the visitor’s choice, in %s', (kind) => {
  const browser = withBrowser(kind);
  const { openPortal, badge } = closedAfterEach(browser);

  it(
    'refuse, then the portal sets _ga all the same: « Déposé malgré votre refus », ' + 'and the badge says « ! »',
    async () => {
      const { portal, popup, tabId } = await openPortal('sans-refus-demo.opendatasoft.com');
      await portal.click('#refuse-all');
      await popup.waitForText('.consent-choices', 'Google Analytics : refusé le');
      // This portal's Google Analytics writes _ga 1.5 s after the refusal.
      await popup.waitForText('[data-cookie="_ga"] .verdict', 'Déposé malgré votre refus du');
      expect(
        await popup.evaluate(
          () => document.querySelector('[data-cookie="_ga"] .verdict')?.classList.contains('alert'),
          null,
        ),
      ).toBe(true);
      await expect.poll(() => badge(tabId)).toMatch(/!$/);
      await popup.waitForText('[data-cookie="_pk_ses.1.d3m0"] .verdict', 'malgré votre refus');
    },
  );

  it(
    'the city’s consent manager refused on issy.com (tarteaucitron, Orejime, TCF, Axeptio), ' +
      'its trackers written after: « Déposé malgré votre refus », saying where',
    async () => {
      const { popup, tabId } = await openPortal('data.issy.com');
      // The city's site, as tarteaucitron.js 1.34 writes its record (cookieDomain: the whole city), then its trackers.
      const city = await browser.session.visit('https://issy.com/');
      const onCity = (cookies: string[]) =>
        city.evaluate((all) => all.forEach((cookie) => void (document.cookie = cookie)), cookies);
      const CITY = 'Domain=issy.com; Path=/; Max-Age=600; Secure; SameSite=Lax';
      const GONE = CITY.replace('Max-Age=600', 'Max-Age=0');
      // Each step removes a record and writes another: on a busy machine the background takes a while to hear them all.
      const verdictOf = (name: string) =>
        popup.evaluate((n) => document.querySelector(`[data-cookie="${n}"] .verdict`)?.textContent ?? '', name);
      const gaVerdict = () => verdictOf('_ga');
      try {
        await onCity([`tarteaucitron=!gtag=false!facebookpixel=false; ${CITY}`]);
        await onCity([`_ga=GA1.1.11.${Math.floor(Date.now() / 1000)}; ${CITY}`, `_fbp=fb.1.${Date.now()}.42; ${CITY}`]);
        for (const name of ['_ga', '_fbp']) {
          await expect
            .poll(() => verdictOf(name), { timeout: 30_000 })
            .toMatch(/^Déposé malgré votre refus.*\(votre choix sur issy\.com, enregistré par tarteaucitron\)/);
        }
        await popup.waitForText('.consent-choices', 'Google Analytics : refusé le');
        await expect.poll(() => badge(tabId)).toMatch(/!$/);

        // Another city, Orejime instead: every purpose refused, then _ga written anew.
        await onCity([`tarteaucitron=; ${GONE}`, `_ga=; ${GONE}`]);
        await onCity([`eu-consent=${encodeURIComponent('{"mesure-audience":false,"contenus":false}')}; ${CITY}`]);
        await onCity([`_ga=GA1.1.12.${Math.floor(Date.now() / 1000)}; ${CITY}`]);
        await expect.poll(gaVerdict, { timeout: 30_000 }).toMatch(/^Déposé malgré votre refus.*enregistré par Orejime/);

        // An IAB TC string without consent for Google (vendor 755), then an Axeptio record refusing google_analytics.
        for (const [record, manager] of [
          [`euconsent-v2=${aTcString({ purposes: [1, 7, 8, 9, 10], vendors: [1] })}`, 'IAB TCF'],
          [
            `axeptio_cookies=${encodeURIComponent(
              JSON.stringify({
                $$token: 'tk',
                $$date: new Date().toISOString(),
                $$completed: true,
                google_analytics: false,
              }),
            )}`,
            'Axeptio',
          ],
        ]) {
          await onCity([`eu-consent=; ${GONE}`, `euconsent-v2=; ${GONE}`, `_ga=; ${GONE}`]);
          await onCity([`${record}; ${CITY}`]);
          await onCity([`_ga=GA1.1.13.${Math.floor(Date.now() / 1000)}; ${CITY}`]);
          // Until the background has heard the write, the value's own date may only say « présent alors que vous avez
          // refusé ».
          await expect
            .poll(gaVerdict, { timeout: 30_000 })
            .toMatch(new RegExp(`^Déposé malgré votre refus.*enregistré par ${manager}`));
        }
      } finally {
        // Sent to every page of the city: removed, so that no other test reads them.
        await onCity(
          ['tarteaucitron', 'eu-consent', 'euconsent-v2', 'axeptio_cookies', '_ga', '_fbp'].map(
            (name) => `${name}=; ${GONE}`,
          ),
        );
        await city.close();
      }
    },
  );

  it('accept: « Autorisé par votre choix du … »', async () => {
    const { portal, popup } = await openPortal('consent-demo.opendatasoft.com');
    expect(await popup.evaluate(() => document.querySelector('[data-cookie="_ga"]'), null)).toBeNull();
    await portal.click('#accept-all');
    await popup.waitForText('[data-cookie="_ga"] .verdict', 'Autorisé par votre choix du');
    await popup.waitForText('.consent-choices', 'Google Analytics : accepté le');
  });

  it(
    '_gid set on arrival with no choice recorded: « Déposé avant tout choix », ' + 'on the timeline after the arrival',
    async () => {
      const { popup } = await openPortal('arrivee-demo.opendatasoft.com');
      await popup.waitForText('[data-cookie="_gid"] .verdict', 'Déposé avant tout choix');
      expect(await popup.text('.consent-choices')).toContain('Aucun choix enregistré sur ce portail.');
      await popup.waitForText('.moments', '_gid déposé');
      // Set by the page's own script, within the second of the arrival: « au début ».
      await popup.waitForText('.moments', 'arrivée sur le portail');
    },
  );

  it('an unreadable record: every cookie still explained, the choice said unreadable', async () => {
    const { portal, popup } = await openPortal('data.ville-soissons.fr');
    await portal.evaluate(() => {
      document.cookie = 'cookies_preferences=%%%{not json; Path=/; Secure';
      document.cookie = '_ga=GA1.1.5.5; Max-Age=3600; Path=/; Secure';
    }, null);
    await popup.waitForText('.consent-choices', 'Votre choix enregistré est illisible');
    await popup.waitForText('[data-cookie="_ga"] .verdict', 'Choix illisible');
    expect(await popup.evaluate(() => document.querySelectorAll('.cookie .purpose').length, null)).toBe(5);
  });

  it('keeps the timeline when the background stops and starts again', async () => {
    const { portal, popup, tabId } = await openPortal('reprise-demo.opendatasoft.com');
    // This portal writes each cookie once, on arrival; first appearances are written to the journal at once.
    for (const moment of ['arrivée sur le portail', '_ga déposé', '_gid déposé'])
      await popup.waitForText('.moments', moment);
    const before = await popup.text('.moments');
    await popup.close();
    await browser.session.stopBackground();
    const again = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
    await again.waitFor('.moments');
    expect(await again.text('.moments')).toBe(before);
    // The restarted background goes on keeping the journal.
    await portal.evaluate(() => void (document.cookie = '_gat=1; Max-Age=60; Path=/; Secure'), null);
    await again.waitForText('.moments', '_gat déposé');
  });
});
