import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';
import { BROWSERS, type WebPage } from './session';

const SCREENSHOTS = 'docs/screenshots';

describe.each(BROWSERS)('the popup, in %s', (kind) => {
  const browser = withBrowser(kind);
  let portal: WebPage;
  let popup: WebPage;
  let tabId: number;

  beforeAll(async () => {
    portal = await browser.session.visit('https://data.issy.com/');
    tabId = await browser.session.tabIdOf(portal.url());
    popup = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitFor('.cookie');
  });

  const names = () => popup.evaluate(() => [...document.querySelectorAll('.cookie')].map((el) => el.getAttribute('data-cookie')), null);

  it('lists the portal’s four cookies with their French purpose and lifetimes', async () => {
    expect((await names()).sort()).toEqual(['cookies_preferences', 'csrftoken', 'django_language', 'sessionid']);
    const sessionRow = (await popup.text('[data-cookie="sessionid"]')).replace(/\s/g, ' ');
    expect(sessionRow).toContain('Vous garde connecté');
    expect(sessionRow).toContain('Durée déclarée : 2 semaines');
    expect(sessionRow).toContain('Expire dans 2 semaines');
    expect((await popup.text('[data-cookie="django_language"]')).replace(/\s/g, ' ')).toContain('Durée déclarée : 12 mois');
    expect(await popup.text('.flag')).toBe('');
  });

  it('shows a cookie the page sets later, live, as undeclared Google Analytics', async () => {
    await portal.evaluate(() => {
      document.cookie = '_ga=GA1.1.123.456; Max-Age=63072000; Path=/; Secure; SameSite=Lax';
    }, null);
    await popup.waitFor('[data-cookie="_ga"]');
    const ga = await popup.text('[data-cookie="_ga"]');
    expect(ga).toContain('Déposé par Google Analytics');
    expect(ga).toContain('Non déclaré dans la charte');
    expect(await popup.text('[data-group="audience"] h2')).toBe("Mesure d'audience");
  });

  it('renders cookie names and values made of HTML as text, and runs nothing', async () => {
    await portal.evaluate(() => {
      document.cookie = "<b>gras</b>=<img src=x onerror=document.title='pwned'>; Path=/; Secure";
    }, null);
    await popup.waitFor('[data-cookie="<b>gras</b>"]');
    expect(await popup.text('[data-cookie="<b>gras</b>"] .cookie-name')).toBe('<b>gras</b>');
    await popup.click('[data-cookie="<b>gras</b>"] button[aria-expanded]');
    await popup.click('[data-cookie="<b>gras</b>"] .details button');
    await popup.waitForText('[data-cookie="<b>gras</b>"] .value', '<img src=x');
    const page = await popup.evaluate(() => ({ title: document.title, images: document.querySelectorAll('img, b').length }), null);
    expect(page).toEqual({ title: 'Cookies de ce site', images: 0 });
  });

  it('badges the toolbar icon with the same count, marked for the undeclared cookies', async () => {
    const count = (await names()).length;
    await expect.poll(() => browser.session.ext((api, id) => api.action.getBadgeText({ tabId: id }), tabId)).toBe(`${count}!`);
  });

  it('fits 380 px without horizontal scroll and has no accessibility violation, light and dark', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.resize(380, 700);
    for (const dark of [false, true]) {
      await popup.emulateDark(dark);
      expect(await popup.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth, null)).toBe(true);
      expect(await popup.axeViolations()).toEqual([]);
      if (kind === 'chromium') await popup.screenshot(`${SCREENSHOTS}/popup-${dark ? 'dark' : 'light'}.png`);
    }
  });
});
