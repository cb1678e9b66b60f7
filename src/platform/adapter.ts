import type { ObservedCookie } from '../core/cookies/cookie';
import type { CookieSource } from '../core/portals/site';

export interface TabInfo {
  id: number;
  url: string | undefined;
  /** The cookie store the tab uses: a container, a private window, incognito. */
  storeId: string;
}

export interface CookieChange {
  removed: boolean;
  cookie: ObservedCookie;
}

export type Unsubscribe = () => void;

export type StorageArea = 'sync' | 'local' | 'session';
export const STORAGE_AREAS: readonly StorageArea[] = ['sync', 'local', 'session'];

export interface FetchedPage {
  status: number;
  /** The address asked for: redirects are never followed. */
  url: string;
  /** The page answered with a redirect, which was not followed. */
  redirected: boolean;
  contentType: string;
  text: string;
}

export interface Badge {
  text: string;
  color: string;
  title: string;
}

/**
 * Everything the extension asks of the browser, in one thin typed interface.
 * `webext.ts` is the real one; tests use an in-memory fake, so core, background and UI run in Node.
 */
export interface BrowserAdapter extends CookieSource {
  /** Resolves true only when the browser confirms the cookie is gone. */
  removeCookie(cookie: ObservedCookie): Promise<boolean>;
  /** Writes the cookie back exactly as given; resolves true when the browser stored it. */
  setCookie(cookie: ObservedCookie): Promise<boolean>;
  /** Each `on…` returns the function that removes the listener: pages clean up what they register. */
  onCookieChanged(listener: (change: CookieChange) => void): Unsubscribe;

  getTab(tabId: number): Promise<TabInfo | undefined>;
  activeTab(): Promise<TabInfo | undefined>;
  allTabs(): Promise<TabInfo[]>;
  /** A tab shown or loaded; `navigated` when a page finished loading in it (the visitor arrived). */
  onTabChanged(listener: (tab: TabInfo, navigated: boolean) => void): Unsubscribe;
  openTab(url: string): Promise<void>;
  /** Opens the options page, or brings its open tab forward. */
  openOptions(): Promise<void>;
  setBadge(tabId: number, badge: Badge): Promise<void>;

  /** The user's settings: synced between their browsers where the browser can. */
  readStorage(key: string): Promise<unknown>;
  writeStorage(key: string, value: unknown): Promise<void>;
  /** What the extension learnt on this machine (portals' chartes): local, never synced. */
  readCache(key: string): Promise<unknown>;
  writeCache(key: string, value: unknown): Promise<void>;
  /** What lasts until the browser closes (the undo history): survives a service-worker restart. */
  readSession(key: string): Promise<unknown>;
  writeSession(key: string, value: unknown): Promise<void>;
  /**
   * A stored value changed (settings, a charte read, settings imported): the keys that did, and those removed, in the
   * areas listened to.
   */
  onStorageChanged(listener: (keys: string[], removed: string[]) => void, areas?: readonly StorageArea[]): Unsubscribe;

  /**
   * The one request the extension ever makes, on the user's click: a page, without cookies and
   * without following redirects, read up to `maxBytes` and within a time limit. Rejects with an error named
   * `TimeoutError` when the
   * site does not answer in time, any other error when it cannot be reached.
   */
  fetchPage(url: string, maxBytes: number): Promise<FetchedPage>;

  /** Every host permission the extension holds, in one question (the options page checks a whole list with it). */
  grantedOrigins(): Promise<string[]>;
  /** Must be called from a user gesture. */
  requestOrigins(origins: string[]): Promise<boolean>;
  removeOrigins(origins: string[]): Promise<boolean>;
  /** Host permissions granted or removed, from any page or the browser's own settings. */
  onPermissionsChanged(listener: () => void): Unsubscribe;

  /** The background is about to be stopped (Firefox's event page); Chrome's service worker is not told. */
  onSuspend(listener: () => void): Unsubscribe;

  /** Runs a self-contained function in the tab's page; needs the access the user's click gives. */
  runInTab<T>(tabId: number, func: () => T): Promise<T | undefined>;

  extensionUrl(path: string): string;
  /**
   * A JSON file shipped inside the extension (the Open Cookie Database's lookup): read from the package, never the
   * network.
   */
  readPackaged(path: string): Promise<unknown>;
}

/**
 * The narrow door the extension's pages (popup, options) get: what they may ask of the browser
 * themselves. Cookies and storage are written by the background alone, through the message
 * protocol; a page that tried to write them would not compile.
 */
export type PageAdapter = Pick<
  BrowserAdapter,
  | 'onCookieChanged'
  | 'onStorageChanged'
  | 'openTab'
  | 'openOptions'
  | 'extensionUrl'
  | 'runInTab'
  | 'fetchPage'
  | 'grantedOrigins'
  | 'requestOrigins'
  | 'removeOrigins'
>;
