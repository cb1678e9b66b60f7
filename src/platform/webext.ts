import type { Browser, Cookies, Storage, Tabs } from 'webextension-polyfill';
import type { ObservedCookie } from '../core/cookies/cookie';
import { cookieUrl } from '../core/portals/site';
import { STORAGE_AREAS, type BrowserAdapter, type PageAdapter, type TabInfo } from './adapter';

type Details = Record<string, unknown>;

/**
 * The browser's cookie already carries every field ObservedCookie names (partitionKey, firstPartyDomain where the
 * browser has them).
 */
const fromBrowser = (cookie: Cookies.Cookie) => cookie as ObservedCookie;

/** Adds a listener to a browser event and hands back what removes it. */
function subscribe<L extends (...args: never[]) => unknown>(
  event: { addListener(listener: L): void; removeListener(listener: L): void },
  listener: L,
) {
  event.addListener(listener);
  return () => event.removeListener(listener);
}

/**
 * One `get` for every key of a storage area asked in the same turn: a woken background asks for several at once, and
 * each round trip to the browser costs it more than the values it brings.
 */
function readsTogether(area: Storage.StorageArea): (key: string) => Promise<unknown> {
  let asked: { keys: Set<string>; values: Promise<Record<string, unknown>> } | undefined;
  return (key) => {
    if (!asked) {
      const keys = new Set<string>();
      const values = Promise.resolve().then(() => {
        asked = undefined;
        return area.get([...keys]);
      });
      asked = { keys, values };
    }
    asked.keys.add(key);
    return asked.values.then((values) => values[key]);
  };
}

/**
 * What the extension's pages may do themselves, over the browser's own API (`native.ts`): no polyfill at their first
 * paint.
 */
export function pageAdapter(browser: Browser): PageAdapter {
  return {
    onCookieChanged(listener) {
      return subscribe(browser.cookies.onChanged, ({ removed, cookie, cause }) => {
        // A cookie written again is told twice: its old value removed ('overwrite'), then the new one.
        // The second says it all; the first would only read as a removal and double the work.
        if (!(removed && cause === 'overwrite')) listener({ removed, cookie: fromBrowser(cookie) });
      });
    },
    async openTab(url) {
      await browser.tabs.create({ url });
    },
    openOptions: () => browser.runtime.openOptionsPage(),
    onStorageChanged(listener, areas = STORAGE_AREAS) {
      const stops = areas
        .filter((area) => browser.storage[area] !== undefined)
        .map((area) =>
          subscribe(browser.storage[area].onChanged, (changes) => {
            const keys = Object.keys(changes);
            listener(
              keys,
              keys.filter((key) => changes[key]?.newValue === undefined),
            );
          }),
        );
      return () => stops.forEach((stop) => stop());
    },
    async fetchPage(url, maxBytes) {
      const signal = AbortSignal.timeout(15_000);
      const response = await fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'manual', signal });
      // A redirect is told as an opaque answer, and its next hop is never requested.
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400))
        return { status: response.status, url, redirected: true, contentType: '', text: '' };
      // Read no more than asked: a page past that is cut, never held whole in memory.
      const reader = response.body?.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      while (reader && size < maxBytes) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        size += value.byteLength;
      }
      await reader?.cancel().catch(() => undefined);
      const bytes = new Uint8Array(Math.min(size, maxBytes));
      let at = 0;
      for (const chunk of chunks) {
        const part = chunk.subarray(0, bytes.length - at);
        bytes.set(part, at);
        at += part.length;
      }
      return {
        status: response.status,
        url,
        redirected: false,
        contentType: response.headers.get('content-type') ?? '',
        text: new TextDecoder().decode(bytes),
      };
    },
    grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
    requestOrigins: (origins) => browser.permissions.request({ origins }),
    removeOrigins: (origins) => browser.permissions.remove({ origins }),
    async runInTab(tabId, func) {
      const [result] = await browser.scripting.executeScript({ target: { tabId }, func });
      return result?.result as Awaited<ReturnType<typeof func>> | undefined;
    },
    extensionUrl: (path) => browser.runtime.getURL(path),
  };
}

