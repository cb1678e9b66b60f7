import { cookieHost, cookieKey, type ObservedCookie } from '../core/cookies/cookie';
import type { Translate } from '../core/util/i18n';
import {
  applyEvents,
  bringsNews,
  resaveAwaitedUntil,
  journalKey,
  JOURNAL_REFUSED_KEY,
  loadJournal,
  storeJournal,
  type Journal,
  type JournalEvent,
} from '../core/consent/journal';
import { coalesce } from '../core/util/coalesce';
import { cookieEvent } from '../core/catalogue/match';
import { SETTINGS_KEY } from '../core/portals/settings';
import { portalIndexOf, type PortalIndex } from '../core/portals/portal-index';
import type { BrowserAdapter, TabInfo } from '../platform/adapter';
import type { CookieSource } from '../core/portals/site';
import { createBadgeWatcher } from './badge';
import { webHost } from './site-view';
import { systemNow } from '../core/util/clock';

/** Long enough to fold a burst of cookie events into one write, short enough that the badge follows at once. */
export const FOLD_MS = 150;
/** How long the rewrite of a cookie the journal knows may wait for the next write. */
export const JOURNAL_EVERY_MS = 1_000;
/**
 * News waits for nothing but the previous write, and that only this long: under a storm of news
 * (a jar past its limit, evicting and taking back cookies many times a second) the journal is
 * written four times a second, not back to back — each write is the whole journal, and the
 * browser hands it to every page listening to storage. Chrome stops a worker only after 30 s
 * without events; Firefox says so first (`onSuspend`), and then everything pending is written.
 */
export const NEWS_EVERY_MS = 250;

/** Events kept for a store whose journal storage refuses, until it takes them again. */
const MAX_PENDING = 10_000;

/**
 * The background's watcher: keeps the journal (session storage) and every badge current. What a
 * verdict can turn on (`bringsNews`) is written at once (NEWS_EVERY_MS after the previous write at
 * most), before the browser may stop the background; other events are folded: each costs a map
 * entry, and every FOLD_MS (a rewrite of a cookie the journal knows, every JOURNAL_EVERY_MS) one
 * write per cookie store, then one look at the tabs, so the work follows what changed, not how often.
 * A removed consent record holds its store's write until it is written again or RESAVE_MS have
 * passed: a re-save is never shown as a moment without a choice.
 */
