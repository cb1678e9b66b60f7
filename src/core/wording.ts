import type { CatalogueEntry } from './catalogue';
import { formatDuration, formatIn } from './duration';
import type { Translate } from './i18n';
import type { DeclaredLifetime, Remaining } from './lifetime';

/** The sentences shared by the popup and the exported report, so both always say the same thing. */
export function declaredText(declared: DeclaredLifetime, t: Translate, locale: string): string {
  switch (declared.kind) {
    case 'fixed':
      return formatDuration(declared.seconds, locale);
    case 'upTo':
      return t('declaredUpTo', formatDuration(declared.seconds, locale));
    case 'session':
      return t('declaredSession');
    case 'unknown':
      return t('declaredUnknown');
  }
}

export function remainingText(left: Remaining, t: Translate, locale: string): string {
  switch (left.kind) {
    case 'session':
      return t('sessionCookie');
    case 'expired':
      return t('expired');
    case 'remaining':
      return t('expiresIn', formatIn(left.seconds, locale));
  }
}

export function countText(count: number, t: Translate): string {
  if (count === 0) return t('cookieCountNone');
  return count === 1 ? t('cookieCountOne') : t('cookieCount', count);
}

export function providerText(entry: CatalogueEntry | undefined, t: Translate): string {
  return entry ? t('providerLabel', entry.provider) : t('unknownProvider');
}
