import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../src/background/background';
import { NEWS_EVERY_MS } from '../../src/background/watcher';
import { journalKey, loadJournal } from '../../src/core/consent/journal';
import { MAX_UNDO_BYTES, UNDO_KEY } from '../../src/core/cookies/undo';
import type { SiteView } from '../../src/protocol';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { translatorFor } from '../helpers/translate';
import { everyCookie } from '../../src/core/report/site-report';

// « Nothing lost »: what the background learnt survives its being stopped, and « Effacer » never
// removes a cookie it could not put back.

const NOW = Date.UTC(2026, 10, 30, 9);
const t = translatorFor('fr');
const GA = { domain: '.issy.com', hostOnly: false };
const refusal = aCookie({
  name: 'cookies_preferences',
  value: encodeURIComponent(JSON.stringify({ ga: false, timestamp: NOW / 1000 })),
});

function portalTab() {
  const browser = new FakeBrowser([aCookie({ name: 'sessionid' })], ['data.issy.com']);
  browser.tabs.set(1, { id: 1, url: 'https://data.issy.com/', storeId: '0' });
  return browser;
}
const siteOf = async (background: ReturnType<typeof startBackground>) =>
  (await background.handlers.siteView({ tabId: 1 })) as Extract<SiteView, { kind: 'site' }>;
/** The cookies the popup would offer to clear on the portal's tab. */
const cookiesOf = async (background: ReturnType<typeof startBackground>) =>
  everyCookie((await siteOf(background)).report!).map((c) => c.cookie);
const verdictOf = (view: Extract<SiteView, { kind: 'site' }>, name: string) =>
  (view.report ? everyCookie(view.report) : []).find((c) => c.cookie.name === name)?.verdict?.kind;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the badge says what the popup says', () => {
  it(
    'goes red once news that waited for the previous journal write is written: ' + '_ga set 100 ms after the refusal',
    async () => {
      const browser = portalTab();
      const background = startBackground(browser, t);
      await background.watcher.refreshAll();
      browser.siteSets(refusal);
      await vi.advanceTimersByTimeAsync(100);
      browser.siteSets(aCookie({ name: '_ga', ...GA }));
      await vi.advanceTimersByTimeAsync(5_000);
      expect(verdictOf(await siteOf(background), '_ga')).toBe('setDespiteRefusal');
      expect(browser.badges.get(1)?.text).toBe('3!');
      background.stop();
    },
  );
});

describe('a violation survives the background being stopped', () => {
  it(
    'refused, _ga set, the background stopped in the next turn of its event loop: ' + 'the journal has it, red',
    async () => {
      const browser = portalTab();
      const first = startBackground(browser, t);
      browser.siteSets(refusal);
      await vi.advanceTimersByTimeAsync(1000);
      browser.siteSets(aCookie({ name: '_ga', ...GA }));
      await vi.advanceTimersByTimeAsync(0); // no fold: a first appearance is written at once
      first.stop();

      const restarted = startBackground(browser, t);
      const view = await siteOf(restarted);
      expect(verdictOf(view, '_ga')).toBe('setDespiteRefusal');
      expect(view.report?.counts.alerts).toBe(1);
      restarted.stop();
    },
  );

  it('what waits for the next write is written when Firefox says the event page will stop', async () => {
    const browser = portalTab();
    const background = startBackground(browser, t);
    browser.siteSets(aCookie({ name: '_ga', ...GA }));
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(NOW + 10);
    browser.siteSets(aCookie({ name: '_ga', ...GA, value: 'rewritten' })); // a rewrite: it may wait a second
    await vi.advanceTimersByTimeAsync(200);
    const lastChanged = async () =>
      [...loadJournal(await browser.readSession(journalKey('0'))).cookies.values()].find((c) => c.name === '_ga')
        ?.lastChanged;
    expect(await lastChanged()).toBe(NOW);
    browser.suspend();
    await vi.advanceTimersByTimeAsync(0);
    expect(await lastChanged()).toBe(NOW + 10);
    background.stop();
  });

  it('storage that refuses the journal loses nothing: the events are written once it takes them again', async () => {
    const browser = portalTab();
    const background = startBackground(browser, t);
    browser.sessionQuota = 0;
    browser.siteSets(refusal);
    await vi.advanceTimersByTimeAsync(500);
    browser.siteSets(aCookie({ name: '_ga', ...GA }));
    await vi.advanceTimersByTimeAsync(500);
    expect(browser.session.has(journalKey('0'))).toBe(false);
    browser.sessionQuota = Infinity;
    await vi.advanceTimersByTimeAsync(1000);
    expect(verdictOf(await siteOf(background), '_ga')).toBe('setDespiteRefusal');
    background.stop();
  });

  it('a session storage cleared behind its back is believed, never written back from memory', async () => {
    const browser = portalTab();
    const background = startBackground(browser, t);
    browser.siteSets(aCookie({ name: '_ga', ...GA }));
    await vi.advanceTimersByTimeAsync(0);
    browser.clearSession();
    browser.siteSets(aCookie({ name: '_gid', ...GA }));
    await vi.advanceTimersByTimeAsync(NEWS_EVERY_MS); // news, a moment after the previous write
    const journal = loadJournal(await browser.readSession(journalKey('0')));
    expect([...journal.cookies.values()].map((c) => c.name)).toEqual(['_gid']);
    background.stop();
  });
});

