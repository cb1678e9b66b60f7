import { parseCharteTables } from '../core/charte';
import { charteKey, type StoredCharte } from '../core/compare';
import { isPortalHost, originsFor } from '../core/domains';
import { pageTables } from '../core/page-tables';
import { loadSettings, SETTINGS_KEY } from '../core/settings';
import type { BrowserAdapter, TabInfo } from '../platform/adapter';
import { webHost } from './site-view';

const CHARTE_PATH = '/terms/cookies-policy';

/**
 * When the user opens a known portal's charte, read it from the page they already have: no request
 * of the extension's own. A page that holds no cookie table leaves what was learnt before untouched.
 */
export async function learnCharteFromPage(adapter: BrowserAdapter, tab: TabInfo, nowMs: number): Promise<void> {
  const site = webHost(tab.url);
  if (!site || tab.url === undefined || !new URL(tab.url).pathname.startsWith(CHARTE_PATH)) return;
  const { rules } = loadSettings(await adapter.readStorage(SETTINGS_KEY));
  if (!isPortalHost(site.host, rules) || !(await adapter.hasOrigins(originsFor(site.host)))) return;
  const tables = await adapter.runInTab(tab.id, pageTables).catch(() => undefined);
  if (!Array.isArray(tables)) return;
  const parsed = parseCharteTables(tables);
  if (parsed.cookies.length === 0) return;
  const stored: StoredCharte = { ...parsed, url: tab.url, readAt: nowMs, source: 'page' };
  await adapter.writeCache(charteKey(site.host), stored);
}
