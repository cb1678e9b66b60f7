import type { Translate } from '../core/util/i18n';
import { relationTo } from '../core/cookies/relation';
import type { BrowserAdapter, Badge, TabInfo } from '../platform/adapter';
import type { SiteView } from '../protocol';
import { coalesce } from '../core/util/coalesce';
import { createSerialQueue } from './serial';
import { buildSiteView, webHost } from './site-view';
import { cookieKey, type ObservedCookie } from '../core/cookies/cookie';
import type { CookieSource } from '../core/portals/site';
import { systemNow } from '../core/util/clock';

export const BADGE_COLOR = '#1d4ed8';
/** A different colour, and a mark for those who do not tell colours apart. */
export const BADGE_UNDECLARED_COLOR = '#b42318';

/** The badge renders the report's counts; it decides nothing of its own. */
export function badgeFor(view: SiteView, t: Translate): Badge {
  if (view.kind !== 'site' || !view.isPortal || view.report === null)
    return { text: '', color: BADGE_COLOR, title: t('actionTitle') };
  const { total, alerts, despiteRefusal, beforeChoice, undeclared } = view.report.counts;
  if (alerts > 0) {
    // What is red, and why: each kind of alert the popup shows, counted.
    const reasons = [
      ...(despiteRefusal > 0 ? [t('badgeDespiteRefusal', despiteRefusal)] : []),
      ...(beforeChoice > 0 ? [t('badgeBeforeChoice', beforeChoice)] : []),
      ...(undeclared > 0 ? [t('badgeUndeclared', undeclared)] : []),
    ];
    return {
      text: `${total}!`,
      color: BADGE_UNDECLARED_COLOR,
      title: t('badgeAlertTitle', total, reasons.join(t('listSeparator'))),
    };
  }
  return { text: String(total), color: BADGE_COLOR, title: t('badgeTitle', total) };
}

/** Under a storm of cookie changes, badges are recounted at most this often: the popup's answer comes first. */
export const BADGE_EVERY_MS = 1_000;

/**
 * Keeps each tab's badge in step with its site's cookies (read from `cookies`); holds no state the jar cannot rebuild.
 */
export function createBadgeWatcher(
  adapter: BrowserAdapter,
  t: Translate,
  now: () => number = systemNow,
  cookies: CookieSource = adapter,
) {
  const serial = createSerialQueue();
  /** What each tab's badge says, so a recount that changes nothing costs the busy browser no call. */
  const shown = new Map<number, string>();
  /** Cookies changed since the last round of recounts, the newest of each. */
  const changedSince = new Map<string, ObservedCookie>();
  let lastRound = -Infinity;
  const nextRound = coalesce(() => void round(), BADGE_EVERY_MS, now);

  const recount = (tab: TabInfo, onlyIfChanged: boolean) =>
    serial(`${tab.storeId} ${tab.id}`, async () => {
      const badge = badgeFor(await buildSiteView(adapter, tab, now(), cookies), t);
      const says = `${badge.text}\n${badge.color}\n${badge.title}`;
      if (onlyIfChanged && shown.get(tab.id) === says) return;
      shown.set(tab.id, says);
      await adapter.setBadge(tab.id, badge);
    });

  /** A tab shown or loaded is always given its badge: the browser may have reset it with the page. */
  const refreshTab = (tab: TabInfo) => {
    shown.delete(tab.id);
    return recount(tab, false);
  };

  /** One look at the tabs, then the tabs a changed cookie reaches, recounted. */
  async function round(): Promise<void> {
    lastRound = now();
    const changed = [...changedSince.values()];
    changedSince.clear();
    const reached = (await adapter.allTabs()).filter((tab) => {
      const site = webHost(tab.url);
      return (
        site !== null &&
        changed.some((cookie) => tab.storeId === cookie.storeId && relationTo(site.host, cookie) !== null)
      );
    });
    await Promise.all(reached.map((tab) => recount(tab, true)));
  }

  /** Recounts at once, unless a round just ran: then once more when the interval is over, with the newest jar. */
  function refreshFor(changed: readonly ObservedCookie[]): Promise<void> {
    for (const cookie of changed) changedSince.set(cookieKey(cookie), cookie);
    if (changedSince.size === 0) return Promise.resolve();
    const wait = lastRound + BADGE_EVERY_MS - now();
    if (wait <= 0) return round();
    nextRound(wait);
    return Promise.resolve();
  }

  async function refreshAll(): Promise<void> {
    await Promise.all((await adapter.allTabs()).map(refreshTab));
  }

  return { refreshTab, refreshFor, refreshAll };
}
