import type { MessageKey } from '../core/util/i18n';
import type { ClearingLoss, ExplainedCookie } from '../core/report/site-report';

const CONSEQUENCE_TEXT: Readonly<Record<ClearingLoss, MessageKey>> = {
  logout: 'clearConsequenceLogout',
  language: 'clearConsequenceLanguage',
  consent: 'clearConsequenceConsent',
};

/** What the user loses, said before clearing: one sentence per thing they would notice, as the report says it. */
export function consequencesOf(items: readonly ExplainedCookie[]): MessageKey[] {
  const losses = new Set(items.flatMap((item) => (item.clearing ? [item.clearing] : [])));
  return [
    ...(['logout', 'language', 'consent'] as const)
      .filter((loss) => losses.has(loss))
      .map((loss) => CONSEQUENCE_TEXT[loss]),
    'clearConsequenceGeneric',
  ];
}
