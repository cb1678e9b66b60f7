import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../core/i18n';
import type { ExplainedCookie } from '../core/explanation';
import { isChartePath } from '../core/charte-paths';
import { coalesce } from '../core/coalesce';
import { relationTo } from '../core/relation';
import { summaryText } from '../core/wording';
import type { CookieOutcome, FailureReason, SiteView } from '../protocol';
import { useLazy } from '../ui/lazy';
import { useServices } from '../ui/services';
import { CharteSection } from './CharteSection';
import { ClearPanel } from './ClearPanel';
import { CookieGroups } from './CookieGroups';
import { ExportSection } from './ExportSection';
import { HiddenParents } from './HiddenParents';
import { Links } from './Links';
import { UndoList } from './UndoList';

const RELOAD_MS = 100;


const FAILURE_TEXT: Record<FailureReason, MessageKey> = {
  stillThere: 'failedStillThere',
  refused: 'failedRefused',
  expired: 'failedExpired',
  noUndoSpace: 'failedNoUndoSpace',
};

interface Props {
  tabId: number | undefined;
  inTab: boolean;
  /** The first view, asked for before the page rendered anything, so the answer is on its way early. */
  firstView?: Promise<SiteView>;
}

/** The popup, also opened in a tab as `popup.html?tab=<id>`. */
export function App({ tabId, inTab, firstView }: Props) {
  const { t, send, adapter, now } = useServices();
  const [view, setView] = useState<SiteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string[]>([]);
  const viewRef = useRef<SiteView | null>(null);

  const load = useCallback(async (pending?: Promise<SiteView>) => {
    try {
      const next = await (pending ?? send({ type: 'siteView', tabId }));
      viewRef.current = next;
      setView(next);
    } catch (cause) {
      setError(String(cause));
    }
  }, [send, tabId]);

  useEffect(() => void load(firstView).then(() => learnFromOpenCharte()), [load]);

  // Live updates, once the first view is on screen. On a portal the background's journal already
  // follows every cookie the portal sees, and each write of it is a storage change: the popup
  // listens to that alone, and is spared the browser's every cookie event (a storm is thousands a
  // second). Elsewhere it follows the cookie events of its own site.
  const follow = view?.kind === 'site' ? (view.isPortal ? 'journal' : 'cookies') : null;
  useEffect(() => {
    if (follow === null) return undefined;
    // At most one reload every RELOAD_MS, the last change always included: a storm never starves the view.
    const reload = coalesce(() => void load(), RELOAD_MS, now);
    const stopCookies =
      follow === 'cookies'
        ? adapter.onCookieChanged(({ cookie }) => {
            const current = viewRef.current;
            if (current?.kind === 'site' && cookie.storeId === current.storeId && relationTo(current.host, cookie) !== null) reload();
          })
        : () => undefined;
    // Settings changed in the options page, a charte read, the undo history, the journal: the view follows.
    const stopStorage = adapter.onStorageChanged(() => reload());
    // What changed between the view being built and these listeners being there is caught up once.
    reload();
    return () => {
      reload.cancel();
      stopCookies();
      stopStorage();
    };
  }, [adapter, load, follow]);

  /** Opened on the portal's own charte page: read it from there, with no request. */
  const learnFromOpenCharte = async () => {
    const current = viewRef.current;
    if (current?.kind !== 'site' || !current.isPortal || !current.access || !isChartePath(current.pathname)) return;
    const { learnCharteFromPage } = await import('./learn-charte');
    const page = { tabId: current.tabId, host: current.host, url: `${current.origin}${current.pathname}` };
    if (await learnCharteFromPage(adapter, send, page, now())) await load();
  };

  const names = (cookies: CookieOutcome['done']) => cookies.map((cookie) => cookie.name).join(', ');
  const describe = (outcome: CookieOutcome, doneKey: MessageKey, failedKey: MessageKey) => [
    ...(outcome.done.length > 0 ? [t(doneKey, outcome.done.length, names(outcome.done))] : []),
    ...outcome.skipped.map((cookie) => t('undoSkipped', cookie.name)),
    ...outcome.failed.map(({ cookie, reason }) => t(failedKey, cookie.name, t(FAILURE_TEXT[reason]))),
  ];

  /** An outcome that says nothing (cookies already gone, a second click) leaves the last words on screen. */
  const act = async (request: Promise<CookieOutcome>, doneKey: MessageKey, failedKey: MessageKey) => {
    try {
      const lines = describe(await request, doneKey, failedKey);
      if (lines.length > 0) setStatus(lines);
    } catch (cause) {
      setStatus([t('clearError', cause instanceof Error ? cause.message : String(cause))]);
    }
    await load();
  };
  const remove = (host: string, items: ExplainedCookie[]) => act(send({ type: 'removeCookies', host, cookies: items.map((item) => item.cookie) }), 'clearDone', 'clearFailed');
  const undo = (id: string) => act(send({ type: 'undoRemoval', id }), 'undoDone', 'undoFailed');

  const needsAccess = view?.kind === 'site' && (!view.isPortal || !view.access);
  const consent = view?.kind === 'site' ? view.report?.consent : undefined;
  // Only portals that ask for a choice (a record, or trackers' cookies) have choices to show: the code loads then.
  const ConsentSection = useLazy(() => import('./ConsentSection').then((module) => module.ConsentSection), !!consent && (consent.record.kind !== 'none' || consent.choices.length > 0));
  const NotPortal = useLazy(() => import('./NotPortal').then((module) => module.NotPortal), needsAccess);

  if (error !== null) return <main><p role="alert">{t('errorGeneric', error)}</p></main>;
  if (view === null) return <main aria-busy="true"><p>{t('loading')}</p></main>;
  if (view.kind === 'noSite') return <main><p>{t('portalNoSite')}</p></main>;

  const report = view.report;
  return (
    <main>
      <header>
        <h1 class="site-host">{view.host}</h1>
        <p>
          <span class={view.isPortal ? 'status-ok portal-status' : 'status-warn portal-status'}>
            {t(view.isPortal ? 'portalRecognised' : 'portalNotKnown')}
          </span>
        </p>
        {report && <p class="summary cookie-count">{summaryText(report, t)}</p>}
        <div class="row">
          {!inTab && (
            <button type="button" class="link" onClick={() => void adapter.openTab(adapter.extensionUrl(`popup.html?tab=${view.tabId}`))}>
              {t('openInTab')}
            </button>
          )}
          <button type="button" class="link" onClick={() => void adapter.openOptions()}>
            {t('managePortals')}
          </button>
        </div>
      </header>

      <div role="status" aria-live="polite" class="outcome">
        {status.map((line, index) => (
          <p key={index}>{line}</p>
        ))}
      </div>
      <UndoList entries={view.undo} lost={view.undoLost} onUndo={(id) => void undo(id)} />

      {report && ConsentSection && <ConsentSection report={report} />}
      {needsAccess && NotPortal && <NotPortal view={view} onAdded={load} />}
      {view.access && <HiddenParents parents={view.hiddenParents} onGranted={() => void load()} />}

      {report && <CookieGroups report={report} onDelete={(one) => void remove(view.host, [one])} />}
      {report && <ClearPanel host={view.host} report={report} onClear={(items) => void remove(view.host, items)} />}
      {report && view.isPortal && <CharteSection tabId={view.tabId} host={view.host} origin={view.origin} report={report} damaged={view.charteDamaged} onRead={() => void load()} />}
      {report && <ExportSection report={report} />}
      <Links origin={view.origin} isPortal={view.isPortal} />
    </main>
  );
}
