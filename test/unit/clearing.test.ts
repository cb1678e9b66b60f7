import { describe, expect, it } from 'vitest';
import { cookieKey } from '../../src/core/cookies/cookie';
import { UNDO_KEY } from '../../src/core/cookies/undo';
import { cookieUrl } from '../../src/core/portals/site';
import { createHandlers } from '../../src/background/handlers';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { everyCookie } from '../../src/core/report/site-report';

const NOW = Date.UTC(2026, 10, 25, 12);
const HOST = 'data.issy.com';
const later = NOW / 1000 + 86400 * 10;

/** One portal tab on data.issy.com, and every kind of cookie that bites cookie extensions. */
function setUp() {
  const site = [
    aCookie({ name: 'sessionid', httpOnly: true, expirationDate: later }),
    aCookie({ name: 'plain', secure: false, expirationDate: later }),
    aCookie({ name: 'domaincookie', domain: '.data.issy.com', hostOnly: false, expirationDate: later }),
    aCookie({ name: 'sub', domain: 'api.data.issy.com', expirationDate: later }),
    aCookie({ name: 'deep', path: '/explore/dataset', expirationDate: later }),
    aCookie({ name: 'chips', partitionKey: { topLevelSite: 'https://issy.com' }, expirationDate: later }),
    aCookie({ name: 'isolated', firstPartyDomain: 'issy.com', expirationDate: later }),
  ];
  const parent = aCookie({ name: 'shared', domain: '.issy.com', hostOnly: false, expirationDate: later });
  const others = [
    aCookie({ name: 'sessionid', domain: 'data.ville-soissons.fr', expirationDate: later }),
    aCookie({ name: 'sessionid', storeId: '1', expirationDate: later }), // incognito: another store
    aCookie({ name: 'visitor', domain: 'www.example.org', expirationDate: later }),
    aCookie({ name: 'sessionid', domain: 'notdata.issy.com', expirationDate: later }),
    // another partition
    aCookie({ name: 'chips', partitionKey: { topLevelSite: 'https://other.fr' }, expirationDate: later }),
    aCookie({ name: 'isolated', firstPartyDomain: 'other.fr', expirationDate: later }),
  ];
  const browser = new FakeBrowser([...site, parent, ...others], ['data.issy.com', 'issy.com']);
  browser.tabs.set(7, { id: 7, url: 'https://data.issy.com/explore/', storeId: '0' });
  return { browser, handlers: createHandlers(browser, () => NOW), site, parent, others };
}

async function viewOf(handlers: ReturnType<typeof createHandlers>) {
  const view = await handlers.siteView({ tabId: 7 });
  if (view.kind !== 'site' || !view.report) throw new Error('no report');
  return everyCookie(view.report);
}

describe('the address a cookie is removed through', () => {
  it('is https for Secure cookies, the bare domain, and the cookie’s own path', () => {
    expect(cookieUrl(aCookie({ domain: '.issy.com', path: '/explore', secure: true }))).toBe(
      'https://issy.com/explore',
    );
    expect(cookieUrl(aCookie({ domain: 'data.issy.com', secure: false }))).toBe('http://data.issy.com/');
  });
});

