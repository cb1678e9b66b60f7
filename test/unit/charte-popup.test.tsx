// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chartePage } from '../../scripts/demo/pages.mjs';
import { charteKey } from '../../src/core/charte/stored-charte';
import { DAY } from '../../src/core/util/duration';
import { App } from '../../src/popup/App';
import type { FetchedPage } from '../../src/platform/adapter';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { popupDrawn, renderWithServices } from '../helpers/render';

const NOW = Date.UTC(2026, 10, 25, 12);
const HOST = 'metropole-demo.opendatasoft.com';
const CHARTE_URL = `https://${HOST}/terms/cookies-policy/`;
const matomoCharte = chartePage({
  charte: readFileSync(resolve(process.cwd(), 'scripts/demo/chartes/variants/matomo.txt'), 'utf8'),
  title: 'démo',
});
afterEach(cleanup);

function portal() {
  const at = NOW / 1000 + 10 * DAY;
  const names = ['sessionid', 'csrftoken', 'cookies_preferences', 'django_language', '_pk_id.1.d3m0', '_ga'];
  const browser = new FakeBrowser(
    names.map((name) => aCookie({ name, domain: HOST, expirationDate: at })),
    ['*.opendatasoft.com'],
  );
  browser.tabs.set(9, { id: 9, url: `https://${HOST}/`, storeId: '0' });
  browser.pages.set(CHARTE_URL, matomoCharte);
  return browser;
}

const rowOf = (name: string) => document.querySelector(`[data-cookie="${CSS.escape(name)}"]`);
const group = (kind: string) =>
  [...document.querySelectorAll(`[data-comparison="${kind}"] code`)].map((el) => el.textContent);

