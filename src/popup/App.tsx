import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ObservedCookie } from '../core/cookie';
import type { MessageKey } from '../core/i18n';
import type { ExplainedCookie } from '../core/report';
import { relationTo } from '../core/relation';
import { countText } from '../core/wording';
import type { CookieOutcome, FailureReason, SiteView } from '../protocol';
import { useLazy } from '../ui/lazy';
import { useServices } from '../ui/services';
import { CharteSection } from './CharteSection';
import { ClearPanel } from './ClearPanel';
import { CookieGroups } from './CookieGroups';
import { ExportSection } from './ExportSection';
import { Links } from './Links';

/** Where the charte lives on every portal; kept here so the popup knows it without loading the reader. */
const CHARTE_PATH = '/terms/cookies-policy';

const FAILURE_TEXT: Record<FailureReason, MessageKey> = {
  stillThere: 'failedStillThere',
  refused: 'failedRefused',
  expired: 'failedExpired',
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
  const [undoable, setUndoable] = useState<ObservedCookie[]>([]);
  const viewRef = useRef<SiteView | null>(null);
  // After a removal the undo button is the next thing a keyboard user needs: focus goes there.
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (undoable.length > 0) undoRef.current?.focus();
  }, [undoable]);

  const load = useCallback(async (pending?: Promise<SiteView>) => {
    try {
      const next = await (pending ?? send({ type: 'siteView', tabId }));
      viewRef.current = next;
      setView(next);
    } catch (cause) {
      setError(String(cause));
    }
  }, [send, tabId]);

  useEffect(() => {
    void load(firstView).then(() => learnFromOpenCharte());
    let timer: ReturnType<typeof setTimeout> | undefined;
    adapter.onCookieChanged(({ cookie }) => {
      const current = viewRef.current;
      if (current?.kind !== 'site' || cookie.storeId !== current.storeId || relationTo(current.host, cookie) === null) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 50);
    });
  }, [adapter, load]);

  /** Opened on the portal's own charte page: read it from there, with no request. */
  const learnFromOpenCharte = async () => {
    const current = viewRef.current;
    if (current?.kind !== 'site' || !current.isPortal || !current.access || !current.pathname.startsWith(CHARTE_PATH)) return;
    const { learnCharteFromPage } = await import('./learn-charte');
    const page = { tabId: current.tabId, host: current.host, url: `${current.origin}${current.pathname}` };
    if (await learnCharteFromPage(adapter, page, now())) await load();
  };

  const describe = (outcome: CookieOutcome, doneKey: MessageKey, failedKey: MessageKey) => [
    t(doneKey, outcome.done.length),
    ...outcome.skipped.map((cookie) => t('undoSkipped', cookie.name)),
    ...outcome.failed.map(({ cookie, reason }) => t(failedKey, cookie.name, t(FAILURE_TEXT[reason]))),
  ];

  const remove = async (items: ExplainedCookie[]) => {
    const outcome = await send({ type: 'removeCookies', cookies: items.map((item) => item.cookie) });
    setUndoable(outcome.done);
    setStatus(describe(outcome, 'clearDone', 'clearFailed'));
    await load();
  };

  const undo = async () => {
    const outcome = await send({ type: 'restoreCookies', cookies: undoable });
    setUndoable([]);
    setStatus(describe(outcome, 'undoDone', 'undoFailed'));
    await load();
  };

  const needsAccess = view?.kind === 'site' && (!view.isPortal || !view.access);
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
          {report && <span class="cookie-count"> · {countText(report.counts.total, t)}</span>}
        </p>
        <div class="row">
          {!inTab && (
            <button type="button" class="link" onClick={() => void adapter.openTab(adapter.extensionUrl(`popup.html?tab=${view.tabId}`))}>
              {t('openInTab')}
            </button>
          )}
          <button type="button" class="link" onClick={() => void adapter.openTab(adapter.extensionUrl('options.html'))}>
            {t('managePortals')}
          </button>
        </div>
      </header>

      <div role="status" aria-live="polite" class="outcome">
        {status.map((line, index) => (
          <p key={index}>{line}</p>
        ))}
        {undoable.length > 0 && (
          <button type="button" class="undo" ref={undoRef} onClick={() => void undo()}>
            {t('undo')}
          </button>
        )}
      </div>

      {needsAccess && NotPortal && <NotPortal view={view} onAdded={load} />}

      {report && <CookieGroups report={report} onDelete={(one) => void remove([one])} />}
      {report && <ClearPanel host={view.host} report={report} onClear={(items) => void remove(items)} />}
      {report && view.isPortal && <CharteSection host={view.host} origin={view.origin} report={report} charte={view.charte} onRead={() => void load()} />}
      {report && <ExportSection report={report} charte={view.charte} />}
      <Links origin={view.origin} isPortal={view.isPortal} />
    </main>
  );
}
