import { originsFor, isPortalHost, normaliseHost } from '../core/domains';
import { charteKey, declaredBy, loadStoredCharte } from '../core/compare';
import { buildSiteReport } from '../core/report';
import { loadSettings, SETTINGS_KEY } from '../core/settings';
import { collectSiteCookies } from '../core/site';
import type { BrowserAdapter, TabInfo } from '../platform/adapter';
import type { SiteView } from '../protocol';

/** Only web pages have cookies worth explaining; browser and extension pages have none. */
export function webHost(url: string | undefined): { host: string; origin: string } | null {
  if (url === undefined) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    const host = normaliseHost(parsed.hostname);
    return host === null ? null : { host, origin: parsed.origin };
  } catch {
    return null;
  }
}

export async function buildSiteView(adapter: BrowserAdapter, tab: TabInfo | undefined, nowMs: number): Promise<SiteView> {
  const site = tab && webHost(tab.url);
  if (!tab || !site) return { kind: 'noSite' };
  const { rules } = loadSettings(await adapter.readStorage(SETTINGS_KEY));
  const isPortal = isPortalHost(site.host, rules);
  const access = await adapter.hasOrigins(originsFor(site.host));
  const charte = isPortal ? loadStoredCharte(await adapter.readCache(charteKey(site.host))) : null;
  const report = access
    ? buildSiteReport({
        host: site.host,
        cookies: await collectSiteCookies(adapter, site.host, tab.storeId),
        rules,
        nowMs,
        declaredBy: charte ? declaredBy(charte) : undefined,
      })
    : null;
  return { kind: 'site', tabId: tab.id, storeId: tab.storeId, host: site.host, origin: site.origin, isPortal, access, report, charte };
}
