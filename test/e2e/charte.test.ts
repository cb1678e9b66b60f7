import { describe, expect, it } from 'vitest';
import { pageTables } from '../../src/page/page-tables';
import { withBrowser } from './lifecycle';
import { closedAfterEach } from './open';
import { BROWSERS, type WebPage } from './session';

const HOST = 'metropole-demo.opendatasoft.com';
const CHARTE_PATH = '/terms/cookies-policy/';

describe.each(BROWSERS)('the portal’s own charte, and the CNIL rules it is held to, in %s', (kind) => {
  const browser = withBrowser(kind);
  const { openPortal } = closedAfterEach(browser);

  it(
    'accuses nobody before the click; after it, reads the charte once, and row, ' +
      'badge and both exports agree at once',
    async () => {
      const portal = await browser.session.visit(`https://${HOST}/`);
      await portal.evaluate(() => void (document.cookie = '_ga=GA1.1.1.1; Max-Age=3600; Path=/; Secure'), null);
      const tabId = await browser.session.tabIdOf(portal.url());
      const popup = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.waitFor('[data-cookie="_ga"]');
      const group = (k: string) =>
        popup.evaluate(
          (c) => [...document.querySelectorAll(`[data-comparison="${c}"] code`)].map((el) => el.textContent).sort(),
          k,
        );
      const badge = () => browser.session.ext((api, id) => api.action.getBadgeText({ tabId: id }), tabId);
      const charteRequests = () => browser.server.log.filter((entry) => entry.path === CHARTE_PATH);
      const count = await popup.evaluate(() => document.querySelectorAll('.cookie').length, null);

      // The badge says « ! » exactly when a row is red; a row is red for the choice, never for the standard charte.
      const redRows = () => popup.evaluate(() => document.querySelectorAll('.cookie .alert').length, null);
      const expectedBadge = async () => `${count}${(await redRows()) > 0 ? '!' : ''}`;

      // Before: Matomo's cookie is only « absent from the standard charte », neutral.
      expect(await popup.text('[data-flag].alert')).toBe('');
      expect(await popup.text('[data-cookie="_pk_id.1.d3m0"] [data-flag]')).toContain(
        "Absent de la charte type d'Opendatasoft",
      );
      await expect.poll(badge).toBe(await expectedBadge());
      expect(charteRequests()).toEqual([]);
      expect(browser.server.log.filter((entry) => entry.host === HOST).map((entry) => entry.path)).toEqual(['/']);

      await popup.click('.compare');
      await popup.waitFor('[data-comparison="declared-set"]');
      expect(await group('declared-set')).toEqual([
        '_pk_id',
        'cookies_preferences',
        'csrftoken',
        'django_language',
        'sessionid',
      ]);
      expect(await group('declared-unset')).toEqual(['_pk_ses']);
      expect(await group('undeclared-set')).toEqual(['_ga']);
      expect(charteRequests()).toMatchObject([{ host: HOST, secure: true, cookie: '' }]);

      // After, with no reload: the family row is declared, _ga is red, the badge says « ! ».
      expect(await popup.text('[data-cookie="_pk_id.1.d3m0"] [data-flag]')).toBe('');
      expect(await popup.text('[data-cookie="_ga"] [data-flag].alert')).toBe(
        'Non déclaré dans la charte de ce portail',
      );
      await expect.poll(badge).toBe(`${count}!`);

      const [markdown, json] = await exportsOf(popup);
      const report = JSON.parse(json ?? '') as {
        cookies: Array<{ name: string; flags: string[] }>;
        comparison: { setNotDeclared: string[] };
      };
      const shown = await popup.evaluate(
        () =>
          Object.fromEntries(
            [...document.querySelectorAll('.cookie')].map((row) => [
              row.getAttribute('data-cookie'),
              [...row.querySelectorAll('[data-flag]')].map((f) => f.getAttribute('data-flag')),
            ]),
          ),
        null,
      );
      // « Demande votre consentement » is a flag of the data; the row says it once, in its consent sentence.
      expect(
        Object.fromEntries(report.cookies.map((c) => [c.name, c.flags.filter((flag) => flag !== 'needsConsent')])),
      ).toEqual(shown);
      expect(report.comparison.setNotDeclared).toEqual(['_ga']);
      const flagTexts = await popup.evaluate(
        () => [...document.querySelectorAll('.cookie .flag')].map((f) => f.textContent ?? ''),
        null,
      );
      for (const text of flagTexts) expect(markdown).toContain(text);
      for (const name of Object.keys(shown)) expect(markdown).toContain(`| ${name.replace(/_/g, '\\_')} |`);
    },
  );

  it(
    'finds a charte published elsewhere through the portal’s own link, ' + 'and reads its split English tables',
    async () => {
      const host = 'dashboard-demo.opendatasoft.com';
      const portal = await browser.session.visit(`https://${host}/`);
      await portal.evaluate(() => void (document.cookie = '_ga_X1Y2=GS1.1.1; Max-Age=3600; Path=/; Secure'), null);
      const popup = await browser.session.openExtensionPage(
        `popup.html?tab=${await browser.session.tabIdOf(portal.url())}`,
      );
      await popup.waitFor('[data-cookie="_ga_X1Y2"]');
      await popup.click('.compare');
      await popup.waitForText('.charte-date', `https://${host}/terms/cookies-information/`);
      await popup.waitFor('[data-comparison="declared-set"]');
      const group = (k: string) =>
        popup.evaluate(
          (c) => [...document.querySelectorAll(`[data-comparison="${c}"] code`)].map((el) => el.textContent).sort(),
          k,
        );
      // `_ga` names the Google Analytics family, `_ga_<ID>` included: both lines declare the cookie.
      expect(await group('declared-set')).toEqual([
        '_ga',
        '_ga_*',
        'cookies_preferences',
        'csrftoken',
        'django_language',
        'sessionid',
      ]);
      expect(await group('declared-unset')).toEqual([]);
      expect(await group('undeclared-set')).toEqual([]);
      expect(
        browser.server.log
          .filter((entry) => entry.host === host && entry.path.startsWith('/terms/'))
          .map((entry) => entry.path),
      ).toEqual(['/terms/cookies-information/']);
    },
  );

  it('survives every hostile answer in bounded time, in French, keeping the good charte read before', async () => {
    const portal = await browser.session.visit(`https://${HOST}/`);
    const popup = await browser.session.openExtensionPage(
      `popup.html?tab=${await browser.session.tabIdOf(portal.url())}`,
    );
    await popup.waitFor('.compare');
    await popup.click('.compare');
    await popup.waitFor('[data-comparison="declared-set"]');
    const said: Array<[string, string]> = [
      ['deep', 'Ce que déclare'],
      ['empty', "Aucun tableau de cookies n'a été trouvé dans la charte. La lecture précédente est conservée."],
      ['maintenance', 'Aucun tableau de cookies'],
      ['png', 'ne renvoie pas une page web'],
      ['json', 'ne renvoie pas une page web'],
      ['redirect', "renvoie ailleurs : l'extension ne suit pas les redirections"],
    ];
    for (const [kind, text] of said) {
      await portal.evaluate(async (k) => void (await fetch(`/demo/charte-answer?kind=${k}`)), kind);
      const started = Date.now();
      await popup.evaluate(() => document.querySelector('.charte-error')?.remove(), null);
      await popup.click('.compare');
      if (kind === 'deep') await popup.waitForText('.charte-date', 'à l');
      else await popup.waitForText('.charte-error', text);
      expect(Date.now() - started, kind).toBeLessThan(5_000);
      expect(
        await popup.evaluate(() => document.querySelectorAll('[data-comparison="declared-set"] code').length, null),
        kind,
      ).toBe(5);
    }
    await portal.evaluate(async () => void (await fetch('/demo/charte-answer?kind=normal')), null);
    // The redirect pointed to a tracker the demo server also plays: it was never asked anything.
    expect(browser.server.log.filter((entry) => entry.host === 'tracker.example')).toEqual([]);
  });

  it('reads a 5 MB page and 5 000 levels of nesting without hanging', async () => {
    const page = await browser.session.visit(`https://${HOST}/`);
    const counts = await page.evaluate((source) => {
      const tables = new Function(`return (${source})`)() as (root: ParentNode) => {
        tables: string[][][];
        cutRows: number;
      };
      const rows = '<tr><td>Opendatasoft</td><td>sessionid</td></tr>'.repeat(120_000);
      const huge = new DOMParser().parseFromString(
        `<table><tr><th>Nom du cookie</th></tr>${rows}</table>`,
        'text/html',
      );
      const deep = new DOMParser().parseFromString(
        `${'<div>'.repeat(5000)}<table><tr><td>x</td></tr></table>`,
        'text/html',
      );
      const started = performance.now();
      // Parsers cap nesting their own way (Firefox drops the table, Chromium keeps it): only finishing matters.
      const read = tables(huge);
      const result = [read.tables[0]?.length, read.cutRows, Array.isArray(tables(deep).tables)];
      return { result, ms: performance.now() - started };
    }, pageTables.toString());
    expect(counts.result).toEqual([2000, 118_001, true]);
    expect(counts.ms).toBeLessThan(5000);
  });

  // « Conformité (CNIL) »: the rules the reports carry, judged from this visit (hosts no other test here visits).
  it(
    'fails « no tracker before your choice » on a portal that sets Google Analytics on arrival, ' + 'naming the cookie',
    async () => {
      const { popup } = await openPortal('arrivee-demo.opendatasoft.com');
      await popup.waitForText('[data-rule="consent-before-trackers"]', 'non respectée');
      expect(await popup.text('[data-rule="consent-before-trackers"]')).toContain('Cookies : _ga');
      expect(await popup.text('[data-rule="refuse-as-easy"]')).toContain(
        'impossible de juger : visite contrôlée nécessaire',
      );
    },
  );

  it('passes it on a portal that waits for the visitor’s acceptance', async () => {
    const { portal, popup } = await openPortal('consent-demo.opendatasoft.com');
    await portal.click('#accept-all');
    await popup.waitForText('[data-cookie="_ga"] .verdict', 'Autorisé par votre choix du');
    await popup.waitForText('[data-rule="consent-before-trackers"]', 'respectée');
    expect(
      await popup.evaluate(
        () => document.querySelector('[data-rule="consent-before-trackers"]')?.getAttribute('data-status'),
        null,
      ),
    ).toBe('pass');
  });
});

/**
 * Clicks both export buttons and returns the files' text, kept in the page: a headless browser has nowhere to save
 * them.
 */
async function exportsOf(popup: WebPage): Promise<string[]> {
  await popup.evaluate(() => {
    const saved: string[] = [];
    (window as unknown as { saved: string[] }).saved = saved;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      void (blob as Blob).text().then((text) => saved.push(text));
      return create(blob);
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (!this.download) click.call(this);
    };
  }, null);
  await popup.click('.export-md');
  await popup.click('.export-json');
  await popup.evaluate(
    () =>
      new Promise<void>((done) => {
        const check = () =>
          (window as unknown as { saved: string[] }).saved.length === 2 ? done() : setTimeout(check, 20);
        check();
      }),
    null,
  );
  // Markdown first, JSON second, whichever blob was read first.
  const saved = await popup.evaluate(() => (window as unknown as { saved: string[] }).saved, null);
  return [...saved.filter((text) => !text.startsWith('{')), ...saved.filter((text) => text.startsWith('{'))];
}