/** The background's adapter, over the polyfill's API. */
export function webextAdapter(browser: Browser): BrowserAdapter {
  /** Firefox alone knows first-party isolation; Chrome rejects the property outright. */
  const isFirefox = typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
  const DEFAULT_STORE = isFirefox ? 'firefox-default' : '0';

  /**
   * The identity of a cookie in the browser's own terms: partition and isolation included, so nothing else is touched.
   */
  function identity(cookie: ObservedCookie): Details & { url: string; name: string } {
    const details: Details & { url: string; name: string } = {
      url: cookieUrl(cookie),
      name: cookie.name,
      storeId: cookie.storeId,
    };
    if (cookie.partitionKey?.topLevelSite !== undefined) details.partitionKey = cookie.partitionKey;
    if (isFirefox) details.firstPartyDomain = cookie.firstPartyDomain ?? '';
    return details;
  }

  type Stores = Awaited<ReturnType<typeof browser.cookies.getAllCookieStores>>;

  function toTabInfo(tab: Tabs.Tab, stores: Stores): TabInfo | undefined {
    if (tab.id === undefined) return undefined;
    const storeId =
      stores.find((store) => store.tabIds.includes(tab.id as number))?.id ??
      (tab.cookieStoreId as string | undefined) ??
      DEFAULT_STORE;
    return { id: tab.id, url: tab.url, storeId };
  }

  /** Tabs with the cookie store each uses, asked for together rather than one after the other. */
  async function withStores<T>(tabs: Promise<T>): Promise<[T, Stores]> {
    return Promise.all([tabs, browser.cookies.getAllCookieStores()]);
  }

  const { sync, local, session } = browser.storage;
  const readSync = sync && readsTogether(sync);
  const [readLocal, readSession] = [readsTogether(local), readsTogether(session)];

  return {
    ...pageAdapter(browser),
    async readPackaged(path) {
      return (await fetch(browser.runtime.getURL(path))).json();
    },
    async getAll(domain, storeId) {
      const query: Details = { domain, storeId, partitionKey: {} };
      if (isFirefox) query.firstPartyDomain = null;
      return (await browser.cookies.getAll(query as Cookies.GetAllDetailsType)).map(fromBrowser);
    },
    async removeCookie(cookie) {
      try {
        const removed = await browser.cookies.remove(identity(cookie) as Cookies.RemoveDetailsType);
        return removed !== null && removed !== undefined;
      } catch {
        return false;
      }
    },
    async setCookie(cookie) {
      const details: Details & { url: string } = {
        ...identity(cookie),
        value: cookie.value,
        path: cookie.path,
        secure: cookie.secure,
        httpOnly: cookie.httpOnly,
        sameSite: cookie.sameSite,
      };
      if (!cookie.hostOnly) details.domain = cookie.domain;
      if (!cookie.session && cookie.expirationDate !== undefined) details.expirationDate = cookie.expirationDate;
      try {
        return (await browser.cookies.set(details as Cookies.SetDetailsType)) !== null;
      } catch {
        return false;
      }
    },
    async getTab(tabId) {
      try {
        const [tab, stores] = await withStores(browser.tabs.get(tabId));
        return toTabInfo(tab, stores);
      } catch {
        return undefined;
      }
    },
    async activeTab() {
      const [[tab], stores] = await withStores(browser.tabs.query({ active: true, currentWindow: true }));
      return tab ? toTabInfo(tab, stores) : undefined;
    },
    async allTabs() {
      const [tabs, stores] = await withStores(browser.tabs.query({}));
      return tabs.map((tab) => toTabInfo(tab, stores)).filter((tab): tab is TabInfo => tab !== undefined);
    },
    onTabChanged(listener) {
      const notify = (tab: Tabs.Tab, navigated: boolean) =>
        void browser.cookies.getAllCookieStores().then((stores) => {
          const info = toTabInfo(tab, stores);
          if (info) listener(info, navigated);
        });
      const activated = subscribe(
        browser.tabs.onActivated,
        ({ tabId }) =>
          void browser.tabs.get(tabId).then(
            (tab) => notify(tab, false),
            () => undefined,
          ),
      );
      const updated = subscribe(browser.tabs.onUpdated, (_, change, tab) => {
        // A page starting to load is the visitor's arrival; a finished one may have new cookies to count.
        if (change.url !== undefined || change.status === 'loading' || change.status === 'complete')
          notify(tab, change.status === 'loading');
      });
      return () => {
        activated();
        updated();
      };
    },
    async setBadge(tabId, badge) {
      await Promise.all([
        browser.action.setBadgeText({ tabId, text: badge.text }),
        browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
        browser.action.setTitle({ tabId, title: badge.title }),
      ]).catch(() => undefined); // the tab may have closed meanwhile
    },
    // Settings follow the user through sync; past sync's quota (8 kB an item) they stay on this
    // machine in local instead of being refused, and go back to sync once they fit again.
    async readStorage(key) {
      const [synced, kept] = await Promise.all([readSync?.(key), readLocal(key)]);
      return synced ?? kept;
    },
    async writeStorage(key, value) {
      try {
        await sync.set({ [key]: value });
        await local.remove(key);
      } catch {
        await local.set({ [key]: value });
        await sync?.remove(key).catch(() => undefined);
      }
    },
    readCache: readLocal,
    async writeCache(key, value) {
      await browser.storage.local.set({ [key]: value });
    },
    readSession,
    async writeSession(key, value) {
      await browser.storage.session.set({ [key]: value });
    },
    onPermissionsChanged(listener) {
      const added = subscribe(browser.permissions.onAdded, () => listener());
      const removed = subscribe(browser.permissions.onRemoved, () => listener());
      return () => {
        added();
        removed();
      };
    },
    onSuspend(listener) {
      const event = (browser.runtime as { onSuspend?: Parameters<typeof subscribe>[0] }).onSuspend;
      return event ? subscribe(event, listener) : () => undefined;
    },
  };
}
