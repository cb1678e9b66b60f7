import { describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';
import { openPortal } from './open';
import { BROWSERS, type WebPage } from './session';

const rowText = async (popup: WebPage, name: string) =>
  (await popup.text(`[data-cookie="${name}"]`)).replace(/\s/g, ' ');
const names = (popup: WebPage) =>
  popup.evaluate(() => [...document.querySelectorAll('.cookie')].map((el) => el.getAttribute('data-cookie')), null);

describe.each(BROWSERS)('the popup, in %s', (kind) => {
  const browser = withBrowser(kind);

  it(
    'lists the portal’s four cookies with their French purpose and lifetimes, ' + 'said from the standard charte',
    async () => {
      const { popup } = await openPortal(browser.session, 'data.issy.com');
      expect((await names(popup)).sort()).toEqual(['cookies_preferences', 'csrftoken', 'django_language', 'sessionid']);
      const sessionRow = await rowText(popup, 'sessionid');
      expect(sessionRow).toContain('Vous garde connecté');
      expect(sessionRow).toContain("Durée déclarée par la charte type d'Opendatasoft : 2 semaines");
      expect(sessionRow).toContain('Expire dans 2 semaines');
      expect(await rowText(popup, 'django_language')).toContain(
        "Durée déclarée par la charte type d'Opendatasoft : 12 mois",
      );
      expect(await popup.text('.flag')).toBe('');
    },
  );

  it(
    'shows a cookie the page sets later, live, as Google Analytics absent from the standard charte, ' +
      'and set with no choice',
    async () => {
      const { portal, popup } = await openPortal(browser.session, 'data.ville-soissons.fr');
      await portal.evaluate(() => {
        document.cookie = '_ga=GA1.1.123.456; Max-Age=63072000; Path=/; Secure; SameSite=Lax';
      }, null);
      await popup.waitFor('[data-cookie="_ga"]');
      const ga = await rowText(popup, '_ga');
      expect(ga).toContain('Déposé par Google Analytics');
      expect(ga).toContain('Durée habituelle selon Google Analytics : 2 ans');
      expect(ga).toContain("Absent de la charte type d'Opendatasoft");
      expect(ga).not.toContain('Non déclaré');
      // Red for what the visitor did not choose, never for what only the standard charte leaves out.
      expect(await popup.text('[data-cookie="_ga"] .alert')).toBe('Déposé avant tout choix');
      expect(await popup.text('[data-flag].alert')).toBe('');
      expect(await popup.text('[data-group="audience"] h2')).toBe("Mesure d'audience (1)");
    },
  );

  it('renders cookie names and values made of HTML as text, and runs nothing', async () => {
    const { portal, popup } = await openPortal(browser.session, 'data.ville-soissons.fr');
    await portal.evaluate(() => {
      document.cookie = "<b>gras</b>=<img src=x onerror=document.title='pwned'>; Path=/; Secure";
    }, null);
    await popup.waitFor('[data-cookie="<b>gras</b>"]');
    expect(await popup.text('[data-cookie="<b>gras</b>"] .cookie-name')).toBe('<b>gras</b>');
    await popup.click('[data-cookie="<b>gras</b>"] button[aria-expanded]');
    await popup.click('[data-cookie="<b>gras</b>"] .details button');
    await popup.waitForText('[data-cookie="<b>gras</b>"] .value', '<img src=x');
    const page = await popup.evaluate(
      () => ({ title: document.title, images: document.querySelectorAll('img, b').length }),
      null,
    );
    expect(page).toEqual({ title: 'Cookies de ce site', images: 0 });
  });

  it(
    'badges the toolbar icon with the popup’s count, ' + 'with no « ! » while only the standard charte is known',
    async () => {
      const { portal, popup, tabId } = await openPortal(browser.session, 'valenciennesmetro.opendatasoft.com');
      await portal.evaluate(() => void (document.cookie = 'acme_pref=1; Max-Age=86400; Path=/; Secure'), null);
      await popup.waitFor('[data-cookie="acme_pref"]');
      const count = (await names(popup)).length;
      await expect
        .poll(() => browser.session.ext((api, id) => api.action.getBadgeText({ tabId: id }), tabId))
        .toBe(String(count));
    },
  );

  it(
    'shows the analytics cookies a custom-domain portal shares with its registrable domain, ' + 'apart and explained',
    async () => {
      const { popup } = await openPortal(browser.session, 'data.ville-cesson.fr');
      await popup.waitFor('[data-group="shared"] [data-cookie="_ga"]');
      expect(await popup.text('#group-shared')).toBe('Partagés avec ville-cesson.fr (2)');
      expect(await rowText(popup, '_ga')).toContain('Partagé avec ville-cesson.fr et ses autres sites');
      expect(
        await popup.evaluate(
          () =>
            [...document.querySelectorAll('[data-group="shared"] .cookie')]
              .map((el) => el.getAttribute('data-cookie'))
              .sort(),
          null,
        ),
      ).toEqual(['_ga', '_gid']);
      expect(await popup.evaluate(() => document.querySelector('.hidden-parents'), null)).toBeNull();
    },
  );

  it(
    'answers first with one summary line, folds its sections, and fits 380 px and a 360 × 640 phone, ' +
      'light and dark, with no accessibility violation',
    async () => {
      const { popup } = await openPortal(browser.session, 'arrivee-demo.opendatasoft.com');
      await popup.waitFor('[data-cookie="_ga"] .verdict');
      await popup.waitFor('.consent-choices');
      expect(await popup.text('.summary')).toMatch(
        /^\d+ cookies · 2 demandant votre accord · 2 absents de la charte type$/,
      );
      await popup.click('[data-group="audience"] summary');
      expect(
        await popup.evaluate(
          () => (document.querySelector('[data-group="audience"]') as HTMLDetailsElement).open,
          null,
        ),
      ).toBe(false);
      await popup.click('[data-group="audience"] summary');
      await popup.click('[data-cookie="_ga"] button[aria-expanded]');
      await popup.waitFor('[data-cookie="_ga"] .details');
      for (const [width, height] of [
        [380, 700],
        [360, 640],
      ] as const) {
        await popup.resize(width, height);
        for (const dark of [false, true]) {
          await popup.emulateDark(dark);
          expect(await popup.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth, null)).toBe(
            true,
          );
          expect(await popup.axeViolations()).toEqual([]);
        }
      }
    },
  );

  it('binds the « also clear the shared cookies » box to its words, on one line with them', async () => {
    const { popup } = await openPortal(browser.session, 'data.ville-cesson.fr');
    await popup.click('.clear-site');
    await popup.waitFor('.clear-confirm .check');
    const layout = await popup.evaluate(() => {
      const label = document.querySelector('.clear-confirm .check') as HTMLLabelElement;
      const box = label.querySelector('input')!.getBoundingClientRect();
      const words = label.querySelector('span')!.getBoundingClientRect();
      return {
        bound: label.control === label.querySelector('input'),
        sameLine: Math.abs(box.top - words.top) < 8 && words.left > box.left,
      };
    }, null);
    expect(layout).toEqual({ bound: true, sameLine: true });
  });
});