describe('comparing with the portal’s own charte', () => {
  it('requests nothing until the click, then exactly the charte, and shows the three groups', async () => {
    const browser = portal();
    renderWithServices(<App tabId={9} inTab={false} />, browser, NOW);
    await popupDrawn(HOST);
    expect(browser.fetched).toEqual([]);
    fireEvent.click(screen.getByText('Comparer avec la charte du portail'));
    await waitFor(() => expect(group('declared-set')).toHaveLength(5));
    expect(browser.fetched).toEqual([CHARTE_URL]);
    expect(group('declared-set').sort()).toEqual([
      '_pk_id',
      'cookies_preferences',
      'csrftoken',
      'django_language',
      'sessionid',
    ]);
    expect(group('declared-unset')).toEqual(['_pk_ses']);
    expect(group('undeclared-set')).toEqual(['_ga']);
    expect(screen.getByText(/^Charte lue le/)).toBeTruthy();
    expect(document.querySelectorAll('[data-cookie="_pk_id.1.d3m0"] [data-flag]')).toHaveLength(0);
    expect(document.querySelector('[data-cookie="_ga"] .flag.alert')?.textContent).toBe(
      'Non déclaré dans la charte de ce portail',
    );
  });

  it('before the click, accuses nobody: a cookie missing from the standard charte is said so, neutrally', async () => {
    renderWithServices(<App tabId={9} inTab={false} />, portal(), NOW);
    await popupDrawn(HOST);
    expect(document.querySelector('[data-cookie="_pk_id.1.d3m0"] [data-flag="notInStandardCharte"]')).toBeTruthy();
    expect(document.querySelectorAll('.flag.alert')).toHaveLength(0);
    expect(screen.getByText(/n'a pas encore été lue/)).toBeTruthy();
  });

  it('keeps the result for later visits, until the user reads it again', async () => {
    const browser = portal();
    renderWithServices(<App tabId={9} inTab={false} />, browser, NOW);
    fireEvent.click(await screen.findByText('Comparer avec la charte du portail'));
    await waitFor(() => expect(group('undeclared-set')).toEqual(['_ga']));
    cleanup();
    renderWithServices(<App tabId={9} inTab={false} />, browser, NOW + DAY);
    await waitFor(() => expect(group('undeclared-set')).toEqual(['_ga']));
    expect(screen.getByText('Relire la charte du portail')).toBeTruthy();
    expect(browser.fetched).toHaveLength(1);
  });

  it('says so when the charte cannot be found, after trying the usual addresses', async () => {
    const browser = portal();
    browser.pages.clear();
    renderWithServices(<App tabId={9} inTab={false} />, browser, NOW);
    fireEvent.click(await screen.findByText('Comparer avec la charte du portail'));
    await screen.findByText('La charte est introuvable sur ce portail (erreur 404).');
    expect(browser.fetched).toEqual([CHARTE_URL, `https://${HOST}/terms/cookies-information/`]);
  });

  it('a charte too big for the extension’s storage is said as such, not as a network failure', async () => {
    const browser = portal();
    browser.cacheError = 'QuotaExceededError: storage.local quota exceeded';
    renderWithServices(<App tabId={9} inTab={false} />, browser, NOW);
    fireEvent.click(await screen.findByText('Comparer avec la charte du portail'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/l'espace de stockage de l'extension est plein/);
    expect(alert.textContent).not.toMatch(/connexion/);
  });

  it('follows the portal’s own link to its charte first, and says which address it read', async () => {
    const browser = portal();
    const elsewhere = `https://${HOST}/pages/charte-cookies/`;
    browser.documents.set(
      9,
      new DOMParser().parseFromString(
        `<footer><a href="/pages/charte-cookies/">Politique cookies</a><a href="/x">Gérer les cookies</a></footer>`,
        'text/html',
      ),
    );
    browser.pages.set(elsewhere, matomoCharte);
    browser.pages.delete(CHARTE_URL);
    renderWithServices(<App tabId={9} inTab={false} />, browser, NOW);
    fireEvent.click(await screen.findByText('Comparer avec la charte du portail'));
    await screen.findByText(new RegExp(`à l'adresse ${elsewhere}`));
    expect(browser.fetched).toEqual([elsewhere]);
  });

  describe('a hostile or broken answer never hurts what is already known', () => {
    const cases: Array<[string, string | Partial<FetchedPage> | Error, RegExp]> = [
      [
        'an empty page',
        '',
        /Aucun tableau de cookies n'a été trouvé dans la charte\. La lecture précédente est conservée\./,
      ],
      ['a maintenance page', '<h1>Maintenance</h1><p>Revenez plus tard.</p>', /Aucun tableau de cookies/],
      ['a PNG', { contentType: 'image/png', text: '\u0089PNG\r\n' }, /ne renvoie pas une page web/],
      ['a JSON body', { contentType: 'application/json', text: '{"cookies":[]}' }, /ne renvoie pas une page web/],
      [
        'a redirect, never followed',
        { status: 302, redirected: true, text: '' },
        /renvoie ailleurs : l'extension ne suit pas les redirections/,
      ],
      ['a server error', { status: 503, text: '' }, /introuvable sur ce portail \(erreur 503\)/],
      [
        'no answer in time',
        Object.assign(new Error('signal timed out'), { name: 'TimeoutError' }),
        /n'a pas répondu à temps/,
      ],
      ['no network', new TypeError('Failed to fetch'), /n'a pas pu être joint/],
    ];
    it.each(cases)('%s: said in French, and the good charte read before is kept', async (_, answer, said) => {
      const browser = portal();
      renderWithServices(<App tabId={9} inTab={false} />, browser, NOW);
      fireEvent.click(await screen.findByText('Comparer avec la charte du portail'));
      await waitFor(() => expect(group('undeclared-set')).toEqual(['_ga']));
      const good = structuredClone(browser.cache.get(charteKey(HOST)));

      for (const url of [CHARTE_URL, `https://${HOST}/terms/cookies-information/`]) browser.pages.set(url, answer);
      fireEvent.click(screen.getByText('Relire la charte du portail'));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toMatch(said);
      expect(alert.textContent).not.toMatch(/Failed to fetch|timed out|HTTP/);
      expect(browser.cache.get(charteKey(HOST))).toEqual(good);
      expect(document.querySelectorAll('.flag.alert')).toHaveLength(1);
    });
  });

  it('drops a stored charte it cannot read back, with a word, and keeps working', async () => {
    const browser = portal();
    browser.cache.set(charteKey(HOST), {
      cookies: [],
      unread: [],
      cutRows: 0,
      url: CHARTE_URL,
      readAt: 1e20,
      source: 'fetched',
    });
    renderWithServices(<App tabId={9} inTab={false} />, browser, NOW);
    await screen.findByText(/La charte enregistrée pour ce portail était illisible/);
    expect(rowOf('_ga')).toBeTruthy();
    expect(screen.getByText('Exporter le rapport (Markdown)')).toBeTruthy();
  });

  it('learns the charte from the charte page it was opened on, with no request', async () => {
    const browser = portal();
    browser.tabs.set(12, { id: 12, url: CHARTE_URL, storeId: '0' });
    browser.documents.set(12, new DOMParser().parseFromString(matomoCharte, 'text/html'));
    renderWithServices(<App tabId={12} inTab={false} />, browser, NOW);
    await screen.findByText(/sur la page que vous avez ouverte/);
    await waitFor(() => expect(group('undeclared-set')).toEqual(['_ga']));
    expect(browser.fetched).toEqual([]);
    expect((browser.cache.get(charteKey(HOST)) as { cookies: unknown[] }).cookies).toHaveLength(6);
  });
});
