import { useState } from 'preact/hooks';
import type { SiteReport } from '../core/explanation';
import { useLazy } from '../ui/lazy';
import { useServices } from '../ui/services';

interface Props {
  host: string;
  origin: string;
  report: SiteReport;
  onRead: () => void;
}

/** « Comparer avec la charte du portail »: the only request the extension makes, on this click only. */
export function CharteSection({ host, origin, report, onRead }: Props) {
  const { t, adapter, send, now, locale } = useServices();
  const [state, setState] = useState<'idle' | 'reading' | { error: string }>('idle');

  const read = async () => {
    setState('reading');
    try {
      const { readPortalCharte } = await import('./read-charte');
      await readPortalCharte(adapter, send, host, origin, now());
      setState('idle');
      onRead();
    } catch (cause) {
      setState({ error: cause instanceof Error ? cause.message : String(cause) });
    }
  };

  const { charte } = report;
  // Drawn only once this portal's charte has been read: its code loads then.
  const Comparison = useLazy(() => import('./CharteComparison').then((module) => module.CharteComparison), report.comparison !== null);
  const date = charte && new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(charte.readAt);
  return (
    <section class="charte" aria-labelledby="charte-title">
      <h2 id="charte-title">{t('charteTitle')}</h2>
      {charte && <p class="muted charte-date">{t(charte.source === 'page' ? 'charteReadFromPage' : 'charteReadOn', date ?? '')}</p>}
      <button type="button" class="compare" disabled={state === 'reading'} onClick={() => void read()}>
        {t(charte ? 'charteRefresh' : 'charteCompare')}
      </button>
      {state === 'reading' && <p role="status">{t('loading')}</p>}
      {typeof state === 'object' && <p role="alert" class="status-warn">{t('charteFailed', state.error)}</p>}
      {!charte && <p class="muted">{t('charteNotRead')}</p>}
      {Comparison && <Comparison report={report} />}
    </section>
  );
}
