import { useState } from 'preact/hooks';
import type { SiteReport } from '../core/report';
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

  const { charte, comparison } = report;
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
      {comparison && charte && (
        <div class="comparison">
          {charte.declared === 0 && <p class="status-warn">{t('charteEmpty')}</p>}
          <Group title={t('charteDeclaredAndSet')} kind="declared-set" names={comparison.declaredAndSet} />
          <Group title={t('charteDeclaredNotSet')} kind="declared-unset" names={comparison.declaredNotSet} />
          <Group title={t('charteSetNotDeclared')} kind="undeclared-set" names={comparison.setNotDeclared} />
          {charte.unread.length > 0 && <p class="status-warn charte-unread">{t('charteUnread', charte.unread.length)}</p>}
        </div>
      )}
    </section>
  );
}

function Group({ title, kind, names }: { title: string; kind: string; names: string[] }) {
  const { t } = useServices();
  return (
    <div class="card" data-comparison={kind}>
      <h3>
        {title} ({names.length})
      </h3>
      {names.length === 0 ? (
        <p class="muted">{t('charteNone')}</p>
      ) : (
        <ul class="row">
          {names.map((name, index) => (
            <li key={index}>
              <code>{name}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
