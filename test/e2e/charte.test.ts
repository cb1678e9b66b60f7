import { beforeAll, describe, expect, it } from 'vitest';
import { pageTables } from '../../src/page/page-tables';
import { withBrowser } from './lifecycle';
import { BROWSERS, type WebPage } from './session';

const HOST = 'metropole-demo.opendatasoft.com';
const CHARTE_PATH = '/terms/cookies-policy/';

describe.each(BROWSERS)('the portal’s own charte, in %s', (kind) => {
  const browser = withBrowser(kind);
  let popup: WebPage;

  beforeAll(async () => {
    const portal = await browser.session.visit(`https://${HOST}/`);
    await portal.evaluate(() => void (document.cookie = '_ga=GA1.1.1.1; Max-Age=3600; Path=/; Secure'), null);
    popup = await browser.session.openExtensionPage(`popup.html?tab=${await browser.session.tabIdOf(portal.url())}`);
    await popup.waitFor('[data-cookie="_ga"]');
  });

  const group = (kind: string) => popup.evaluate((k) => [...document.querySelectorAll(`[data-comparison="${k}"] code`)].map((el) => el.textContent).sort(), kind);
  const charteRequests = () => browser.server.log.filter((entry) => entry.path === CHARTE_PATH);

  it('asks for nothing before the click, then reads the charte once, without cookies, into three groups', async () => {
    expect(charteRequests()).toEqual([]);
    expect(browser.server.log.filter((entry) => entry.host === HOST).map((entry) => entry.path)).toEqual(['/']);
    await popup.click('.compare');
    await popup.waitFor('[data-comparison="declared-set"]');
    expect(await group('declared-set')).toEqual(['_pk_id.1.d3m0', 'cookies_preferences', 'csrftoken', 'django_language', 'sessionid']);
    expect(await group('declared-unset')).toEqual(['_pk_ses.1.d3m0']);
    expect(await group('undeclared-set')).toEqual(['_ga']);
    expect(charteRequests()).toMatchObject([{ host: HOST, secure: true, cookie: '' }]);
  });

  it('exports Markdown and JSON that say what the popup says', async () => {
    await popup.evaluate(() => {
      const saved: string[] = [];
      (window as unknown as { saved: string[] }).saved = saved;
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        void (blob as Blob).text().then((text) => saved.push(text));
        return create(blob);
      };
      // Keep the files in the page: a headless browser has nowhere to save them.
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        if (!this.download) click.call(this);
      };
    }, null);
    await popup.click('.export-md');
    await popup.click('.export-json');
    await popup.evaluate(() => new Promise((done) => setTimeout(done, 200)), null);
    const [markdown, json] = await popup.evaluate(() => (window as unknown as { saved: string[] }).saved, null);
    const report = JSON.parse(json ?? '') as { cookies: Array<{ name: string; flagTexts: string[] }>; comparison: { setNotDeclared: string[] } };

    const shown = await popup.evaluate(
      () => Object.fromEntries([...document.querySelectorAll('.cookie')].map((row) => [row.getAttribute('data-cookie'), [...row.querySelectorAll('.flag')].map((f) => f.textContent)])),
      null,
    );
    expect(Object.fromEntries(report.cookies.map((c) => [c.name, c.flagTexts]))).toEqual(shown);
    expect(report.comparison.setNotDeclared).toEqual(['_ga']);
    for (const name of Object.keys(shown)) expect(markdown).toContain(`| ${name.replace(/[_.]/g, '\\$&')} |`);
  });

  it('reads a 5 MB page and 5 000 levels of nesting without hanging', async () => {
    const page = await browser.session.visit(`https://${HOST}/`);
    const counts = await page.evaluate((source) => {
      const tables = (0, eval)(`(${source})`) as (root: ParentNode) => string[][][];
      const rows = '<tr><td>Opendatasoft</td><td>sessionid</td></tr>'.repeat(120_000);
      const huge = new DOMParser().parseFromString(`<table><tr><th>Nom du cookie</th></tr>${rows}</table>`, 'text/html');
      const deep = new DOMParser().parseFromString(`${'<div>'.repeat(5000)}<table><tr><td>x</td></tr></table>`, 'text/html');
      const started = performance.now();
      // Parsers cap nesting their own way (Firefox drops the table, Chromium keeps it): only finishing matters.
      const result = [tables(huge)[0]?.length, Array.isArray(tables(deep))];
      return { result, ms: performance.now() - started };
    }, pageTables.toString());
    expect(counts.result).toEqual([500, true]);
    expect(counts.ms).toBeLessThan(5000);
  });
});
