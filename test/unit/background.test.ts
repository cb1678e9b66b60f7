import { describe, expect, it, vi } from 'vitest';
import { BADGE_COLOR, BADGE_UNDECLARED_COLOR, createBadgeWatcher, watchBadges } from '../../src/background/badge';
import { createHandlers } from '../../src/background/handlers';
import type { StoredCharte } from '../../src/core/compare';
import { SETTINGS_KEY } from '../../src/core/settings';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { translatorFor } from '../helpers/translate';

const NOW = Date.UTC(2026, 10, 25, 12);
const t = translatorFor('fr');

const charteDeclaring = (...names: string[]): StoredCharte => ({
  cookies: names.map((name) => ({ name, provider: 'Opendatasoft', lifetime: { kind: 'unknown' } })),
  unread: [],
  url: 'https://data.issy.com/terms/cookies-policy/',
  readAt: NOW,
  source: 'fetched',
});

function twoTabs() {
  const browser = new FakeBrowser([aCookie({ name: 'sessionid' }), aCookie({ name: 'csrftoken' })], ['data.issy.com']);
  browser.tabs.set(1, { id: 1, url: 'https://data.issy.com/', storeId: '0' });
  browser.tabs.set(2, { id: 2, url: 'https://www.example.org/', storeId: '0' });
  return browser;
}

describe('the toolbar badge', () => {
  it('counts the portal’s cookies, and shows nothing on other sites', async () => {
    const browser = twoTabs();
    await createBadgeWatcher(browser, t, () => NOW).refreshAll();
    expect(browser.badges.get(1)).toEqual({ text: '2', color: BADGE_COLOR, title: 'Cookies sur ce portail : 2' });
    expect(browser.badges.get(2)?.text).toBe('');
  });

  it('accuses nobody from the standard charte: an undeclared cookie turns the badge red only once the portal’s own charte is read', async () => {
    const browser = twoTabs();
    const watcher = watchBadges(browser, t, () => NOW);
    browser.siteSets(aCookie({ name: '_ga' }));
    await vi.waitFor(() => expect(browser.badges.get(1)?.text).toBe('3'));

    await createHandlers(browser, () => NOW).saveCharte({ host: 'data.issy.com', charte: charteDeclaring('sessionid', 'csrftoken') });
    await vi.waitFor(() =>
      expect(browser.badges.get(1)).toEqual({ text: '3!', color: BADGE_UNDECLARED_COLOR, title: 'Cookies sur ce portail : 3, dont non déclarés dans la charte : 1' }),
    );
    watcher.stop();
    expect(browser.listenerCount()).toBe(0);
  });

  it('follows the settings: a portal switched off loses its badge at once', async () => {
    const browser = twoTabs();
    const watcher = watchBadges(browser, t, () => NOW);
    await watcher.refreshAll();
    expect(browser.badges.get(1)?.text).toBe('2');
    await browser.writeStorage(SETTINGS_KEY, { version: 1, builtInOff: ['data.issy.com'], custom: [] });
    await vi.waitFor(() => expect(browser.badges.get(1)?.text).toBe(''));
    watcher.stop();
  });

  it('loses no update when many cookies change at once', async () => {
    const browser = twoTabs();
    const watcher = createBadgeWatcher(browser, t, () => NOW);
    const pending: Array<Promise<void>> = [];
    browser.onCookieChanged((change) => pending.push(watcher.onCookieChanged(change)));
    for (let i = 0; i < 50; i++) browser.siteSets(aCookie({ name: `c${i}` }));
    await Promise.all(pending);
    expect(browser.badges.get(1)?.text).toBe('52');
  });

  it('ignores cookie changes of sites no tab shows', async () => {
    const browser = twoTabs();
    const watcher = createBadgeWatcher(browser, t, () => NOW);
    await watcher.onCookieChanged({ removed: false, cookie: aCookie({ domain: 'data.ville-soissons.fr' }) });
    expect(browser.badges.size).toBe(0);
  });
});
