import { charteKey, loadStoredCharte } from '../core/charte/stored-charte';
import { loadHistory, UNDO_HOSTS_KEY, UNDO_KEY, withHost, withRemoval, type UndoEntry } from '../core/cookies/undo';
import type { BrowserAdapter } from '../platform/adapter';
import type { CookieSource } from '../core/portals/site';
import type { JarMirror } from './jar-mirror';
import type { Handlers } from '../protocol';
import { presentIn, removeCookies, restoreCookies } from './cookie-edits';
import { addPortals, readPortals, writePortals } from './portal-settings';
import { buildSiteView } from './site-view';
import { systemNow } from '../core/util/clock';

/**
 * The background's one table of request handlers; the clock is injected so tests control it. Views
 * read the jar from `jar`, which is told at once of what a removal or an undo was seen to change.
 */
export function createHandlers(
  adapter: BrowserAdapter,
  now: () => number = systemNow,
  jar: CookieSource & Partial<Pick<JarMirror, 'take'>> = adapter,
  journalRefused: (storeId: string) => boolean = () => false,
): Handlers {
  // Removals and undos one after another: « Effacer » confirmed twice in one tick removes once,
  // and two edits never both read the history before either writes it.
  let editing: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const run = editing.then(task);
    editing = run.catch(() => undefined);
    return run;
  };
  const readHistory = async () => loadHistory(await adapter.readSession(UNDO_KEY));

  return {
    siteView: ({ tabId }) =>
      buildSiteView(
        adapter,
        tabId === undefined ? adapter.activeTab() : adapter.getTab(tabId),
        now(),
        jar,
        journalRefused,
      ),
    // The undo entry is written first, with the cookies as the jar holds them: a cookie is never
    // removed without the means to put it back. When storage refuses, nothing is removed.
    removeCookies: ({ host, cookies }) =>
      oneAtATime(async () => {
        const present = await presentIn(adapter, cookies);
        if (present.length === 0) return { done: [], skipped: [], failed: [] };
        const at = now();
        const entry: UndoEntry = { id: `${at}-${Math.random().toString(36).slice(2, 8)}`, host, at, cookies: present };
        // One edit at a time: the history written here is the one still stored when the removals are done.
        const history = withRemoval(await readHistory(), entry);
        const noUndo = {
          done: [],
          skipped: [],
          failed: present.map((cookie) => ({ cookie, reason: 'noUndoSpace' }) as const),
        };
        if (history === null) return noUndo;
        try {
          await adapter.writeSession(UNDO_KEY, history);
        } catch {
          return noUndo;
        }
        // Only a later session reads it: written while the cookies go.
        const remembered = adapter
          .readCache(UNDO_HOSTS_KEY)
          .then((hosts) => adapter.writeCache(UNDO_HOSTS_KEY, withHost(hosts, host)))
          .catch(() => undefined);
        const [outcome] = await Promise.all([removeCookies(adapter, present), remembered]);
        for (const cookie of outcome.done) jar.take?.({ removed: true, cookie });
        if (outcome.done.length < present.length) {
          const kept = history
            .map((item) => (item.id === entry.id ? { ...item, cookies: outcome.done } : item))
            .filter((item) => item.cookies.length > 0);
          // Past a failure here the entry still holds cookies left in place: its undo skips them.
          await adapter.writeSession(UNDO_KEY, kept).catch(() => undefined);
        }
        return outcome;
      }),
    undoRemoval: ({ id }) =>
      oneAtATime(async () => {
        const history = await readHistory();
        const entry = history.find((item) => item.id === id);
        if (!entry) return { done: [], skipped: [], failed: [] };
        const outcome = await restoreCookies(adapter, entry.cookies, now());
        for (const cookie of outcome.done) jar.take?.({ removed: false, cookie });
        await adapter
          .writeSession(
            UNDO_KEY,
            history.filter((item) => item.id !== id),
          )
          .catch(() => undefined);
        return outcome;
      }),
    portals: () => readPortals(adapter),
    savePortals: async ({ rules }) => {
      await writePortals(adapter, rules, now);
      return null;
    },
    addPortals: async ({ entries }) => {
      await addPortals(adapter, entries, now);
      return null;
    },
    saveCharte: async ({ host, charte }) => {
      const valid = loadStoredCharte(charte);
      if (valid === null) return { saved: false, reason: 'invalid' };
      try {
        await adapter.writeCache(charteKey(host), valid);
      } catch {
        return { saved: false, reason: 'storage' };
      }
      return { saved: true };
    },
  };
}
