import type { Consent } from '../catalogue/catalogue';
import type { ChoiceOrigin } from '../consent/choice';
import { cookieHost } from '../cookies/cookie';
import { formatDuration, formatIn } from '../util/duration';
import { madeOnce } from '../util/intl';
import { catalogueKey, type MessageKey, type Translate } from '../util/i18n';
import type { KnownLifetime, Remaining } from '../cookies/lifetime';
import type { OcdCategory } from '../catalogue/open-cookies';
import type { Group } from '../catalogue/open-cookies';
import {
  ALERT_FLAGS,
  ALERT_VERDICTS,
  type ClaimSource,
  type ConsentVerdict,
  type ExplainedCookie,
  type Flag,
  type Said,
  type SiteReport,
} from './site-report';

export const GROUP_TITLE: Readonly<Record<Group, MessageKey>> = {
  necessary: 'groupNecessary',
  preferences: 'groupPreferences',
  functional: 'groupFunctional',
  audience: 'groupAudience',
  advertising: 'groupAdvertising',
  unknown: 'groupUnknown',
};

const CONSENT_TEXT: Readonly<Record<Consent, MessageKey>> = {
  exempt: 'consentExempt',
  conditional: 'consentConditional',
  required: 'consentRequired',
};

const FLAG_TEXT: Readonly<Record<Exclude<Flag, 'parentDomain'>, MessageKey>> = {
  undeclared: 'flagUndeclared',
  notInStandardCharte: 'flagNotInStandardCharte',
  outlivesDeclared: 'flagOutlivesDeclared',
  beyondCnil: 'flagBeyondCnil',
  needsConsent: 'flagNeedsConsent',
};

const LIFETIME_SOURCE_TEXT: Readonly<Record<ClaimSource, MessageKey>> = {
  portalCharte: 'lifetimeFromPortalCharte',
  standardCharte: 'lifetimeFromStandardCharte',
  vendor: 'lifetimeFromVendor',
  catalogue: 'lifetimeFromVendor',
  openCookieDatabase: 'lifetimeFromOcd',
};

const OCD_CATEGORY_TEXT: Readonly<Record<OcdCategory, MessageKey>> = {
  Necessary: 'ocdNecessary',
  Security: 'ocdSecurity',
  Functional: 'ocdFunctional',
  Personalization: 'ocdPersonalization',
  Analytics: 'ocdAnalytics',
  Marketing: 'ocdMarketing',
};

/** Every sentence a surface shows about one cookie: the popup and the Markdown report both print these. */
export interface CookieSentences {
  provider: string;
  service: string | null;
  purpose: string;
  /** `en` when the purpose is the Open Cookie Database's English description. */
  purposeLang: 'en' | null;
  lifetime: string | null;
  /**
   * For a cookie only the Open Cookie Database knows: its category in words, its source, the controller's privacy page.
   */
  reference: { category: string; source: string; privacy: { url: string; text: string } | null } | null;
  remaining: string;
  consent: string | null;
  verdict: { kind: ConsentVerdict['kind']; text: string; alert: boolean } | null;
  flags: Array<{ flag: Flag; text: string; alert: boolean }>;
}

const VERDICT_TEXT: Readonly<Record<ConsentVerdict['kind'], MessageKey>> = {
  allowed: 'verdictAllowed',
  setBeforeAcceptance: 'verdictBeforeAcceptance',
  setDespiteRefusal: 'verdictDespiteRefusal',
  stillThereAfterRefusal: 'verdictStillThere',
  refusedOrderUnknown: 'verdictOrderUnknown',
  setBeforeChoice: 'verdictBeforeChoice',
  unreadableChoice: 'verdictUnreadable',
  conflictingChoices: 'verdictConflicting',
  writtenUnderUnknown: 'verdictWrittenUnderUnknown',
  noChoiceOffered: 'verdictNoChoiceOffered',
};
/** What a verdict says when the choice's date is not known. */
const UNDATED_TEXT: Partial<Record<ConsentVerdict['kind'], MessageKey>> = {
  allowed: 'verdictAllowedNoDate',
  setDespiteRefusal: 'verdictDespiteRefusalNoDate',
  stillThereAfterRefusal: 'verdictStillThereNoDate',
};

const dayFormat = madeOnce(
  (locale: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }),
);

/** « 12 octobre 2026 »: the day a choice was made, as the verdicts and the choices say it. */
export function dayText(ms: number, locale: string): string {
  return dayFormat(locale).format(ms);
}

