import type { MessageKey } from '../core/i18n';
import type { ExplainedCookie } from '../core/report';

/** What the user loses, said before clearing: one sentence per thing they would notice. */
export function consequencesOf(items: readonly ExplainedCookie[]): MessageKey[] {
  const ids = new Set(items.map((item) => item.entry?.id));
  const sentences: MessageKey[] = [];
  if (ids.has('sessionid')) sentences.push('clearConsequenceLogout');
  if (ids.has('django_language')) sentences.push('clearConsequenceLanguage');
  if (ids.has('cookies_preferences') || ids.has('mtm_consent')) sentences.push('clearConsequenceConsent');
  sentences.push('clearConsequenceGeneric');
  return sentences;
}
