import type { Translate } from '../core/i18n';
import { relationTo } from '../core/relation';
import type { BrowserAdapter, Badge, TabInfo } from '../platform/adapter';
import type { SiteView } from '../protocol';
import { createSerialQueue } from './serial';
import { buildSiteView, webHost } from './site-view';
import type { ObservedCookie } from '../core/cookie';

export const BADGE_COLOR = '#1d4ed8';
/** A different colour, and a mark for those who do not tell colours apart. */
export const BADGE_UNDECLARED_COLOR = '#b42318';

/** The badge renders the report's counts; it decides nothing of its own. */
export function badgeFor(view: SiteView, t: Translate): Badge {
  if (view.kind !== 'site' || !view.isPortal || view.report === null) return { text: '', color: BADGE_COLOR, title: t('actionTitle') };
  const { total, alerts } = view.report.counts;
  if (alerts > 0) return { text: `${total}!`, color: BADGE_UNDECLARED_COLOR, title: t('badgeUndeclaredTitle', total, alerts) };
  return { text: String(total), color: BADGE_COLOR, title: t('badgeTitle', total) };
}

/** Under a storm of cookie changes, a badge is recounted at most this often: the popup's answer comes first. */
export const BADGE_EVERY_MS = 1_000;

/** Keeps each tab's badge in step with its site's cookies; holds no state the jar cannot rebuild. */
export function createBadgeWatcher(adapter: BrowserAdapter, t: Translate, now: () => number = Date.now) {
  const serial = createSerialQueue();
  const lastRefresh = new Map<number, number>();
  const trailing = new Map<number, ReturnType<typeof setTimeout>>();

  const refreshTab = (tab: TabInfo) =>
    serial(`${tab.storeId} ${tab.id}`, async () => {
      lastRefresh.set(tab.id, Date.now());
      const view = await buildSiteView(adapter, tab, now());
      await adapter.setBadge(tab.id, badgeFor(view, t));
    });

  /** Recounts at once, unless it just did: then once more when the interval is over, with the newest jar. */
  const refreshSoon = (tab: TabInfo): Promise<void> => {
    const wait = (lastRefresh.get(tab.id) ?? -Infinity) + BADGE_EVERY_MS - Date.now();
    if (wait <= 0) return refreshTab(tab);
    if (!trailing.has(tab.id)) {
      trailing.set(tab.id, setTimeout(() => {
        trailing.delete(tab.id);
        void refreshTab(tab);
      }, wait));
    }
    return Promise.resolve();
  };

  /** One look at the tabs for a whole burst of changes: only the tabs whose site a changed cookie reaches. */
  async function refreshFor(changed: readonly ObservedCookie[]): Promise<void> {
    if (changed.length === 0) return;
    const tabs = await adapter.allTabs();
    await Promise.all(
      tabs
        .filter((tab) => {
          const site = webHost(tab.url);
          return site !== null && changed.some((cookie) => tab.storeId === cookie.storeId && relationTo(site.host, cookie) !== null);
        })
        .map(refreshSoon),
    );
  }

  async function refreshAll(): Promise<void> {
    await Promise.all((await adapter.allTabs()).map(refreshTab));
  }

  return { refreshTab, refreshFor, refreshAll };
}
