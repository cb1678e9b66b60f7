import { describe, expect, it, vi } from 'vitest';
import { BADGE_COLOR, BADGE_EVERY_MS, BADGE_UNDECLARED_COLOR } from '../../src/background/badge';
import { createHandlers } from '../../src/background/handlers';
import { jarMirror } from '../../src/background/jar-mirror';
import { createWatcher, FOLD_MS, JOURNAL_EVERY_MS, NEWS_EVERY_MS, watchBrowser } from '../../src/background/watcher';
import { indexPortals } from '../../src/core/portals/portal-index';
import type { StoredCharte } from '../../src/core/charte/stored-charte';
import { builtInRules } from '../../src/core/portals/domains';
import {
  applyEvents,
  bringsNews,
  emptyJournal,
  journalKey,
  loadJournal,
  RESAVE_MS,
} from '../../src/core/consent/journal';
import { SETTINGS_KEY } from '../../src/core/portals/settings';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { translatorFor } from '../helpers/translate';

const NOW = Date.UTC(2026, 10, 25, 12);
const t = translatorFor('fr');

const charteDeclaring = (...names: string[]): StoredCharte => ({
  cookies: names.map((name) => ({ name, provider: 'Opendatasoft', lifetime: { kind: 'unknown' } })),
  unread: [],
  cutRows: 0,
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
    await createWatcher(browser, t, () => NOW).refreshAll();
    expect(browser.badges.get(1)).toEqual({ text: '2', color: BADGE_COLOR, title: 'Cookies sur ce portail : 2' });
    expect(browser.badges.get(2)?.text).toBe('');
  });

  it(
    'accuses nobody from the standard charte: ' +
      'an undeclared cookie turns the badge red only once the portal’s own charte is read',
    async () => {
      const browser = twoTabs();
      const watcher = watchBrowser(browser, t, () => NOW);
      browser.siteSets(aCookie({ name: 'acme_visit' }));
      await vi.waitFor(() => expect(browser.badges.get(1)?.text).toBe('3'));

      await createHandlers(browser, () => NOW).saveCharte({
        host: 'data.issy.com',
        charte: charteDeclaring('sessionid', 'csrftoken'),
      });
      await vi.waitFor(() =>
        expect(browser.badges.get(1)).toEqual({
          text: '3!',
          color: BADGE_UNDECLARED_COLOR,
          title: 'Cookies sur ce portail : 3. En alerte : 1 non déclaré(s) dans la charte',
        }),
      );
      watcher.stop();
      expect(browser.listenerCount()).toBe(0);
    },
  );

  it('follows the settings: a portal switched off loses its badge at once', async () => {
    const browser = twoTabs();
    const watcher = watchBrowser(browser, t, () => NOW);
    await watcher.refreshAll();
    expect(browser.badges.get(1)?.text).toBe('2');
    await browser.writeStorage(SETTINGS_KEY, { version: 1, builtInOff: ['data.issy.com'], custom: [] });
    await vi.waitFor(() => expect(browser.badges.get(1)?.text).toBe(''));
    watcher.stop();
  });

  it('folds a burst of changes into one look at the tabs, and loses no update', async () => {
    const browser = twoTabs();
    const watcher = createWatcher(browser, t, () => NOW);
    const looks = vi.spyOn(browser, 'allTabs');
    await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        watcher
          .onCookieChanged({ removed: false, cookie: aCookie({ name: `c${i}` }) })
          .then(() => browser.siteSets(aCookie({ name: `c${i}` }))),
      ),
    );
    await watcher.flush();
    expect(looks).toHaveBeenCalledTimes(1);
    expect(browser.badges.get(1)?.text).toBe('502');
  });

  it('turns red when a tracker’s cookie is set despite the visitor’s refusal, and its tooltip says so', async () => {
    const browser = twoTabs();
    let clock = NOW;
    const watcher = watchBrowser(browser, t, () => clock);
    browser.siteSets(
      aCookie({
        name: 'cookies_preferences',
        value: encodeURIComponent(JSON.stringify({ ga: false, timestamp: NOW / 1000 })),
      }),
    );
    clock += 5000;
    browser.siteSets(aCookie({ name: '_ga' }));
    await vi.waitFor(() =>
      expect(browser.badges.get(1)).toEqual({
        text: '4!',
        color: BADGE_UNDECLARED_COLOR,
        title: 'Cookies sur ce portail : 4. En alerte : 1 déposé(s) malgré votre refus',
      }),
    );
    watcher.stop();
  });

  it(
    'recounts the tabs a burst reaches from its mirror of the jar, each domain read from the browser once, ' +
      'and leaves badges that say the same alone',
    async () => {
      const browser = new FakeBrowser([], ['*.opendatasoft.com', 'data.issy.com']);
      const hosts = ['a.opendatasoft.com', 'b.opendatasoft.com', 'c.opendatasoft.com', 'data.issy.com'];
      hosts.forEach((host, index) =>
        browser.tabs.set(index + 1, { id: index + 1, url: `https://${host}/`, storeId: '0' }),
      );
      const reads = vi.spyOn(browser, 'getAll');
      const watcher = createWatcher(
        browser,
        t,
        () => NOW,
        jarMirror(browser, () => NOW),
      );
      await watcher.refreshAll();
      expect(reads.mock.calls.map(([domain]) => domain).sort()).toEqual(['issy.com', 'opendatasoft.com']);
      const badges = vi.spyOn(browser, 'setBadge');

      for (const host of hosts) {
        const cookie = aCookie({ name: 'sessionid', domain: host });
        browser.siteSets(cookie);
        await watcher.onCookieChanged({ removed: false, cookie });
      }
      await watcher.flush();
      expect(hosts.map((_, index) => browser.badges.get(index + 1)?.text)).toEqual(['1', '1', '1', '1']);
      expect(badges).toHaveBeenCalledTimes(4);

      // The same cookie written again, a second later: nothing to say anew, so nothing asked of the browser's toolbar.
      vi.useFakeTimers({ now: Date.now() + BADGE_EVERY_MS });
      try {
        const again = aCookie({ name: 'sessionid', domain: 'data.issy.com', value: 'new' });
        browser.siteSets(again);
        await watcher.onCookieChanged({ removed: false, cookie: again });
        await watcher.flush();
        await vi.advanceTimersByTimeAsync(BADGE_EVERY_MS);
        expect(badges).toHaveBeenCalledTimes(4);
        expect(reads).toHaveBeenCalledTimes(2);
      } finally {
        vi.useRealTimers();
      }
    },
  );

  it('gives a tab its badge again when a page loads in it, even one that says the same', async () => {
    const browser = twoTabs();
    const watcher = createWatcher(browser, t, () => NOW);
    await watcher.refreshAll();
    const badges = vi.spyOn(browser, 'setBadge');
    await watcher.onTabChanged({ id: 1, url: 'https://data.issy.com/explore/', storeId: '0' }, true);
    expect(badges).toHaveBeenCalledWith(1, expect.objectContaining({ text: '2' }));
  });

  it('turns red when a tracker’s cookie, there since an acceptance, is written again after a refusal', async () => {
    const browser = twoTabs();
    let clock = NOW;
    const watcher = watchBrowser(browser, t, () => clock);
    const choice = (ga: boolean) =>
      aCookie({ name: 'cookies_preferences', value: encodeURIComponent(JSON.stringify({ ga, timestamp: clock })) });
    browser.siteSets(choice(true));
    clock += 5000;
    browser.siteSets(aCookie({ name: '_ga' }));
    await vi.waitFor(() => expect(browser.badges.get(1)?.text).toBe('4'));
    clock += 5000;
    browser.siteSets(choice(false));
    await vi.waitFor(async () =>
      expect(
        loadJournal(await browser.readSession(journalKey('0')))
          .records.values()
          .next().value?.changes,
      ).toHaveLength(2),
    );
    clock += 5000;
    browser.siteSets(aCookie({ name: '_ga', value: 'again' }));
    await vi.waitFor(() => expect(browser.badges.get(1)?.text).toBe('4!'), { timeout: 3000 });
    watcher.stop();
  });

  it('ignores cookie changes of sites no tab shows', async () => {
    const browser = twoTabs();
    const watcher = createWatcher(browser, t, () => NOW);
    await watcher.onCookieChanged({ removed: false, cookie: aCookie({ domain: 'data.ville-soissons.fr' }) });
    await watcher.flush();
    expect(browser.badges.size).toBe(0);
  });
});

