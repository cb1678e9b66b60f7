import browser, { type Cookies, type Tabs } from 'webextension-polyfill';
import type { ObservedCookie } from '../core/cookie';
import { cookieUrl } from '../core/site';
import type { BrowserAdapter, TabInfo } from './adapter';

/** Firefox alone knows first-party isolation; Chrome rejects the property outright. */
const isFirefox = typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
const DEFAULT_STORE = isFirefox ? 'firefox-default' : '0';

type Details = Record<string, unknown>;

function fromBrowser(cookie: Cookies.Cookie): ObservedCookie {
  const { name, value, domain, hostOnly, path, secure, httpOnly, sameSite, session, expirationDate, storeId, firstPartyDomain } = cookie;
  const partitionKey = (cookie as { partitionKey?: ObservedCookie['partitionKey'] }).partitionKey;
  return { name, value, domain, hostOnly, path, secure, httpOnly, sameSite, session, expirationDate, storeId, partitionKey, firstPartyDomain };
}

/** The identity of a cookie in the browser's own terms: partition and isolation included, so nothing else is touched. */
function identity(cookie: ObservedCookie): Details & { url: string; name: string } {
  const details: Details & { url: string; name: string } = { url: cookieUrl(cookie), name: cookie.name, storeId: cookie.storeId };
  if (cookie.partitionKey?.topLevelSite !== undefined) details.partitionKey = cookie.partitionKey;
  if (isFirefox) details.firstPartyDomain = cookie.firstPartyDomain ?? '';
  return details;
}

async function storeOfTab(tab: Tabs.Tab): Promise<string> {
  const stores = await browser.cookies.getAllCookieStores();
  return stores.find((store) => tab.id !== undefined && store.tabIds.includes(tab.id))?.id ?? (tab.cookieStoreId as string | undefined) ?? DEFAULT_STORE;
}

async function toTabInfo(tab: Tabs.Tab): Promise<TabInfo | undefined> {
  if (tab.id === undefined) return undefined;
  return { id: tab.id, url: tab.url, storeId: await storeOfTab(tab) };
}

const storageArea = browser.storage.sync ?? browser.storage.local;

export const webextAdapter: BrowserAdapter = {
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
  onCookieChanged(listener) {
    browser.cookies.onChanged.addListener(({ removed, cookie }) => listener({ removed, cookie: fromBrowser(cookie) }));
  },
  async getTab(tabId) {
    try {
      return await toTabInfo(await browser.tabs.get(tabId));
    } catch {
      return undefined;
    }
  },
  async activeTab() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab ? toTabInfo(tab) : undefined;
  },
  async allTabs() {
    const tabs = await Promise.all((await browser.tabs.query({})).map(toTabInfo));
    return tabs.filter((tab): tab is TabInfo => tab !== undefined);
  },
  onTabChanged(listener) {
    const notify = (tab: Tabs.Tab) => void toTabInfo(tab).then((info) => info && listener(info));
    browser.tabs.onActivated.addListener(({ tabId }) => void browser.tabs.get(tabId).then(notify, () => undefined));
    browser.tabs.onUpdated.addListener((_, change, tab) => {
      if (change.url !== undefined || change.status === 'complete') notify(tab);
    });
  },
  async openTab(url) {
    await browser.tabs.create({ url });
  },
  async setBadge(tabId, badge) {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badge.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      browser.action.setTitle({ tabId, title: badge.title }),
    ]).catch(() => undefined); // the tab may have closed meanwhile
  },
  async readStorage(key) {
    return (await storageArea.get(key))[key];
  },
  async writeStorage(key, value) {
    await storageArea.set({ [key]: value });
  },
  async readCache(key) {
    return (await browser.storage.local.get(key))[key];
  },
  async writeCache(key, value) {
    await browser.storage.local.set({ [key]: value });
  },
  async fetchPage(url) {
    const response = await fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'follow', signal: AbortSignal.timeout(15_000) });
    return { status: response.status, text: await response.text() };
  },
  hasOrigins: (origins) => browser.permissions.contains({ origins }),
  requestOrigins: (origins) => browser.permissions.request({ origins }),
  removeOrigins: (origins) => browser.permissions.remove({ origins }),
  async runInTab(tabId, func) {
    const [result] = await browser.scripting.executeScript({ target: { tabId }, func });
    return result?.result as Awaited<ReturnType<typeof func>> | undefined;
  },
  extensionUrl: (path) => browser.runtime.getURL(path),
  uiLanguage: () => browser.i18n.getUILanguage(),
};
