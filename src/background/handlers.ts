import { charteKey, loadStoredCharte } from '../core/compare';
import { loadHistory, UNDO_KEY, withRemoval, type UndoEntry } from '../core/undo';
import type { BrowserAdapter } from '../platform/adapter';
import type { Handlers } from '../protocol';
import { removeCookies, restoreCookies } from './cookie-edits';
import { addPortals, readPortals, writePortals } from './portals';
import { buildSiteView } from './site-view';

/** The background's one table of request handlers; the clock is injected so tests control it. */
export function createHandlers(adapter: BrowserAdapter, now: () => number = Date.now): Handlers {
  // Two quick removals must not both read the history before either writes it: one after the other.
  let editing: Promise<unknown> = Promise.resolve();
  const editHistory = (edit: (history: UndoEntry[]) => UndoEntry[]) => {
    const run = editing.then(async () => adapter.writeSession(UNDO_KEY, edit(loadHistory(await adapter.readSession(UNDO_KEY)))));
    editing = run.catch(() => undefined);
    return run;
  };

  return {
    siteView: async ({ tabId }) => buildSiteView(adapter, tabId === undefined ? await adapter.activeTab() : await adapter.getTab(tabId), now()),
    removeCookies: async ({ host, cookies }) => {
      const outcome = await removeCookies(adapter, cookies);
      if (outcome.done.length > 0) {
        const at = now();
        await editHistory((history) => withRemoval(history, { id: `${at}-${Math.random().toString(36).slice(2, 8)}`, host, at, cookies: outcome.done }));
      }
      return outcome;
    },
    undoRemoval: async ({ id }) => {
      const entry = loadHistory(await adapter.readSession(UNDO_KEY)).find((item) => item.id === id);
      if (!entry) return { done: [], skipped: [], failed: [] };
      const outcome = await restoreCookies(adapter, entry.cookies, now());
      await editHistory((history) => history.filter((item) => item.id !== id));
      return outcome;
    },
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
      if (valid === null) return { saved: false };
      await adapter.writeCache(charteKey(host), valid);
      return { saved: true };
    },
  };
}