describe('« Effacer » never removes what it cannot put back', () => {
  /** A hostile portal: 170 cookies of 4 kB with long paths. */
  const hostile = (browser: FakeBrowser, round: number) => {
    for (let i = 0; i < 170; i++)
      browser.siteSets(
        aCookie({ name: `c${i}`, value: `${round}`.padEnd(3800, 'x'), path: `/${'p'.repeat(1500)}/${i}` }),
      );
  };

  it('cleared 11 times, session storage never fills: every clearing has its undo', async () => {
    const browser = portalTab();
    browser.sessionQuota = 10 * 1024 * 1024;
    const background = startBackground(browser, t);
    for (let round = 0; round < 11; round++) {
      hostile(browser, round);
      await vi.advanceTimersByTimeAsync(1000);
      const view = await siteOf(background);
      const cookies = everyCookie(view.report!).map((c) => c.cookie);
      const outcome = await background.handlers.removeCookies({ host: 'data.issy.com', cookies });
      expect(cookies.length).toBeGreaterThanOrEqual(170);
      expect(outcome.failed).toEqual([]);
      expect(outcome.done).toHaveLength(cookies.length);
      expect((await siteOf(background)).undo[0]?.cookies).toHaveLength(cookies.length);
    }
    expect(JSON.stringify(browser.session.get(UNDO_KEY)).length).toBeLessThanOrEqual(MAX_UNDO_BYTES);
    background.stop();
  });

  /** The portal with two cookies of its own, its background started and its journal written. */
  async function twoCookies() {
    const browser = portalTab();
    const background = startBackground(browser, t);
    browser.siteSets(aCookie({ name: 'csrftoken' }));
    await vi.advanceTimersByTimeAsync(1000);
    return { browser, background, cookies: await cookiesOf(background) };
  }

  it('when storage refuses the undo entry, nothing is removed and the reason is given', async () => {
    const { browser, background, cookies } = await twoCookies();
    browser.sessionQuota = 0;
    const outcome = await background.handlers.removeCookies({ host: 'data.issy.com', cookies });
    expect(outcome.done).toEqual([]);
    expect(outcome.failed.map((f) => f.reason)).toEqual(['noUndoSpace', 'noUndoSpace']);
    expect(
      browser
        .all()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['csrftoken', 'sessionid']);
    background.stop();
  });

  it('confirmed twice in one tick: one entry, and its undo puts every cookie back', async () => {
    const { background, cookies } = await twoCookies();
    const [once, twice] = await Promise.all([
      background.handlers.removeCookies({ host: 'data.issy.com', cookies }),
      background.handlers.removeCookies({ host: 'data.issy.com', cookies }),
    ]);
    expect(once.done).toHaveLength(2);
    expect(twice).toEqual({ done: [], skipped: [], failed: [] });
    const { undo } = await siteOf(background);
    expect(undo).toHaveLength(1);
    const back = await background.handlers.undoRemoval({ id: undo[0]!.id });
    expect(back).toMatchObject({ skipped: [], failed: [] });
    expect(back.done).toHaveLength(2);
    background.stop();
  });

  it('after the browser restarts, the lost history is said; a new clearing starts a new one', async () => {
    const browser = portalTab();
    const background = startBackground(browser, t);
    const cookies = await cookiesOf(background);
    await background.handlers.removeCookies({ host: 'data.issy.com', cookies });
    background.stop();
    browser.clearSession();
    browser.siteSets(aCookie({ name: 'sessionid' }));

    const restarted = startBackground(browser, t);
    expect(await siteOf(restarted)).toMatchObject({ undo: [], undoLost: true });
    const again = await cookiesOf(restarted);
    await restarted.handlers.removeCookies({ host: 'data.issy.com', cookies: again });
    expect(await siteOf(restarted)).toMatchObject({ undoLost: false });
    expect((await siteOf(restarted)).undo).toHaveLength(1);
    restarted.stop();
  });
});