describe('the journal', () => {
  it('records arrivals on portals, each cookie’s writes under each choice, and each change of the choice', async () => {
    const browser = twoTabs();
    let clock = NOW;
    const watcher = watchBrowser(browser, t, () => clock);
    browser.tabLoads({ id: 1, url: 'https://data.issy.com/explore/', storeId: '0' });
    browser.tabLoads({ id: 2, url: 'https://www.example.org/', storeId: '0' });
    clock += 2000;
    browser.siteSets(aCookie({ name: '_ga', domain: '.issy.com', hostOnly: false }));
    clock += 3000;
    browser.siteSets(aCookie({ name: 'cookies_preferences', value: '%7B%22ga%22%3Afalse%7D' }));
    clock += 1000;
    browser.siteSets(aCookie({ name: '_ga', domain: '.issy.com', hostOnly: false, value: 'again' }));
    browser.siteSets(aCookie({ name: 'visitor', domain: 'www.example.org' }));
    await vi.waitFor(async () => expect(loadJournal(await browser.readSession(journalKey('0'))).cookies.size).toBe(2));

    const journal = loadJournal(await browser.readSession(journalKey('0')));
    expect(journal.arrivals.get('data.issy.com')).toEqual([NOW]);
    expect(journal.arrivals.has('www.example.org')).toBe(false);
    expect([...journal.records.values()].map((record) => record.changes)).toEqual([
      [{ seq: 1, at: NOW + 5000, meaning: '[["ga",false]]' }],
    ]);
    const writes = [
      { seq: 0, at: NOW + 2000 },
      { seq: 1, at: NOW + 6000 },
    ];
    expect([...journal.cookies.values()].find((c) => c.name === '_ga')).toEqual({
      name: '_ga',
      firstSeen: NOW + 2000,
      lastChanged: NOW + 6000,
      writes,
    });
    watcher.stop();

    // A new background (the service worker restarted) goes on from what session storage kept.
    const restarted = createWatcher(browser, t, () => NOW + 9000);
    await restarted.onCookieChanged({
      removed: true,
      cookie: aCookie({ name: '_ga', domain: '.issy.com', hostOnly: false }),
    });
    await restarted.flush();
    const after = loadJournal(await browser.readSession(journalKey('0')));
    expect([...after.cookies.values()].find((c) => c.name === '_ga')).toEqual({
      name: '_ga',
      firstSeen: NOW + 2000,
      lastChanged: NOW + 6000,
      removedAt: NOW + 9000,
      writes,
    });
  });

  it(
    'writes news at once, news that follows a write a moment later, ' +
      'and a cookie it knows written again only with the next write, a second later at most',
    async () => {
      vi.useFakeTimers({ now: NOW });
      try {
        const browser = twoTabs();
        const watcher = createWatcher(browser, t);
        const writtenAt: number[] = [];
        const writeSession = browser.writeSession.bind(browser);
        browser.writeSession = async (key, value) => {
          writtenAt.push(Date.now());
          await writeSession(key, value);
        };
        const timesOf = async (name: string) =>
          [...loadJournal(await browser.readSession(journalKey('0'))).cookies.values()].find((c) => c.name === name);
        const sets = (name: string, value: string) =>
          watcher.onCookieChanged({ removed: false, cookie: aCookie({ name, value }) });

        await sets('_ga', '1');
        await vi.advanceTimersByTimeAsync(0);
        expect(writtenAt).toEqual([NOW]);
        await vi.advanceTimersByTimeAsync(100);
        await sets('_ga', '2');
        // a first appearance, 100 ms after a write: written with the rest of its burst once NEWS_EVERY_MS have passed
        await sets('_gid', '1');
        await vi.advanceTimersByTimeAsync(0);
        expect(writtenAt).toEqual([NOW]);
        await vi.advanceTimersByTimeAsync(NEWS_EVERY_MS - 100);
        expect(writtenAt).toEqual([NOW, NOW + NEWS_EVERY_MS]);
        expect(await timesOf('_ga')).toMatchObject({ firstSeen: NOW, lastChanged: NOW + 100 });
        expect(await timesOf('_gid')).toMatchObject({ firstSeen: NOW + 100 });

        await vi.advanceTimersByTimeAsync(100);
        await sets('_ga', '3'); // only a new value: it waits for the next write
        await vi.advanceTimersByTimeAsync(FOLD_MS);
        expect(writtenAt).toHaveLength(2);
        await vi.advanceTimersByTimeAsync(JOURNAL_EVERY_MS);
        expect(writtenAt).toEqual([NOW, NOW + NEWS_EVERY_MS, NOW + NEWS_EVERY_MS + JOURNAL_EVERY_MS]);
        expect(await timesOf('_ga')).toMatchObject({ lastChanged: NOW + NEWS_EVERY_MS + 100 });

        // Quiet since: the next news is written at once again.
        await vi.advanceTimersByTimeAsync(JOURNAL_EVERY_MS);
        await sets('_gat', '1');
        await vi.advanceTimersByTimeAsync(0);
        expect(writtenAt.at(-1)).toBe(Date.now());
      } finally {
        vi.useRealTimers();
      }
    },
  );

  it(
    'a choice re-saved as a removal then the same record, _ga written in between: ' +
      'nothing accuses at any moment, and the re-save is written the moment it ends',
    async () => {
      vi.useFakeTimers({ now: NOW });
      try {
        const browser = twoTabs();
        const watcher = watchBrowser(browser, t);
        const GA = { domain: '.issy.com', hostOnly: false };
        const choice = aCookie({
          name: 'cookies_preferences',
          value: encodeURIComponent(JSON.stringify({ ga: true, timestamp: NOW / 1000 })),
        });
        browser.siteSets(choice);
        await vi.advanceTimersByTimeAsync(300);
        browser.siteSets(aCookie({ name: '_ga', ...GA }));
        await vi.advanceTimersByTimeAsync(4000);
        expect(browser.badges.get(1)?.text).toBe('4');
        const recordSays = async () =>
          [...loadJournal(await browser.readSession(journalKey('0'))).records.values()][0]?.changes.map(
            (change) => change.meaning,
          );
        const watched = async (ms: number) => {
          for (let step = 0; step < ms; step += 10) {
            await vi.advanceTimersByTimeAsync(10);
            expect(browser.badges.get(1)?.text).not.toMatch(/!$/);
            expect(await recordSays()).toEqual(['[["ga",true]]']);
          }
        };

        await browser.removeCookie(choice);
        await watched(10);
        browser.siteSets(aCookie({ name: '_ga', ...GA, value: 'GA1.1.4.4' }));
        await watched(600);
        const reSavedAt = Date.now();
        browser.siteSets(choice);
        await vi.advanceTimersByTimeAsync(0);
        const journal = loadJournal(await browser.readSession(journalKey('0')));
        expect([...journal.cookies.values()].find((c) => c.name === '_ga')?.lastChanged).toBe(reSavedAt - 600);
        await watched(2000);

        // Withdrawn for good: once a re-save can no longer come, the removal is written, and _ga accuses.
        await browser.removeCookie(choice);
        await vi.advanceTimersByTimeAsync(10);
        browser.siteSets(aCookie({ name: '_ga', ...GA, value: 'GA1.1.5.5' }));
        await vi.advanceTimersByTimeAsync(RESAVE_MS - 100);
        expect(await recordSays()).toEqual(['[["ga",true]]']);
        await vi.advanceTimersByTimeAsync(FOLD_MS + 100);
        expect(await recordSays()).toEqual(['[["ga",true]]', null]);
        expect(browser.badges.get(1)?.text).toMatch(/!$/);
        watcher.stop();
      } finally {
        vi.useRealTimers();
      }
    },
  );

  it(
    'under a storm of news (a cookie never seen every 10 ms), writes the journal every NEWS_EVERY_MS, ' +
      'losing no first appearance',
    async () => {
      vi.useFakeTimers({ now: NOW });
      try {
        const browser = twoTabs();
        const watcher = createWatcher(browser, t);
        let writes = 0;
        const writeSession = browser.writeSession.bind(browser);
        browser.writeSession = async (key, value) => {
          writes++;
          await writeSession(key, value);
        };
        for (let i = 0; i < 200; i++) {
          await watcher.onCookieChanged({ removed: false, cookie: aCookie({ name: `storm_${i}` }) });
          await vi.advanceTimersByTimeAsync(10);
        }
        await vi.advanceTimersByTimeAsync(NEWS_EVERY_MS);
        // Back to back, each write would have carried a few events; here about one every NEWS_EVERY_MS.
        expect(writes).toBeGreaterThanOrEqual(2000 / NEWS_EVERY_MS);
        expect(writes).toBeLessThanOrEqual(2000 / NEWS_EVERY_MS + 2);
        const journal = loadJournal(await browser.readSession(journalKey('0')));
        const storm = [...journal.cookies.values()].filter((c) => c.name.startsWith('storm_'));
        expect(storm).toHaveLength(200);
        expect(storm.every((c) => c.firstSeen === NOW + Number(c.name.slice('storm_'.length)) * 10)).toBe(true);
      } finally {
        vi.useRealTimers();
      }
    },
  );

  it('tells news (an arrival, a choice, a first appearance) from what can wait', () => {
    const journal = applyEvents(emptyJournal(), [
      { kind: 'cookie', at: NOW, removed: false, cookie: aCookie({ name: '_ga' }) },
      { kind: 'cookie', at: NOW, removed: false, cookie: aCookie({ name: '_gid' }) },
      { kind: 'cookie', at: NOW + 1, removed: true, cookie: aCookie({ name: '_gid' }) },
    ]);
    const sets = (name: string, records = false) => ({
      kind: 'cookie' as const,
      at: NOW + 2,
      removed: false,
      cookie: aCookie({ name }),
      ...(records ? { record: 'portal' as const } : {}),
    });
    expect(bringsNews(journal, [sets('_ga'), sets('_ga')])).toBe(false);
    expect(bringsNews(journal, [sets('_ga'), sets('_pk_id')])).toBe(true); // a first appearance
    expect(bringsNews(journal, [sets('_gid')])).toBe(true); // back after its removal: a new life, judged anew
    expect(bringsNews(journal, [{ ...sets('_ga'), removed: true }])).toBe(false);
    expect(bringsNews(journal, [sets('cookies_preferences', true)])).toBe(true);
    expect(bringsNews(journal, [{ kind: 'arrival', at: NOW + 2, host: 'data.issy.com' }])).toBe(true);
    // After a choice, the first write of a cookie it knows can turn its verdict: « déposé malgré votre refus ».
    const chosen = applyEvents(journal, [sets('cookies_preferences', true)]);
    expect(bringsNews(chosen, [{ ...sets('_ga'), at: NOW + 3 }])).toBe(true);
    expect(bringsNews(applyEvents(chosen, [{ ...sets('_ga'), at: NOW + 3 }]), [{ ...sets('_ga'), at: NOW + 4 }])).toBe(
      false,
    );
  });

  it(
    'keeps only the cookies a portal sees: its own, its subdomains’, ' + 'its parents’ up to its registrable domain',
    () => {
      const portals = indexPortals(builtInRules());
      expect(
        ['data.issy.com', 'www.data.issy.com', 'issy.com', 'aix.opendatasoft.com', 'opendatasoft.com'].every((host) =>
          portals.reaches(host),
        ),
      ).toBe(true);
      expect(['www.issy.com', 'example.org', 'com'].some((host) => portals.reaches(host))).toBe(false);
    },
  );
});
