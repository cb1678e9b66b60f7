import { useState } from 'preact/hooks';
import type { SiteReport } from '../core/report/site-report';
import { dateFormat } from '../core/util/intl';
import { useLazy } from '../ui/lazy';
import { useServices } from '../ui/services';

interface Props {
  tabId: number;
  host: string;
  origin: string;
  report: SiteReport;
  /** What was stored for this portal could not be read back. */
  damaged: boolean;
  onRead: () => void;
}

/** « Comparer avec la charte du portail »: the only request the extension makes, on this click only. */
export function CharteSection({ tabId, host, origin, report, damaged, onRead }: Props) {
  const { t, adapter, send, now, locale } = useServices();
  const [state, setState] = useState<'idle' | 'reading' | { error: string }>('idle');

  const read = async () => {
    setState('reading');
    const { readPortalCharte, failureText } = await import('./read-charte');
    try {
      await readPortalCharte(adapter, send, { tabId, host, origin }, now());
      setState('idle');
      onRead();
    } catch (cause) {
      setState({ error: failureText(cause, t, report.charte !== null) });
    }
  };

  const { charte } = report;
  // Drawn only once this portal's charte has been read: its code loads then.
  const Comparison = useLazy(
    () => import('./CharteComparison').then((module) => module.CharteComparison),
    report.comparison !== null,
  );
  const date = charte && dateFormat(locale, 'dayAndTime').format(charte.readAt);
  return (
    <section class="charte" aria-labelledby="charte-title">
      <h2 id="charte-title">{t('charteTitle')}</h2>
      {charte && (
        <p class="muted charte-date">
          {t(charte.source === 'page' ? 'charteReadFromPage' : 'charteReadOn', date ?? '', charte.url)}
        </p>
      )}
      <button type="button" class="compare" disabled={state === 'reading'} onClick={() => void read()}>
        {t(charte ? 'charteRefresh' : 'charteCompare')}
      </button>
      {state === 'reading' && <p role="status">{t('loading')}</p>}
      {typeof state === 'object' && (
        <p role="alert" class="status-warn charte-error">
          {state.error}
        </p>
      )}
      {damaged && <p class="status-warn">{t('charteStoredDamaged')}</p>}
      {!charte && <p class="muted">{t('charteNotRead')}</p>}
      {Comparison && <Comparison report={report} />}
    </section>
  );
}
