import type { BrowserAdapter } from '../platform/adapter';
import type { Handlers } from '../protocol';
import { removeCookies, restoreCookies } from './cookie-edits';
import { buildSiteView } from './site-view';

/** The background's one table of request handlers; the clock is injected so tests control it. */
export function createHandlers(adapter: BrowserAdapter, now: () => number = Date.now): Handlers {
  return {
    siteView: async ({ tabId }) => buildSiteView(adapter, tabId === undefined ? await adapter.activeTab() : await adapter.getTab(tabId), now()),
    removeCookies: ({ cookies }) => removeCookies(adapter, cookies),
    restoreCookies: ({ cookies }) => restoreCookies(adapter, cookies, now()),
  };
}
