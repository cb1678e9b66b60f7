import { originsFor, isPortalHost, normaliseHost } from '../core/domains';
import { charteKey, declarationIn, loadStoredCharte } from '../core/compare';
import { buildSiteReport } from '../core/report';
import { loadSettings, SETTINGS_KEY } from '../core/settings';
import { collectSiteCookies } from '../core/site';
import type { BrowserAdapter, TabInfo } from '../platform/adapter';
import type { SiteView } from '../protocol';

/** Only web pages have cookies worth explaining; browser and extension pages have none. */
export function webHost(url: string | undefined): { host: string; origin: string; pathname: string } | null {
  const parsed = url !== undefined && URL.canParse(url) ? new URL(url) : null;
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  const host = normaliseHost(parsed.hostname);
  return host === null ? null : { host, origin: parsed.origin, pathname: parsed.pathname };
}

export async function buildSiteView(adapter: BrowserAdapter, tab: TabInfo | undefined, nowMs: number): Promise<SiteView> {
  const site = tab && webHost(tab.url);
  if (!tab || !site) return { kind: 'noSite' };
  // One round of browser calls, all at once: the popup waits on this.
  const [stored, access, cachedCharte, cookies] = await Promise.all([
    adapter.readStorage(SETTINGS_KEY),
    adapter.hasOrigins(originsFor(site.host)),
    adapter.readCache(charteKey(site.host)),
    collectSiteCookies(adapter, site.host, tab.storeId),
  ]);
  const { rules } = loadSettings(stored);
  const isPortal = isPortalHost(site.host, rules);
  const charte = isPortal ? loadStoredCharte(cachedCharte) : null;
  const report = access ? buildSiteReport({ host: site.host, cookies, rules, nowMs, declarationOf: charte ? declarationIn(charte) : undefined }) : null;
  return { kind: 'site', tabId: tab.id, storeId: tab.storeId, ...site, isPortal, access, report, charte };
}