export function createWatcher(
  adapter: BrowserAdapter,
  t: Translate,
  now: () => number = systemNow,
  cookies: CookieSource = adapter,
) {
  const badges = createBadgeWatcher(adapter, t, now, cookies);
  let portals: Promise<PortalIndex> | undefined;
  const currentPortals = () => (portals ??= adapter.readStorage(SETTINGS_KEY).then(portalIndexOf));
  const pending = new Map<string, JournalEvent[]>();
  /** The newest change of each cookie slot in the burst: what the badges need to look at. */
  const changed = new Map<string, ObservedCookie>();
  /** Stores whose pending events hold news, its write already asked for. */
  const newsAwaited = new Set<string>();
  /** When each store's journal was last written. */
  const written = new Map<string, number>();
  /** Stores whose last journal write storage refused: their journal lags behind the jar. */
  const refused = new Set<string>();
  /** A journal refused, or written again: the pages that follow journals hear storage, and a refusal is silent. */
  const refusalChanged = () => void adapter.writeCache(JOURNAL_REFUSED_KEY, now()).catch(() => undefined);
  /** Each store's journal as last read or written, kept while storage still holds that very value. */
  const parsed = new Map<string, { raw: unknown; journal: Journal }>();
  let flushing: Promise<void> = Promise.resolve();
  const schedule = coalesce(() => void flush(false), FOLD_MS, now);

  async function journalOf(storeId: string): Promise<Journal> {
    const raw = await adapter.readSession(journalKey(storeId));
    const known = parsed.get(storeId);
    if (known && known.raw === raw) return known.journal;
    const journal = loadJournal(raw);
    parsed.set(storeId, { raw, journal });
    return journal;
  }

  function record(storeId: string, event: JournalEvent): void {
    const list = pending.get(storeId) ?? [];
    list.push(event);
    if (list.length > MAX_PENDING) list.shift();
    pending.set(storeId, list);
    // Without a journal read yet, any event may be news: its journal write starts now, not a timer
    // later; the badges follow with the rest of the burst. Once news is awaited, the events that
    // follow ride with it: under a storm, no event looks again at all those pending before it.
    // A record's write is looked at at once too: it may end the wait for a re-save.
    const known = parsed.get(storeId)?.journal;
    const recordWrite = event.kind === 'cookie' && event.record !== undefined && !event.removed;
    if (recordWrite || (!newsAwaited.has(storeId) && (known === undefined || bringsNews(known, [event])))) {
      newsAwaited.add(storeId);
      void flush(false, false);
    }
    schedule();
  }

  /**
   * Writes what the burst taught the journal, then refreshes the badges it concerns: in that order,
   * so a badge reads the journal it needs — news left for the next write takes its cookies' badges
   * with it. Storage that refuses keeps nothing from being tried again: the events stay pending, in
   * order, for the next write.
   */
  function flush(everything: boolean, withBadges = true): Promise<void> {
    const cookies = withBadges ? [...changed.values()] : [];
    if (withBadges) changed.clear();
    flushing = flushing
      .then(async () => {
        let newsWaits = false;
        await Promise.all(
          [...pending.keys()].map(async (storeId) => {
            const journal = await journalOf(storeId);
            const events = pending.get(storeId) ?? [];
            const news = bringsNews(journal, events);
            const wait = Math.max(
              (written.get(storeId) ?? -Infinity) + (news ? NEWS_EVERY_MS : JOURNAL_EVERY_MS) - now(),
              (resaveAwaitedUntil(events) ?? -Infinity) - now(),
            );
            if (!everything && wait > 0) {
              if (news) newsWaits = true;
              else newsAwaited.delete(storeId);
              return schedule(wait);
            }
            pending.delete(storeId);
            newsAwaited.delete(storeId);
            parsed.delete(storeId); // folded in place: until the write is taken, storage holds the older one
            const stored = storeJournal(applyEvents(journal, events));
            try {
              await adapter.writeSession(journalKey(storeId), stored);
              written.set(storeId, now());
              parsed.set(storeId, { raw: stored, journal });
              if (refused.delete(storeId)) refusalChanged();
            } catch {
              if (!refused.has(storeId)) {
                refused.add(storeId);
                refusalChanged();
              }
              pending.set(storeId, [...events, ...(pending.get(storeId) ?? [])].slice(-MAX_PENDING));
              schedule(JOURNAL_EVERY_MS);
            }
          }),
        );
        if (!withBadges) return;
        if (!newsWaits) return badges.refreshFor(cookies);
        for (const cookie of cookies) {
          const key = cookieKey(cookie);
          if (!changed.has(key)) changed.set(key, cookie); // a newer change of the same cookie wins
        }
      })
      .catch(() => undefined);
    return flushing;
  }

  return {
    async onCookieChanged({ removed, cookie }: { removed: boolean; cookie: ObservedCookie }): Promise<void> {
      const at = now(); // when the browser told, before anything is awaited
      changed.set(cookieKey(cookie), cookie);
      if ((await currentPortals()).reaches(cookieHost(cookie))) {
        record(cookie.storeId, cookieEvent(cookie, removed, at));
      } else schedule();
    },
    async onTabChanged(tab: TabInfo, navigated: boolean): Promise<void> {
      const at = now();
      const site = webHost(tab.url);
      if (navigated && site && (await currentPortals()).ruleOf(site.host))
        record(tab.storeId, { kind: 'arrival', at, host: site.host });
      await badges.refreshTab(tab);
    },
    onSettingsChanged(): void {
      portals = undefined;
      void badges.refreshAll();
    },
    refreshAll: badges.refreshAll,
    /** Storage refused this store's journal: pages cannot follow it, nor trust it to be current. */
    journalRefused: (storeId: string) => refused.has(storeId),
    /** Writes what is pending now, without waiting for the fold (tests, and a background about to stop). */
    flush: () => {
      schedule.cancel();
      return flush(true);
    },
  };
}

/** Registers the watcher on the browser's events; returns it, and what stops it. */
export function watchBrowser(
  adapter: BrowserAdapter,
  t: Translate,
  now: () => number = systemNow,
  cookies: CookieSource = adapter,
) {
  const watcher = createWatcher(adapter, t, now, cookies);
  const stops = [
    adapter.onCookieChanged((change) => void watcher.onCookieChanged(change)),
    adapter.onTabChanged((tab, navigated) => void watcher.onTabChanged(tab, navigated)),
    // A charte read, a portal switched off or removed, settings imported, a permission granted or removed: every badge
    // may change.
    adapter.onStorageChanged(
      (keys) => {
        if (keys.some((key) => key === SETTINGS_KEY || key.startsWith('charte:'))) watcher.onSettingsChanged();
      },
      ['sync', 'local'],
    ),
    adapter.onPermissionsChanged(() => void watcher.refreshAll()),
    // Firefox tells an event page it is about to stop: what is pending is written first.
    adapter.onSuspend(() => void watcher.flush()),
  ];
  return { ...watcher, stop: () => stops.forEach((stop) => stop()) };
}