describe('clearing a site', () => {
  it('lists the site’s cookies of every kind, and the parent-domain one apart', async () => {
    const { handlers } = setUp();
    const items = await viewOf(handlers);
    expect(items.map((item) => item.cookie.name).sort()).toEqual([
      'chips',
      'deep',
      'domaincookie',
      'isolated',
      'plain',
      'sessionid',
      'shared',
      'sub',
    ]);
    expect(items.filter((item) => item.relation === 'parent').map((item) => item.cookie.name)).toEqual(['shared']);
  });

  it(
    'removes exactly the site’s cookies, Secure, partitioned and deep-path ones included, ' + 'and nothing else',
    async () => {
      const { browser, handlers, site, parent, others } = setUp();
      const outcome = await handlers.removeCookies({ host: HOST, cookies: site });
      expect(outcome.failed).toEqual([]);
      expect(outcome.done.map((c) => c.name).sort()).toEqual(site.map((c) => c.name).sort());
      expect(browser.all().map(cookieKey).sort()).toEqual([parent, ...others].map(cookieKey).sort());
    },
  );

  it('reports a removal the browser refused, and one it claimed but did not do', async () => {
    const { browser, handlers, site } = setUp();
    browser.refuseRemoval.add('plain');
    browser.pretendRemoval.add('sub');
    const outcome = await handlers.removeCookies({ host: HOST, cookies: site });
    expect(outcome.failed.map(({ cookie, reason }) => [cookie.name, reason]).sort()).toEqual([
      ['plain', 'refused'],
      ['sub', 'stillThere'],
    ]);
    expect(outcome.done).toHaveLength(site.length - 2);
  });

  it('puts everything back identical on undo, but never overwrites what the site set again', async () => {
    const { browser, handlers, site } = setUp();
    const before = new Map(browser.all().map((c) => [cookieKey(c), c]));
    await handlers.removeCookies({ host: HOST, cookies: site });
    browser.siteSets(aCookie({ name: 'sessionid', httpOnly: true, value: 'new-login', expirationDate: later }));

    const [entry] = await undoEntries(handlers);
    const restored = await handlers.undoRemoval({ id: entry!.id });
    expect(restored.skipped.map((c) => c.name)).toEqual(['sessionid']);
    expect(restored.done).toHaveLength(site.length - 1);
    for (const cookie of site.filter((c) => c.name !== 'sessionid'))
      expect(browser.jar.get(cookieKey(cookie))).toEqual(before.get(cookieKey(cookie)));
    expect(browser.jar.get(cookieKey(site[0]!))?.value).toBe('new-login');
  });

  it('does not bring back a cookie that has expired since', async () => {
    const { browser, site } = setUp();
    const brief = aCookie({ name: 'brief', expirationDate: NOW / 1000 + 60 });
    browser.siteSets(brief);
    await createHandlers(browser, () => NOW).removeCookies({ host: HOST, cookies: [brief, site[1]!] });
    const later = createHandlers(browser, () => NOW + 120_000);
    const [entry] = await undoEntries(later);
    const outcome = await later.undoRemoval({ id: entry!.id });
    expect(outcome.failed).toEqual([{ cookie: brief, reason: 'expired' }]);
    expect(outcome.done.map((c) => c.name)).toEqual(['plain']);
  });
});

async function undoEntries(handlers: ReturnType<typeof createHandlers>) {
  const view = await handlers.siteView({ tabId: 7 });
  return view.kind === 'site' ? view.undo : [];
}

describe('the undo history', () => {
  it('keeps every removal, newest first, by name, and undoes any one of them', async () => {
    const { browser, handlers, site } = setUp();
    const [sessionid, plain] = site;
    await handlers.removeCookies({ host: HOST, cookies: [sessionid!] });
    await handlers.removeCookies({ host: HOST, cookies: [plain!] });
    const entries = await undoEntries(handlers);
    expect(entries.map((entry) => entry.cookies.map((c) => c.name))).toEqual([['plain'], ['sessionid']]);

    await handlers.undoRemoval({ id: entries[1]!.id });
    expect(browser.jar.has(cookieKey(sessionid!))).toBe(true);
    expect(browser.jar.has(cookieKey(plain!))).toBe(false);
    expect((await undoEntries(handlers)).map((entry) => entry.cookies.map((c) => c.name))).toEqual([['plain']]);
  });

  it('outlives the page that made it: a new background over the same session storage still has it', async () => {
    const { browser, handlers, site } = setUp();
    await handlers.removeCookies({ host: HOST, cookies: [site[0]!] });
    const restarted = createHandlers(browser, () => NOW);
    expect((await undoEntries(restarted)).map((entry) => entry.cookies[0]?.name)).toEqual(['sessionid']);
  });

  it('survives damaged session storage, keeping what is readable', async () => {
    const { browser, handlers, site } = setUp();
    browser.session.set(UNDO_KEY, [
      null,
      42,
      { id: 'x', host: HOST, at: NOW, cookies: [site[1], { name: 3 }] },
      'junk',
    ]);
    expect((await undoEntries(handlers)).map((entry) => entry.cookies.map((c) => c.name))).toEqual([['plain']]);
  });

  it('two removals at once both land in the history', async () => {
    const { handlers, site } = setUp();
    await Promise.all([
      handlers.removeCookies({ host: HOST, cookies: [site[0]!] }),
      handlers.removeCookies({ host: HOST, cookies: [site[1]!] }),
    ]);
    expect(await undoEntries(handlers)).toHaveLength(2);
  });
});
