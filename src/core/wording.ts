import type { CatalogueEntry, Consent } from './catalogue';
import { cookieHost, type ObservedCookie } from './cookie';
import { formatDuration, formatIn } from './duration';
import type { MessageKey, Translate } from './i18n';
import type { DeclaredLifetime, Remaining } from './lifetime';
import type { Flag, Group } from './report';

export const GROUP_TITLE: Readonly<Record<Group, MessageKey>> = {
  necessary: 'groupNecessary',
  preferences: 'groupPreferences',
  audience: 'groupAudience',
  advertising: 'groupAdvertising',
  unknown: 'groupUnknown',
};

export const CONSENT_TEXT: Readonly<Record<Consent, MessageKey>> = {
  exempt: 'consentExempt',
  conditional: 'consentConditional',
  required: 'consentRequired',
};

const FLAG_TEXT: Readonly<Record<Exclude<Flag, 'parentDomain'>, MessageKey>> = {
  undeclared: 'flagUndeclared',
  outlivesDeclared: 'flagOutlivesDeclared',
  beyondCnil: 'flagBeyondCnil',
  needsConsent: 'flagNeedsConsent',
};

export function flagText(flag: Flag, cookie: Pick<ObservedCookie, 'domain'>, t: Translate): string {
  return flag === 'parentDomain' ? t('flagParentDomain', cookieHost(cookie)) : t(FLAG_TEXT[flag]);
}

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
