import { afterEach, describe, expect, it } from 'vitest';
import { startBackground } from '../../src/background/background';
import { SETTINGS_KEY } from '../../src/core/portals/settings';
import type { SiteView } from '../../src/protocol';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { translatorFor } from '../helpers/translate';

const NOW = Date.UTC(2026, 10, 25, 12);
const ISSY_OFF = { version: 1, builtInOff: ['data.issy.com'], custom: [] };
const running: Array<() => void> = [];
afterEach(() => running.splice(0).forEach((stop) => stop()));

function portalTab() {
  const browser = new FakeBrowser([aCookie({ name: 'sessionid' }), aCookie({ name: 'csrftoken' })], ['data.issy.com']);
  browser.tabs.set(1, { id: 1, url: 'https://data.issy.com/', storeId: '0' });
  const background = startBackground(browser, translatorFor('fr'), () => NOW);
  running.push(background.stop);
  const view = async () => (await background.handlers.siteView({ tabId: 1 })) as Extract<SiteView, { kind: 'site' }>;
  return { browser, background, view };
}

describe('the background’s memory of storage and permissions', () => {
  it('asks the browser for settings, charte, history, journal and permissions once, not at every view', async () => {
    const { browser, view } = portalTab();
    await view();
    const [reads, queries] = [browser.storageReads, browser.permissionQueries];
    for (let i = 0; i < 5; i++) expect((await view()).report?.counts.total).toBe(2);
    expect(browser.storageReads).toBe(reads);
    expect(browser.permissionQueries).toBe(queries);
  });

  it('sees what it writes itself: a portal switched off in the options is off in the next view', async () => {
    const { background, view } = portalTab();
    expect((await view()).isPortal).toBe(true);
    await background.handlers.savePortals({
      rules: (await background.handlers.portals({})).rules.map((rule) => ({
        ...rule,
        enabled: rule.pattern !== 'data.issy.com',
      })),
    });
    expect((await view()).isPortal).toBe(false);
  });

  it('forgets settings changed behind its back (synced from another computer)', async () => {
    const { browser, view } = portalTab();
    expect((await view()).isPortal).toBe(true);
    browser.storage.set(SETTINGS_KEY, ISSY_OFF);
    browser.storageChanged('sync', SETTINGS_KEY);
    expect((await view()).isPortal).toBe(false);
  });

  it('keeps what was there when the browser refuses a write', async () => {
    const { browser, background, view } = portalTab();
    await view();
    browser.storageError = 'QUOTA_BYTES_PER_ITEM quota exceeded';
    await expect(background.handlers.savePortals({ rules: [] })).rejects.toThrow('quota');
    expect((await view()).isPortal).toBe(true);
    expect(
      (await background.handlers.portals({})).rules.some((rule) => rule.pattern === 'data.issy.com' && rule.enabled),
    ).toBe(true);
  });

  it('follows permissions removed and granted again outside the popup', async () => {
    const { browser, view } = portalTab();
    expect((await view()).access).toBe(true);
    await browser.removeOrigins([...browser.granted]);
    expect((await view()).access).toBe(false);
    await browser.requestOrigins(['*://*.data.issy.com/*', '*://issy.com/*']);
    expect((await view()).report?.counts.total).toBe(2);
  });

  it('starts from what the browser kept after a restart: undo history and journal are read again', async () => {
    const { browser, background, view } = portalTab();
    const removed = await background.handlers.removeCookies({
      host: 'data.issy.com',
      cookies: [aCookie({ name: 'csrftoken' })],
    });
    expect(removed.done).toHaveLength(1);
    expect((await view()).undo).toHaveLength(1);
    background.stop();
    const restarted = startBackground(browser, translatorFor('fr'), () => NOW);
    running.push(restarted.stop);
    const after = (await restarted.handlers.siteView({ tabId: 1 })) as Extract<SiteView, { kind: 'site' }>;
    expect(after.undo.map((entry) => entry.cookies.map((cookie) => cookie.name))).toEqual([['csrftoken']]);
  });
});
