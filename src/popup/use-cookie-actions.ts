import { useState } from 'preact/hooks';
import type { ExplainedCookie } from '../core/report/site-report';
import type { MessageKey } from '../core/util/i18n';
import type { CookieOutcome, FailureReason } from '../protocol';
import { useServices } from '../ui/services';

const FAILURE_TEXT: Record<FailureReason, MessageKey> = {
  stillThere: 'failedStillThere',
  refused: 'failedRefused',
  expired: 'failedExpired',
  noUndoSpace: 'failedNoUndoSpace',
};

/** « Supprimer », « Effacer » and « Annuler »: asked of the background, and what came of it, in words. */
export function useCookieActions(reload: () => Promise<void>) {
  const { t, send } = useServices();
  const [status, setStatus] = useState<string[]>([]);

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
    await reload();
  };

  return {
    status,
    remove: (host: string, items: ExplainedCookie[]) =>
      act(send({ type: 'removeCookies', host, cookies: items.map((item) => item.cookie) }), 'clearDone', 'clearFailed'),
    undo: (id: string) => act(send({ type: 'undoRemoval', id }), 'undoDone', 'undoFailed'),
  };
}
