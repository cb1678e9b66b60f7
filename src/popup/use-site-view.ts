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
 * Longer than the background ever waits to write a cookie's change into its journal (a second, and
 * its fold): a change of the portal's cookies followed by no journal write for this long means the
 * journal is not being written (storage full), and the view is asked again all the same.
 */
const JOURNAL_SILENCE_MS = 2_000;

/**
 * The tab's site view, as the background builds it, kept current. On a portal the background's
 * journal already follows every cookie the portal sees, and each write of it is a storage change:
 * the popup reloads on that, and a cookie event only arms a watch on the journal's silence — a storm
 * of thousands a second costs a timer, not a view each. Elsewhere, and on a portal whose journal
 * storage refuses, it follows the cookie events of its own site.
 */
export function useSiteView(tabId: number | undefined, firstView: FirstView | undefined) {
  const { send, adapter, now } = useServices();
  const [view, setView] = useState<SiteView | null>(firstView?.ready ?? null);
  const [error, setError] = useState<string | null>(null);
  const viewRef = useRef<SiteView | null>(view);

  const load = useCallback(
    async (pending?: Promise<SiteView>) => {
      try {
        const next = await (pending ?? send({ type: 'siteView', tabId }));
        viewRef.current = next;
        setView(next);
      } catch (cause) {
        setError(String(cause));
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
    const silence = coalesce(() => void load(), JOURNAL_SILENCE_MS, now);
    const stopCookies = adapter.onCookieChanged(({ cookie }) => {
      const current = viewRef.current;
      if (current?.kind !== 'site' || cookie.storeId !== current.storeId || relationTo(current.host, cookie) === null)
        return;
      if (follow === 'cookies') reload();
      else silence();
    });
    // Settings changed in the options page, a charte read, the undo history, the journal: the view follows.
    const stopStorage = adapter.onStorageChanged(() => {
      silence.cancel();
      reload();
    });
    // What changed between the first question and these listeners being there is caught up once; on
    // a portal only when storage said something changed meanwhile, so an opening costs one view.
    if (follow === 'cookies' || !firstView || firstView.stale()) reload();
    firstView?.handOver();
    return () => {
      reload.cancel();
      silence.cancel();
      stopCookies();
      stopStorage();
    };
  }, [adapter, load, follow]);

  return { view, error, reload: load };
}
