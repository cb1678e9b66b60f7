import { packageOcd, pinnedOcd } from '../../scripts/ocd.mjs';
import { OCD_FILE, OCD_SHARDS } from '../../src/core/catalogue/open-cookies';
import { cookieHost, cookieKey, type ObservedCookie } from '../../src/core/cookies/cookie';
import { isGranted, originsFor } from '../../src/core/portals/domains';
import { cookieUrl } from '../../src/core/portals/site';
import {
  STORAGE_AREAS,
  type Badge,
  type BrowserAdapter,
  type CookieChange,
  type FetchedPage,
  type StorageArea,
  type TabInfo,
} from '../../src/platform/adapter';

/**
 * An in-memory browser behind the extension's own adapter: a cookie jar with stores and
 * partitions, tabs, storage and host permissions. It keeps the browser's rules that bite
 * (a Secure cookie is not removed through an http address, though the call looks fine).
 */
export class FakeBrowser implements BrowserAdapter {
  readonly jar = new Map<string, ObservedCookie>();
  readonly tabs = new Map<number, TabInfo>();
  readonly storage = new Map<string, unknown>();
  readonly badges = new Map<number, Badge>();
  readonly granted = new Set<string>();
  readonly opened: string[] = [];
  /** Names whose removal the browser refuses (resolves null), and names it claims to remove but keeps. */
  readonly refuseRemoval = new Set<string>();
  readonly pretendRemoval = new Set<string>();
  pageHasMarkers: boolean | undefined = undefined;
  private cookieListeners: Array<(change: CookieChange) => void> = [];
  private tabListeners: Array<(tab: TabInfo, navigated: boolean) => void> = [];

  constructor(cookies: ObservedCookie[] = [], grantedPatterns: string[] = []) {
    for (const cookie of cookies) this.jar.set(cookieKey(cookie), cookie);
    for (const pattern of grantedPatterns) for (const origin of originsFor({ pattern })) this.granted.add(origin);
  }

  all(): ObservedCookie[] {
    return [...this.jar.values()];
  }

  /** What a site does when it sets a cookie: the jar changes and listeners hear of it. */
  siteSets(cookie: ObservedCookie): void {
    this.jar.set(cookieKey(cookie), cookie);
    for (const listener of this.cookieListeners) listener({ removed: false, cookie });
  }

  async getAll(domain: string, storeId: string) {
    return this.all().filter(
      (c) => c.storeId === storeId && (cookieHost(c) === domain || cookieHost(c).endsWith(`.${domain}`)),
    );
  }

  async removeCookie(cookie: ObservedCookie) {
    if (this.refuseRemoval.has(cookie.name)) return false;
    if (this.pretendRemoval.has(cookie.name)) return true;
    const url = new URL(cookieUrl(cookie));
    const found = this.all().find(
      (c) =>
        cookieKey(c) === cookieKey(cookie) &&
        cookieHost(c) === url.hostname &&
        c.path === url.pathname &&
        !(c.secure && url.protocol === 'http:'),
    );
    if (!found) return true; // the browser answers with the details it was given, removed or not
    this.jar.delete(cookieKey(found));
    for (const listener of this.cookieListeners) listener({ removed: true, cookie: found });
    return true;
  }

  async setCookie(cookie: ObservedCookie) {
    this.siteSets(cookie);
    return true;
  }

  onCookieChanged(listener: (change: CookieChange) => void) {
    this.cookieListeners.push(listener);
    return () => void (this.cookieListeners = this.cookieListeners.filter((other) => other !== listener));
  }

