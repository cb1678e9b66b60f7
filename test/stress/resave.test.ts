// `npm run stress`: a race the suite does not run, kept to reproduce it. The re-saved choice should never accuse;
// in one clean CI run of 3 December it did at round 7 of 20 (« Déposé avant votre accord »), while three local runs
// passed all 20 rounds. Not yet explained: see the closing note of session 11.
import { describe, expect, it } from 'vitest';
import { withBrowser } from '../e2e/lifecycle';
import { closedAfterEach } from '../e2e/open';

describe('the re-saved choice, again and again, in chromium', () => {
  const browser = withBrowser('chromium');
  const { openPortal, keep, badge } = closedAfterEach(browser);
  /** Every cookie of a host removed: the demo portals share opendatasoft.com's 180 cookies. */
  const forget = (host: string) =>
    browser.session.ext(async (api, name) => {
      for (const cookie of await api.cookies.getAll({ domain: name }))
        await api.cookies.remove({ url: `https://${name}${cookie.path}`, name: cookie.name, storeId: cookie.storeId });
    }, host);

  it('3. accepted, _ga 0.3 s later carrying the same second, the choice re-saved from another page (removed, then written again): « Autorisé » 20 times in a row', async () => {
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
  }, 120_000);
});
