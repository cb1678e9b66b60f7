import type { CatalogueEntry } from '../core/catalogue';
import type { MessageKey } from '../core/i18n';
import type { ExplainedCookie } from '../core/explanation';

const CONSEQUENCE_TEXT: Readonly<Record<NonNullable<CatalogueEntry['clearing']>, MessageKey>> = {
  logout: 'clearConsequenceLogout',
  language: 'clearConsequenceLanguage',
  consent: 'clearConsequenceConsent',
};

/** What the user loses, said before clearing: one sentence per thing they would notice, from the catalogue. */
export function consequencesOf(items: readonly ExplainedCookie[]): MessageKey[] {
  const losses = new Set(items.flatMap((item) => (item.entry?.clearing ? [item.entry.clearing] : [])));
  return [...(['logout', 'language', 'consent'] as const).filter((loss) => losses.has(loss)).map((loss) => CONSEQUENCE_TEXT[loss]), 'clearConsequenceGeneric'];
}
