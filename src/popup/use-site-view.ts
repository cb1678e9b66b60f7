import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isChartePath } from '../core/charte/charte-paths';
import { coalesce } from '../core/util/coalesce';
import { relationTo } from '../core/cookies/relation';
import type { SiteView } from '../protocol';
import type { FirstView } from './first-view';
import { useServices } from '../ui/services';

/** At most one reload this often, the last change always included: a storm never starves the view. */
const RELOAD_MS = 100;

/**
 * The tab's site view, as the background builds it, kept current. On a portal the background's
 * journal already follows every cookie the portal sees, and each write of it is a storage change:
 * the popup reloads on that and hears no cookie event — under a storm of thousands a second, each
 * one delivered to the page would slow it. Elsewhere, and on a portal whose journal storage refuses
 * (the background writes a word to storage when that starts and ends), it follows the cookie events
 * of its own site.
 */
export function useSiteView(tabId: number | undefined, firstView: FirstView | undefined) {
  const { send, adapter, now } = useServices();
  const [view, setView] = useState<SiteView | null>(firstView?.ready ?? null);
  const [error, setError] = useState<string | null>(null);
  const viewRef = useRef<SiteView | null>(view);
  /** Questions asked, and the latest whose answer is shown: the background may answer them out of order. */
  const asked = useRef({ last: 0, shown: 0 });

  const load = useCallback(
    async (pending?: Promise<SiteView>) => {
      const question = ++asked.current.last;
      try {
        const next = await (pending ?? send({ type: 'siteView', tabId }));
        // An older view answered after a newer one would take back what the newer one shows.
        if (question < asked.current.shown) return;
        asked.current.shown = question;
        viewRef.current = next;
        setView(next);
      } catch (cause) {
        // Nor does an older question's failure stand over a newer answer.
        if (question > asked.current.shown) setError(String(cause));
      }
    },
    [send, tabId],
  );

  /** Opened on the portal's own charte page: read it from there, with no request. */
  const learnFromOpenCharte = async () => {
    const current = viewRef.current;
    if (current?.kind !== 'site' || !current.isPortal || !current.access || !isChartePath(current.pathname)) return;
    const { learnCharteFromPage } = await import('./drawn-after-rows');
    const page = { tabId: current.tabId, host: current.host, url: `${current.origin}${current.pathname}` };
    if (await learnCharteFromPage(adapter, send, page, now())) await load();
  };

  useEffect(
    () => void (firstView?.ready ? Promise.resolve() : load(firstView?.view)).then(() => learnFromOpenCharte()),
    [load],
  );

  // A journal storage refused is no longer written, so no longer a sign of change.
  const follow = view?.kind === 'site' ? (view.isPortal && !view.journalRefused ? 'journal' : 'cookies') : null;
  useEffect(() => {
    if (follow === null) return undefined;
    const reload = coalesce(() => void load(), RELOAD_MS, now);
    const stopCookies =
      follow === 'cookies'
        ? adapter.onCookieChanged(({ cookie }) => {
            const current = viewRef.current;
            const ours = current?.kind === 'site' && cookie.storeId === current.storeId;
            if (ours && relationTo(current.host, cookie) !== null) reload();
          })
        : () => undefined;
    // Settings changed in the options page, a charte read, the undo history, the journal: the view follows.
    const stopStorage = adapter.onStorageChanged(() => reload());
    // What changed between the first question and these listeners being there is caught up once; on
    // a portal only when storage said something changed meanwhile, so an opening costs one view.
    if (follow === 'cookies' || !firstView || firstView.stale()) reload();
    firstView?.handOver();
    return () => {
      reload.cancel();
      stopCookies();
      stopStorage();
    };
  }, [adapter, load, follow]);

  return { view, error, reload: load };
}
