import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExplainedCookie, SiteReport } from '../core/report/site-report';
import { useServices } from '../ui/services';
import { consequencesOf } from './consequences';
import { everyCookie } from '../core/report/site-report';

interface Props {
  host: string;
  report: SiteReport;
  onClear: (items: ExplainedCookie[]) => void;
}

/** « Effacer les cookies de ce site »: says what will happen, lets shared cookies be opted in, then clears. */
export function ClearPanel({ host, report, onClear }: Props) {
  const { t } = useServices();
  const [confirming, setConfirming] = useState(false);
  const [withParent, setWithParent] = useState(false);
  // The button that was clicked gives way to the panel and back: keyboard focus follows, never lost.
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (opened.current) openRef.current?.focus();
    opened.current ||= confirming;
  }, [confirming]);
  const all = everyCookie(report);
  const own = report.own.flatMap((group) => group.cookies);
  const chosen = withParent ? all : own;
  const { parents } = report.shared;

  if (all.length === 0) return null;
  if (!confirming) {
    return (
      <button type="button" class="clear-site" ref={openRef} onClick={() => setConfirming(true)}>
        {t('clearSite')}
      </button>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a question and its answers, not a form a fieldset would announce
    <section class="card clear-confirm" role="group" aria-labelledby="clear-title">
      <p id="clear-title">
        <strong>{t('clearConfirmTitle', chosen.length, host)}</strong>
      </p>
      <ul class="consequences">
        {consequencesOf(chosen).map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      {parents.length > 0 && (
        <label class="check">
          <input
            type="checkbox"
            checked={withParent}
            onChange={(event) => setWithParent(event.currentTarget.checked)}
          />
          <span>{t('clearIncludeParent', parents.join(', '))}</span>
        </label>
      )}
      <div class="row">
        <button
          type="button"
          class="primary confirm-clear"
          ref={confirmRef}
          disabled={chosen.length === 0}
          onClick={() => {
            setConfirming(false);
            onClear(chosen);
          }}
        >
          {t('clearConfirm')}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