  async getTab(tabId: number) {
    return this.tabs.get(tabId);
  }
  async activeTab() {
    return [...this.tabs.values()][0];
  }
  async allTabs() {
    return [...this.tabs.values()];
  }
  /** What the browser does when a page finishes loading in a tab. */
  tabLoads(tab: TabInfo): void {
    this.tabs.set(tab.id, tab);
    for (const listener of this.tabListeners) listener(tab, true);
  }
  onTabChanged(listener: (tab: TabInfo, navigated: boolean) => void) {
    this.tabListeners.push(listener);
    return () => void (this.tabListeners = this.tabListeners.filter((other) => other !== listener));
  }
  /** How many hear every cookie change: under a storm, each is thousands of deliveries a second. */
  get cookieListenerCount(): number {
    return this.cookieListeners.length;
  }
  /** How many listeners the pages left registered: a page that cleans up leaves none. */
  listenerCount(): number {
    return (
      this.cookieListeners.length +
      this.tabListeners.length +
      this.storageListeners.length +
      this.permissionListeners.length
    );
  }
  async openTab(url: string) {
    this.opened.push(url);
  }
  async setBadge(tabId: number, badge: Badge) {
    this.badges.set(tabId, badge);
  }
  async readStorage(key: string) {
    this.storageReads++;
    return structuredClone(this.storage.get(key));
  }
  /** Set to make every settings write fail the way a full sync quota does. */
  storageError: string | undefined = undefined;
  async writeStorage(key: string, value: unknown) {
    if (this.storageError !== undefined) throw new Error(this.storageError);
    this.storage.set(key, structuredClone(value));
    this.storageChanged('sync', key);
  }
  private storageListeners: Array<{
    listener: (keys: string[], removed: string[]) => void;
    areas: readonly StorageArea[];
  }> = [];
  onStorageChanged(listener: (keys: string[], removed: string[]) => void, areas = STORAGE_AREAS) {
    const entry = { listener, areas };
    this.storageListeners.push(entry);
    return () => void (this.storageListeners = this.storageListeners.filter((other) => other !== entry));
  }
  /** What the browser tells listeners after a write: also after one made by another page, or by sync. */
  storageChanged(area: StorageArea, key: string, removed = false) {
    for (const { listener, areas } of this.storageListeners)
      if (areas.includes(area)) listener([key], removed ? [key] : []);
  }
  /** How many reads reached the fake browser's storage: what the background asks again and again. */
  storageReads = 0;
  readonly session = new Map<string, unknown>();
  async readSession(key: string) {
    this.storageReads++;
    return structuredClone(this.session.get(key));
  }
  /** Session storage's quota, in bytes of JSON as Chrome counts them (10 MB there). */
  sessionQuota = Infinity;
  async writeSession(key: string, value: unknown) {
    const others = [...this.session].filter(([other]) => other !== key);
    const bytes = [...others, [key, value] as const].reduce(
      (sum, [name, stored]) => sum + name.length + JSON.stringify(stored).length,
      0,
    );
    if (bytes > this.sessionQuota) throw new Error('Session storage quota bytes exceeded. Values were not stored.');
    this.session.set(key, structuredClone(value));
    this.storageChanged('session', key);
  }
  /** What the browser does to session storage when it closes, or when someone clears it. */
  clearSession() {
    for (const key of [...this.session.keys()]) {
      this.session.delete(key);
      this.storageChanged('session', key, true);
    }
  }
  private suspendListeners: Array<() => void> = [];
  onSuspend(listener: () => void) {
    this.suspendListeners.push(listener);
    return () => void (this.suspendListeners = this.suspendListeners.filter((other) => other !== listener));
  }
  /** What Firefox does before it stops an idle event page. */
  suspend() {
    for (const listener of this.suspendListeners) listener();
  }
  readonly cache = new Map<string, unknown>();
  /** Pages the fake network answers (HTML text, or a whole answer), and every address asked for. */
  readonly pages = new Map<string, string | Partial<FetchedPage> | Error>();
  readonly fetched: string[] = [];
  async readCache(key: string) {
    this.storageReads++;
    return structuredClone(this.cache.get(key));
  }
  /** Set to make every local write fail, as a full storage.local does. */
  cacheError: string | undefined = undefined;
  async writeCache(key: string, value: unknown) {
    if (this.cacheError !== undefined) throw new Error(this.cacheError);
    this.cache.set(key, structuredClone(value));
    this.storageChanged('local', key);
  }
  async fetchPage(url: string, maxBytes: number): Promise<FetchedPage> {
    this.fetched.push(url);
    const page = this.pages.get(url);
    if (page instanceof Error) throw page;
    const answer =
      page === undefined ? { status: 404, text: 'not found' } : typeof page === 'string' ? { text: page } : page;
    return {
      status: 200,
      url,
      redirected: false,
      contentType: 'text/html; charset=utf-8',
      ...answer,
      text: (answer.text ?? '').slice(0, maxBytes),
    };
  }
  /** For assertions: whether the permissions held cover all these origins, as the browser decides. */
  async hasOrigins(origins: string[]) {
    return origins.every((origin) => isGranted([...this.granted], origin));
  }
  permissionQueries = 0;
  async grantedOrigins() {
    this.permissionQueries++;
    return [...this.granted];
  }
  async openOptions() {
    this.opened.push('options');
  }
  async requestOrigins(origins: string[]) {
    for (const origin of origins) this.granted.add(origin);
    this.permissionsChanged();
    return true;
  }
  async removeOrigins(origins: string[]) {
    for (const origin of origins) this.granted.delete(origin);
    this.permissionsChanged();
    return true;
  }
  private permissionListeners: Array<() => void> = [];
  onPermissionsChanged(listener: () => void) {
    this.permissionListeners.push(listener);
    return () => void (this.permissionListeners = this.permissionListeners.filter((other) => other !== listener));
  }
  private permissionsChanged() {
    for (const listener of this.permissionListeners) listener();
  }
  /** The page content scripts would see, for the tabs that have one. */
  readonly documents = new Map<number, Document>();
  /** Tabs the extension ran code in, in order. */
  readonly ranIn: number[] = [];
  async runInTab<T>(tabId: number, func: (root?: ParentNode) => T): Promise<T | undefined> {
    this.ranIn.push(tabId);
    const page = this.documents.get(tabId);
    if (page) return func(page);
    return this.pageHasMarkers as T | undefined;
  }
  extensionUrl(path: string) {
    return `chrome-extension://fake/${path}`;
  }
  /** Files read from the package, in order: the Open Cookie Database is read only when needed. */
  readonly packagedReads: string[] = [];
  async readPackaged(path: string): Promise<unknown> {
    this.packagedReads.push(path);
    packagedOcd ??= new Map(packageOcd(pinnedOcd().lookup, { file: OCD_FILE, shards: OCD_SHARDS }));
    if (!packagedOcd.has(path)) throw new Error(`not in the package: ${path}`);
    return packagedOcd.get(path);
  }
}

/** The files the build ships, compiled from the repository's copy of the database once for all tests. */
let packagedOcd: Map<string, unknown> | undefined;
