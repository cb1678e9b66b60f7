import { describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';
import { closedAfterEach, openPortal as openPortalIn } from './open';
import { BROWSERS, type WebPage } from './session';

// « Verdicts a DPO can put in a register », tried in the real browsers: what the popup and the badge
// say after each sequence, and what the browser's own jar holds.

const record = (choices: object) =>
  encodeURIComponent(
    JSON.stringify({ functional_cookies: true, ...choices, timestamp: Math.floor(Date.now() / 1000) }),
  );

describe.each(BROWSERS)('verdicts that stay true, and clearing that never loses, in %s', (kind) => {
  const browser = withBrowser(kind);
  const { openPortal, keep, badge } = closedAfterEach(browser);
  /** What the page writes, then a marker cookie: once the popup shows the marker, it has seen everything before it. */
  const writeThenMark = async (page: WebPage, popup: WebPage, cookies: string[], marker: string) => {
    await page.evaluate(
      (all) => all.forEach((cookie) => void (document.cookie = cookie)),
      [...cookies, `${marker}=1; Max-Age=600; Path=/; Secure`],
    );
    await popup.waitFor(`[data-cookie="${marker}"]`);
  };

  it(
    '1. accepted, then the record re-saved, Matomo’s record written, the site cleared and accepted again: ' +
      '« Autorisé » throughout, no « ! »',
    async () => {
      const { portal, popup, tabId } = await openPortal('consent-demo.opendatasoft.com');
      await portal.click('#accept-all');
      await popup.waitForText('[data-cookie="_ga"] .verdict', 'Autorisé par votre choix du');

      const resave = `cookies_preferences=${record({ ga: true, matomo: true })}; Max-Age=15552000; Path=/; Secure`;
      await writeThenMark(
        portal,
        popup,
        [
          resave,
          `mtm_consent=${Date.now()}; Max-Age=600; Path=/; Secure`,
          '_ga=GA1.1.2.2; Max-Age=600; Path=/; Secure',
        ],
        'marker_a',
      );
      expect(await popup.text('[data-cookie="_ga"] .verdict')).toContain('Autorisé par votre choix du');
      expect(await badge(tabId)).not.toMatch(/!$/);

      await popup.click('.clear-site');
      await popup.click('.confirm-clear');
      await popup.waitForText('.outcome', 'Supprimés (');
      expect((await browser.session.sentTo(['https://consent-demo.opendatasoft.com/'])).map((c) => c.name)).toEqual([]);
      // The visitor comes back: the banner asks again, and the acceptance is followed by _ga at once.
      await portal.close();
      const back = await openPortal('consent-demo.opendatasoft.com');
      await back.portal.click('#accept-all');
      await back.popup.waitForText('[data-cookie="_ga"] .verdict', 'Autorisé par votre choix du');
      await back.popup.waitForText('.consent-choices', 'Google Analytics : accepté le');
      expect(await back.popup.evaluate(() => document.querySelectorAll('.verdict.alert').length, null)).toBe(0);
      await expect.poll(() => badge(back.tabId)).toMatch(/^\d+$/);
    },
  );

  it(
    '1. refused, _ga written after, the refusal re-saved: still « Déposé malgré votre refus », ' + 'badge « ! »',
    async () => {
      const { portal, popup, tabId } = await openPortal('sans-refus-demo.opendatasoft.com');
      await portal.click('#refuse-all');
      await popup.waitForText('[data-cookie="_ga"] .verdict', 'Déposé malgré votre refus du');
      await writeThenMark(
        portal,
        popup,
        [`cookies_preferences=${record({ ga: false, matomo: false })}; Max-Age=15552000; Path=/; Secure`],
        'marker_b',
      );
      expect(await popup.text('[data-cookie="_ga"] .verdict')).toContain('Déposé malgré votre refus du');
      await expect.poll(() => badge(tabId)).toMatch(/!$/);
    },
  );

  /**
   * Every cookie of a host removed: the demo portals share opendatasoft.com's 180 cookies, which the tests after these
   * need.
   */
  const forget = (host: string) =>
    browser.session.ext(async (api, name) => {
      for (const cookie of await api.cookies.getAll({ domain: name }))
        await api.cookies.remove({ url: `https://${name}${cookie.path}`, name: cookie.name, storeId: cookie.storeId });
    }, host);

  /** A rule's status as the popup shows it (its section may be closed). */
  const ruleStatus = (popup: WebPage, id: string) =>
    popup.evaluate((rule) => document.querySelector(`[data-rule="${rule}"]`)?.getAttribute('data-status') ?? null, id);

  it(
    '3. a tracker written before the choice, purged by « Tout refuser » and written again on the next page: ' +
      'the rule stays ✘ with its evidence, the refusal ✘, the badge says why',
    async () => {
      const HOST = 'purge-demo.opendatasoft.com';
      const { portal, popup } = await openPortal(HOST);
      await expect.poll(() => ruleStatus(popup, 'consent-before-trackers')).toBe('fail');
      await portal.click('#refuse-all');
      // The banner purges the trackers it knows, as tarteaucitron does; the page's Google Analytics writes them again
      // on
      // the next page.
      await portal.evaluate(
        () => ['_ga', '_gid'].forEach((name) => void (document.cookie = `${name}=; Max-Age=0; Path=/; Secure`)),
        null,
      );
      const next = await browser.session.visit(`https://${HOST}/explore/`);
      keep(next);
      const tabId = await browser.session.tabIdOf(next.url());
      const again = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
      keep(again);
      await again.waitForText('[data-cookie="_ga"] .verdict', 'Déposé malgré votre refus');
      // The rules are drawn after the rows, in a render of their own.
      await expect.poll(() => ruleStatus(again, 'consent-before-trackers')).toBe('fail');
      expect(
        await again.evaluate(
          () => document.querySelector('[data-rule="consent-before-trackers"] .evidence')?.textContent ?? '',
          null,
        ),
      ).toContain('_ga');
      expect(await ruleStatus(again, 'refusal-honoured')).toBe('fail');
      expect(await again.text('.timeline .legend')).toContain('de haut en bas');
      await expect
        .poll(() => browser.session.ext((api, id) => api.action.getTitle({ tabId: id }), tabId))
        .toMatch(/En alerte : \d déposé\(s\) malgré votre refus/);
      await forget(HOST);
    },
  );

  it.runIf(kind === 'chromium')(
    '3. accepted, _ga 0.3 s later carrying the same second, the choice re-saved from another page (removed, ' +
      'then written again): « Autorisé » 20 times in a row',
    async () => {
      const HOST = 'resave-demo.opendatasoft.com';
      const { portal, popup, tabId } = await openPortal(HOST);
      const other = await browser.session.visit(`https://${HOST}/explore/`);
      keep(other);
      for (let round = 0; round < 20; round++) {
        await portal.evaluate(
          (previous) =>
            ['cookies_preferences', '_ga', '_gid', `mark${previous}`].forEach(
              (name) => void (document.cookie = `${name}=; Max-Age=0; Path=/; Secure`),
            ),
          round - 1,
        );
        // The visitor accepts; Google Analytics writes _ga at once, then again 0.3 s later, its value dated the same
        // second.
        await portal.evaluate(
          () =>
            new Promise<void>((done) => {
              document.getElementById('accept-all')!.click();
              const second = Math.floor(Date.now() / 1000);
              setTimeout(() => {
                document.cookie = `_ga=GA1.1.77.${second}; Max-Age=600; Path=/; Secure`;
                done();
              }, 300);
            }),
          null,
        );
        // Another page of the portal saves the same choice again, as a removal then a write, Google Analytics writing
        // in between.
        await other.evaluate((mark) => {
          const choice = encodeURIComponent(
            JSON.stringify({
              functional_cookies: true,
              ga: true,
              matomo: true,
              timestamp: Math.floor(Date.now() / 1000),
            }),
          );
          document.cookie = 'cookies_preferences=; Max-Age=0; Path=/; Secure';
          document.cookie = `_ga=GA1.1.78.${Math.floor(Date.now() / 1000)}; Max-Age=600; Path=/; Secure`;
          document.cookie = `cookies_preferences=${choice}; Max-Age=15552000; Path=/; Secure`;
          document.cookie = `${mark}=1; Max-Age=600; Path=/; Secure`;
        }, `mark${round}`);
        await popup.waitFor(`[data-cookie="mark${round}"]`);
        expect(await popup.text('[data-cookie="_ga"] .verdict'), `round ${round}`).toContain(
          'Autorisé par votre choix du',
        );
        expect(await badge(tabId), `round ${round}`).not.toMatch(/!$/);
      }
      await forget(HOST);
    },
    120_000,
  );

  it(
    '2. a refusal on « / » and an acceptance on « /explore »: ' +
      'the page at « / » is judged by the refusal it receives',
    async () => {
      const { portal, popup, tabId } = await openPortal('valenciennesmetro.opendatasoft.com');
      await writeThenMark(
        portal,
        popup,
        [
          `cookies_preferences=${record({ ga: false })}; Max-Age=600; Path=/; Secure`,
          `cookies_preferences=${record({ ga: true })}; Max-Age=600; Path=/explore; Secure`,
          '_ga=GA1.1.7.7; Max-Age=600; Path=/; Secure',
        ],
        'marker_c',
      );
      // What the browser itself sends to « / »: the refusal alone.
      const sent = await browser.session.sentTo(['https://valenciennesmetro.opendatasoft.com/']);
      expect(
        sent.filter((c) => c.name === 'cookies_preferences').map((c) => JSON.parse(decodeURIComponent(c.value)).ga),
      ).toEqual([false]);
      await popup.waitForText('.consent-choices', 'Google Analytics : refusé le');
      await popup.waitForText('[data-cookie="_ga"] .verdict', 'Déposé malgré votre refus');
      await expect.poll(() => badge(tabId)).toMatch(/!$/);
    },
  );

  it('2. a record on the parent domain, which the browser sends, is read', async () => {
    // A portal whose banner has written no record of its own: the parent's is the one the page receives.
    const { portal, popup } = await openPortal('arrivee-demo.opendatasoft.com');
    const parent = `cookies_preferences=${record({ ga: false })}; Max-Age=600; Domain=opendatasoft.com; Path=/; Secure`;
    await writeThenMark(portal, popup, [parent, '_ga=GA1.1.8.8; Max-Age=600; Path=/; Secure'], 'marker_d');
    await popup.waitForText('.consent-choices', 'Google Analytics : refusé le');
    await popup.waitForText('[data-cookie="_ga"] .verdict', 'Déposé malgré votre refus');
    // Shared by every portal of the domain: removed, so that no other test reads it.
    await portal.evaluate(
      () => void (document.cookie = 'cookies_preferences=; Max-Age=0; Domain=opendatasoft.com; Path=/; Secure'),
      null,
    );
  });

  it(
    '4. refused, _ga set, the background stopped at once: ' +
      'the restarted background still says « Déposé malgré votre refus »',
    async () => {
      const { portal, popup, tabId } = await openPortal('data.ville-soissons.fr');
      await portal.evaluate(
        (value) => void (document.cookie = `cookies_preferences=${value}; Max-Age=600; Path=/; Secure`),
        record({ ga: false }),
      );
      await popup.waitForText('.consent-choices', 'Google Analytics : refusé le');
      const refusedBy = Date.now();
      await popup.close();
      // _ga as Google Analytics writes it, its creation second in its value. Should the browser stop
      // the background before it even hears of the cookie, that second still dates it: the test lets
      // the clock pass into the second after the refusal, the resolution of that evidence.
      await expect
        .poll(() => Date.now(), { interval: 20 })
        .toBeGreaterThanOrEqual((Math.floor(refusedBy / 1000) + 1) * 1000);
      await portal.evaluate(
        () => void (document.cookie = `_ga=GA1.1.9.${Math.floor(Date.now() / 1000)}; Max-Age=600; Path=/; Secure`),
        null,
      );
      await browser.session.stopBackground();
      expect((await browser.session.sentTo(['https://data.ville-soissons.fr/'])).some((c) => c.name === '_ga')).toBe(
        true,
      );
      const again = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
      keep(again);
      await again.waitForText('[data-cookie="_ga"] .verdict', 'Déposé malgré votre refus');
      await expect.poll(() => badge(tabId)).toMatch(/!$/);
    },
  );

  it(
    '5. a hostile portal’s 170 cookies of 4 kB, cleared again and again: each clearing undoable; storage full: ' +
      'nothing removed, said',
    async () => {
      const HOST = 'aix-en-provence.opendatasoft.com';
      const ours = (name: string) => /^h\d+$/.test(name);
      const { portal, popup } = await openPortalIn(browser.session, HOST);
      const hostile = (round: number) =>
        portal.evaluate((r) => {
          const path = `/${'p'.repeat(900)}`;
          for (let i = 0; i < 170; i++)
            document.cookie = `h${i}=${String(r).padEnd(3800, 'x')}; Max-Age=600; Path=${path}/${i}; Secure`;
        }, round);
      // The popup clears what it shows: every one of the 170 first, however long the busy background takes to tell it.
      const shown = () =>
        popup.evaluate(
          () =>
            [...document.querySelectorAll('[data-cookie]')].filter((row) =>
              /^h\d+$/.test(row.getAttribute('data-cookie') ?? ''),
            ).length,
          null,
        );
      for (let round = 0; round < 2; round++) {
        await hostile(round);
        await popup.waitFor('[data-cookie="h169"]');
        await expect.poll(shown, { timeout: 20_000 }).toBe(170);
        await popup.click('.clear-site');
        await popup.click('.confirm-clear');
        await popup.waitFor(`.undo-entry:nth-child(${round + 1})`);
        expect((await browser.session.allCookies()).filter((c) => ours(c.name))).toEqual([]);
      }

      // Fill what is left of the extension's session storage, in ever smaller pieces until it refuses even 1 kB.
      const filled = await browser.session.ext(async (api) => {
        let pieces = 0;
        for (const size of [1024 * 1024, 64 * 1024, 1024]) {
          for (;;) {
            try {
              await api.storage.session.set({ [`filler${pieces}`]: 'x'.repeat(size) });
              pieces++;
            } catch {
              break;
            }
          }
        }
        return pieces;
      }, null);
      expect(filled).toBeGreaterThan(0);
      await hostile(9);
      // Whether or not the journal takes them (it may, in the room its older entries leave), the open popup shows them.
      await popup.waitFor('[data-cookie="h169"]');
      const before = (await browser.session.allCookies()).filter((c) => c.domain.endsWith(HOST));
      await popup.click('.clear-site');
      await popup.click('.confirm-clear');
      await popup.waitForText(
        '.outcome',
        "le stockage de l'extension est plein, son annulation n'a pas pu être enregistrée : il a été laissé en place",
      );
      expect((await browser.session.allCookies()).filter((c) => c.domain.endsWith(HOST))).toEqual(before);
      expect(await popup.evaluate(() => document.querySelectorAll('.undo-entry').length, null)).toBe(2);
      await browser.session.ext(
        (api, pieces) => api.storage.session.remove(Array.from({ length: pieces }, (_, i) => `filler${i}`)),
        filled,
      );
      await portal.evaluate(() => {
        const path = `/${'p'.repeat(900)}`;
        for (let i = 0; i < 170; i++) document.cookie = `h${i}=; Max-Age=0; Path=${path}/${i}; Secure`;
      }, null);
      await popup.close();
      await portal.close();
    },
  );
});
