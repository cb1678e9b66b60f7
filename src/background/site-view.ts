import { charteKey, loadStoredCharte } from '../core/charte/stored-charte';
import { hostOrigin, isGranted, normaliseHost, parentOrigin, parentsUpTo } from '../core/portals/domains';
import { portalIndexOf } from '../core/portals/portal-index';
import { buildSiteReport } from '../core/report/build-site-report';
import { matchCookie } from '../core/catalogue/match';
import OCD_NAMES from 'virtual:ocd-names';
import {
  lookupFrom,
  OCD_SHARDS,
  ocdRowFinder,
  ocdShardFile,
  type OcdLookup,
  type OcdRowFinder,
} from '../core/catalogue/open-cookies';
import { SETTINGS_KEY } from '../core/portals/settings';
import { collectSiteCookies, type CookieSource } from '../core/portals/site';
import { journalKey, loadJournal } from '../core/consent/journal';
import { loadHistory, UNDO_HOSTS_KEY, UNDO_KEY } from '../core/cookies/undo';
import type { BrowserAdapter, TabInfo } from '../platform/adapter';
import type { SiteView } from '../protocol';
import { webAddress } from '../core/util/web-address';

const packaged = new WeakMap<BrowserAdapter, Map<string, Promise<unknown>>>();
let namesFinder: OcdRowFinder | null | undefined;

/** A file of the package, read once per background; one that cannot be read is null, and tried again next time. */
function readOnce(adapter: BrowserAdapter, file: string): Promise<unknown> {
  let files = packaged.get(adapter);
  if (!files) packaged.set(adapter, (files = new Map()));
  let read = files.get(file);
  if (!read) {
    read = adapter.readPackaged(file);
    files.set(file, read);
    read.catch(() => files.delete(file));
  }
  return read.catch(() => null);
}

const openCookieNames = () => (namesFinder ??= ocdRowFinder(JSON.parse(OCD_NAMES)));

/**
 * The Open Cookie Database as far as these names need it: its names, compiled into this script (a read of the
 * package cost a woken background 10–14 ms, more than its whole report), then only the shards holding the rows they
 * meet — a few kilobytes, not half a megabyte.
 */
async function openCookiesFor(adapter: BrowserAdapter, names: readonly string[]): Promise<OcdLookup> {
  const rowOf = openCookieNames();
  const rows = names.flatMap((name) => rowOf?.(name) ?? []);
  const entries: unknown[] = [];
  await Promise.all(
    [...new Set(rows.map((row) => row % OCD_SHARDS))].map(async (shard) => {
      const part = await readOnce(adapter, ocdShardFile(shard));
      if (Array.isArray(part)) part.forEach((row, at) => (entries[at * OCD_SHARDS + shard] = row));
    }),
  );
  return lookupFrom(rowOf, entries);
}

/** Only web pages have cookies worth explaining; browser and extension pages have none. */
export function webHost(url: string | undefined): { host: string; origin: string; pathname: string } | null {
  const parsed = url === undefined ? null : webAddress(url);
  if (parsed === null) return null;
  const host = normaliseHost(parsed.hostname);
  return host === null ? null : { host, origin: parsed.origin, pathname: parsed.pathname };
}

/**
 * `tab` may still be looked up: what every view reads, whichever the tab, is asked meanwhile. `cookies` is where the
 * jar is read: the browser, or the background's mirror of it.
 */
export async function buildSiteView(
  adapter: BrowserAdapter,
  tab: TabInfo | undefined | Promise<TabInfo | undefined>,
  nowMs: number,
  cookies: CookieSource = adapter,
  journalRefused: (storeId: string) => boolean = () => false,
): Promise<SiteView> {
  const anyTab = Promise.all([
    adapter.readStorage(SETTINGS_KEY),
    // Every permission in one question, as the options page asks: the host's and its parents' are answered from it.
    adapter.grantedOrigins(),
    adapter.readSession(UNDO_KEY),
    adapter.readCache(UNDO_HOSTS_KEY),
  ]);
  anyTab.catch(() => undefined); // read again when a site needs them; a page that is none does not
  const found = await tab;
  const site = found && webHost(found.url);
  if (!found || !site) return { kind: 'noSite' };
  // One round of browser calls, all at once: the popup waits on this.
  const [[stored, granted, history, undoHosts], cachedCharte, jar, journal] = await Promise.all([
    anyTab,
    adapter.readCache(charteKey(site.host)),
    collectSiteCookies(cookies, site.host, found.storeId),
    adapter.readSession(journalKey(found.storeId)).then(loadJournal),
    // Parsed while the browser answers, once the questions have left (storage asks at the end of this turn): most
    // portals have a cookie to look up.
    Promise.resolve().then(openCookieNames),
  ]);
  const portals = portalIndexOf(stored);
  const rule = portals.ruleOf(site.host);
  const isPortal = rule !== undefined;
  const access = isGranted(granted, hostOrigin(site.host));
  const hiddenParents = parentsUpTo(site.host, rule?.site).filter(
    (parent) => !isGranted(granted, parentOrigin(parent)),
  );
  const charte = loadStoredCharte(cachedCharte);
  const charteDamaged = cachedCharte !== undefined && charte === null;
  const seen = { times: journal.cookies, arrivals: journal.arrivals.get(site.host) ?? [], records: journal.records };
  // The Open Cookie Database is read from the package only when a cookie here is unknown to our catalogue.
  const unknown = access
    ? jar.filter((cookie) => !matchCookie(cookie.name, isPortal)).map((cookie) => cookie.name)
    : [];
  const openCookies = unknown.length > 0 ? await openCookiesFor(adapter, unknown) : undefined;
  const report = access
    ? buildSiteReport({
        host: site.host,
        path: site.pathname,
        cookies: jar,
        rules: portals.rules,
        nowMs,
        charte,
        journal: seen,
        openCookies,
      })
    : null;
  const undo = loadHistory(history).filter(
    (entry) => entry.host === site.host && entry.cookies.some((cookie) => cookie.storeId === found.storeId),
  );
  // No history at all this session, where there was one: the browser closed, or its session storage was cleared.
  const undoLost = history === undefined && Array.isArray(undoHosts) && undoHosts.includes(site.host);
  return {
    kind: 'site',
    tabId: found.id,
    storeId: found.storeId,
    ...site,
    isPortal,
    access,
    hiddenParents,
    report,
    charteDamaged,
    undo,
    undoLost,
    journalRefused: isPortal && journalRefused(found.storeId),
  };
}
