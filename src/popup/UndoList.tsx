import { useEffect, useRef } from 'preact/hooks';
import type { UndoEntry } from '../core/cookies/undo';
import { dateFormat } from '../core/util/intl';
import { useServices } from '../ui/services';

/**
 * Every removal made here in this browser session, newest first, each with its own « Annuler »;
 * after a removal, keyboard focus goes to the newest, the next thing a keyboard user needs.
 */
export function UndoList({
  entries,
  lost,
  newestAtOpen,
  onUndo,
}: {
  entries: UndoEntry[];
  lost: boolean;
  newestAtOpen: string | undefined;
  onUndo: (id: string) => void;
}) {
  const { t, locale } = useServices();
  const newest = useRef<HTMLButtonElement>(null);
  // Compared with the history as the popup opened, not as this list first drew: its code loads only once there is an
  // entry.
  const seen = useRef(newestAtOpen);
  useEffect(() => {
    if (entries[0] && entries[0].id !== seen.current) newest.current?.focus();
    seen.current = entries[0]?.id;
  }, [entries[0]?.id]);
  if (entries.length === 0) return lost ? <p class="undo-lost">{t('undoLost')}</p> : null;
  const time = dateFormat(locale, 'time');
  return (
    <section class="undo-history" aria-labelledby="undo-title">
      <h2 id="undo-title">{t('undoTitle')}</h2>
      <ul>
        {entries.map((entry, index) => {
          const names = entry.cookies.map((cookie) => cookie.name).join(', ');
          return (
            <li key={entry.id} class="row undo-entry">
              <span>{t('undoEntry', time.format(entry.at), entry.cookies.length, names)}</span>
              <button
                type="button"
                class="undo"
                ref={index === 0 ? newest : undefined}
                aria-label={t('undoLabel', names)}
                onClick={() => onUndo(entry.id)}
              >
                {t('undo')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
