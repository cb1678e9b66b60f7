import { useRef } from 'preact/hooks';
import type { FirstView } from './first-view';
import { summaryText } from '../core/report/wording';
import { useLazy } from '../ui/lazy';
import { useServices } from '../ui/services';
import { CookieGroups } from './CookieGroups';
import { useCookieActions } from './use-cookie-actions';
import { useSiteView } from './use-site-view';

interface Props {
  tabId: number | undefined;
  inTab: boolean;
  /** The first view, asked for before the page rendered anything, so the answer is on its way early. */
  firstView?: FirstView;
}

/** The popup, also opened in a tab as `popup.html?tab=<id>`. */
export function App({ tabId, inTab, firstView }: Props) {
  const { t, adapter } = useServices();
  const { view, error, reload: load } = useSiteView(tabId, firstView);
  const { status, remove, undo } = useCookieActions(load);
  const undoAtOpen = useRef<{ newest: string | undefined }>();
  if (view?.kind === 'site') undoAtOpen.current ??= { newest: view.undo[0]?.id };

  const needsAccess = view?.kind === 'site' && (!view.isPortal || !view.access);
  const consent = view?.kind === 'site' ? view.report?.consent : undefined;
  // Everything drawn after the rows comes in one module and one render, once the rows are on screen.
  const later = useLazy(() => import('./drawn-after-rows'), view?.kind === 'site');
  const showsChoices = !!consent && (consent.record.kind !== 'none' || consent.choices.length > 0);

  if (error !== null)
    return (
      <main>
        <p role="alert">{t('errorGeneric', error)}</p>
      </main>
    );
  if (view === null)
    return (
      <main aria-busy="true">
        <p>{t('loading')}</p>
      </main>
    );
  if (view.kind === 'noSite')
    return (
      <main>
        <p>{t('portalNoSite')}</p>
      </main>
    );

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
            <button
              type="button"
              class="link"
              onClick={() => void adapter.openTab(adapter.extensionUrl(`popup.html?tab=${view.tabId}`))}
            >
              {t('openInTab')}
            </button>
          )}
          <button type="button" class="link" onClick={() => void adapter.openOptions()}>
            {t('managePortals')}
          </button>
        </div>
      </header>

      {view.journalRefused && <p class="status-warn journal-refused">{t('journalRefused')}</p>}
      <div role="status" aria-live="polite" class="outcome">
        {status.map((line, index) => (
          <p key={index}>{line}</p>
        ))}
      </div>
      {later && (
        <later.UndoList
          entries={view.undo}
          lost={view.undoLost}
          newestAtOpen={undoAtOpen.current?.newest}
          onUndo={(id) => void undo(id)}
        />
      )}

      {report && later && showsChoices && <later.ConsentSection report={report} />}
      {needsAccess && later && <later.NotPortal view={view} onAdded={load} />}
      {view.access && later && <later.HiddenParents parents={view.hiddenParents} onGranted={() => void load()} />}

      {report && <CookieGroups report={report} onDelete={(one) => void remove(view.host, [one])} />}
      {later && (
        <later.AfterList view={view} onClear={(items) => void remove(view.host, items)} onChanged={() => void load()} />
      )}
    </main>
  );
}