export function verdictText(verdict: ConsentVerdict, t: Translate, locale: string): string {
  const at = 'at' in verdict && verdict.at !== null ? dayText(verdict.at, locale) : null;
  const undated = at === null ? UNDATED_TEXT[verdict.kind] : undefined;
  const text = undated ? t(undated) : t(VERDICT_TEXT[verdict.kind], at ?? '');
  return 'by' in verdict ? withOrigin(text, verdict.by, t) : text;
}

/** « … (votre choix sur ville.fr, enregistré par tarteaucitron) », unless the portal's own banner recorded it. */
export function withOrigin(text: string, by: ChoiceOrigin | null | undefined, t: Translate): string {
  return by && !by.ownBanner ? `${text} (${t('choiceMadeOn', by.site, by.manager)})` : text;
}

export function cookieSentences(item: ExplainedCookie, t: Translate, locale: string): CookieSentences {
  const { declaredLifetime, remaining } = item;
  const said = (text: Said | null, part: 'service' | 'purpose') =>
    text === null
      ? null
      : 'charte' in text
        ? text.charte
        : 'english' in text
          ? text.english
          : t(catalogueKey(text.catalogue, part));
  const { reference } = item;
  return {
    provider: item.provider ? t('providerLabel', item.provider.name) : t('unknownProvider'),
    service: said(item.service, 'service'),
    purpose:
      said(item.purpose, 'purpose') ?? t(item.declaration === 'portalCharte' ? 'purposeNotGiven' : 'unknownPurpose'),
    purposeLang: item.purpose !== null && 'english' in item.purpose ? 'en' : null,
    lifetime: declaredLifetime
      ? t(
          LIFETIME_SOURCE_TEXT[declaredLifetime.source],
          declaredText(declaredLifetime.lifetime, t, locale),
          item.provider?.name ?? '',
        )
      : reference && reference.retention !== '' && !/^unknown$/i.test(reference.retention)
        ? t('lifetimeFromOcd', t('quoted', reference.retention))
        : null,
    reference: reference && {
      category: t('ocdCategory', t(OCD_CATEGORY_TEXT[reference.category])),
      source: t('ocdSource'),
      privacy: reference.privacyUrl
        ? { url: reference.privacyUrl, text: t('ocdPrivacy', reference.controller || (item.provider?.name ?? '')) }
        : null,
    },
    remaining:
      item.remainingAsDeclared && declaredLifetime && 'seconds' in declaredLifetime.lifetime
        ? t('expiresIn', formatIn(declaredLifetime.lifetime.seconds, locale))
        : remainingText(remaining, t, locale),
    consent: item.consentRule === 'unknown' ? null : t(CONSENT_TEXT[item.consentRule]),
    verdict: item.verdict && {
      kind: item.verdict.kind,
      text: verdictText(item.verdict, t, locale),
      alert: ALERT_VERDICTS.has(item.verdict.kind),
    },
    // « Demande votre consentement » would say again what the consent sentence above it says.
    flags: item.flags
      .filter((flag) => flag !== 'needsConsent' || item.consentRule === 'unknown')
      .map((flag) => ({ flag, text: flagText(flag, item, t), alert: ALERT_FLAGS.has(flag) })),
  };
}

function flagText(flag: Flag, item: ExplainedCookie, t: Translate): string {
  return flag === 'parentDomain' ? t('flagParentDomain', cookieHost(item.cookie)) : t(FLAG_TEXT[flag]);
}

function declaredText(declared: KnownLifetime, t: Translate, locale: string): string {
  switch (declared.kind) {
    case 'fixed':
      return formatDuration(declared.seconds, locale);
    case 'upTo':
      return t('declaredUpTo', formatDuration(declared.seconds, locale));
    case 'session':
      return t('declaredSession');
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

/** The popup's first line: how many cookies, how many need your consent, how many the reference charte leaves out. */
export function summaryText(report: SiteReport, t: Translate): string {
  const { total, askingConsent, undeclared, notInStandardCharte } = report.counts;
  const parts = [countText(total, t)];
  if (askingConsent > 0) parts.push(t('summaryConsent', askingConsent));
  // French agrees in number: « 1 absent », « 2 absents », never « absent(s) ».
  if (undeclared > 0) parts.push(undeclared === 1 ? t('summaryUndeclaredOne') : t('summaryUndeclared', undeclared));
  else if (notInStandardCharte > 0)
    parts.push(
      notInStandardCharte === 1 ? t('summaryNotInStandardOne') : t('summaryNotInStandard', notInStandardCharte),
    );
  return parts.join(' · ');
}

export function countText(count: number, t: Translate): string {
  if (count === 0) return t('cookieCountNone');
  return count === 1 ? t('cookieCountOne') : t('cookieCount', count);
}
