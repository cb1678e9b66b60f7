import type { Consent } from './catalogue';
import { TRACKERS } from './trackers';
import { cookieHost } from './cookie';
import { formatDuration, formatIn } from './duration';
import { catalogueKey, type MessageKey, type Translate } from './i18n';
import type { KnownLifetime, Remaining } from './lifetime';
import { ALERT_FLAGS, ALERT_VERDICTS, type ClaimSource, type ConsentSummary, type ConsentVerdict, type ExplainedCookie, type Flag, type Group, type Said, type SiteReport } from './explanation';

export const GROUP_TITLE: Readonly<Record<Group, MessageKey>> = {
  necessary: 'groupNecessary',
  preferences: 'groupPreferences',
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
};

/** Every sentence a surface shows about one cookie: the popup and the Markdown report both print these. */
export interface CookieSentences {
  provider: string;
  service: string | null;
  purpose: string;
  lifetime: string | null;
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
};

/** « 12 octobre 2026 »: the day a choice was made, as the verdicts and the choices say it. */
export function dayText(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

export function verdictText(verdict: ConsentVerdict, t: Translate, locale: string): string {
  const at = 'at' in verdict && verdict.at !== null ? dayText(verdict.at, locale) : null;
  if (verdict.kind === 'allowed' && at === null) return t('verdictAllowedNoDate');
  return t(VERDICT_TEXT[verdict.kind], at ?? '');
}

export function cookieSentences(item: ExplainedCookie, t: Translate, locale: string): CookieSentences {
  const { declaredLifetime, remaining } = item;
  const said = (text: Said | null, part: 'service' | 'purpose') => (text === null ? null : 'charte' in text ? text.charte : t(catalogueKey(text.catalogue, part)));
  return {
    provider: item.provider ? t('providerLabel', item.provider.name) : t('unknownProvider'),
    service: said(item.service, 'service'),
    purpose: said(item.purpose, 'purpose') ?? t(item.declaration === 'portalCharte' ? 'purposeNotGiven' : 'unknownPurpose'),
    lifetime: declaredLifetime && t(LIFETIME_SOURCE_TEXT[declaredLifetime.source], declaredText(declaredLifetime.lifetime, t, locale), item.provider?.name ?? ''),
    remaining:
      item.remainingAsDeclared && declaredLifetime && 'seconds' in declaredLifetime.lifetime
        ? t('expiresIn', formatIn(declaredLifetime.lifetime.seconds, locale))
        : remainingText(remaining, t, locale),
    consent: item.consent === 'unknown' ? null : t(CONSENT_TEXT[item.consent]),
    verdict: item.verdict && { kind: item.verdict.kind, text: verdictText(item.verdict, t, locale), alert: ALERT_VERDICTS.has(item.verdict.kind) },
    flags: item.flags.map((flag) => ({ flag, text: flagText(flag, item, t), alert: ALERT_FLAGS.has(flag) })),
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

export function countText(count: number, t: Translate): string {
  if (count === 0) return t('cookieCountNone');
  return count === 1 ? t('cookieCountOne') : t('cookieCount', count);
}

/** The lines of « Vos choix sur ce portail »: one per tracker, or why there is none; the popup and the report print these. */
export function choiceLines(summary: ConsentSummary, t: Translate, locale: string): string[] {
  const { record } = summary;
  if (record.kind === 'unreadable') return [t('consentUnreadable', record.raw)];
  const lines = summary.choices.map(({ tracker, status, at, lapsesAt }) => {
    const name = TRACKERS[tracker].name;
    if (status === 'none') return t('choiceNone', name);
    if (at === null || lapsesAt === null) return t(status === 'accepted' ? 'choiceAcceptedUndated' : 'choiceRefusedUndated', name);
    return t(status === 'accepted' ? 'choiceAccepted' : 'choiceRefused', name, dayText(at, locale), dayText(lapsesAt, locale));
  });
  if (record.kind === 'none') lines.unshift(t('consentNoRecord'));
  else lines.push(...record.others.map(({ key, value }) => t('consentOther', key, value)));
  return lines;
}

/** One moment of the visit: the popup draws them on a line, and lists them as text for screen readers. */
export interface Moment {
  at: number;
  kind: 'arrival' | 'choice' | 'cookie';
  text: string;
  alert: boolean;
}

/** Arrivals, choices written, and each tracker cookie's first appearance and last change, oldest first. */
export function timeline(report: SiteReport, t: Translate, locale: string): Moment[] {
  const consent = report.consent;
  if (!consent) return [];
  const moments: Moment[] = [
    ...consent.arrivals.map((at) => ({ at, kind: 'arrival' as const, text: t('momentArrival'), alert: false })),
    ...consent.choicesWritten.map((at) => ({ at, kind: 'choice' as const, text: t('momentChoice'), alert: false })),
  ];
  for (const item of report.groups.flatMap((group) => group.cookies)) {
    if (!item.verdict || !item.seen) continue;
    const alert = ALERT_VERDICTS.has(item.verdict.kind);
    moments.push({ at: item.seen.firstSeen, kind: 'cookie', text: t('momentCookieSet', item.cookie.name), alert });
    if (item.seen.lastChanged > item.seen.firstSeen) moments.push({ at: item.seen.lastChanged, kind: 'cookie', text: t('momentCookieChanged', item.cookie.name), alert });
  }
  const first = Math.min(...moments.map((moment) => moment.at));
  return moments
    .sort((a, b) => a.at - b.at)
    .map((moment) => ({ ...moment, text: `${elapsed(moment.at - first, t, locale)} : ${moment.text}` }));
}

function elapsed(ms: number, t: Translate, locale: string): string {
  return ms < 1000 ? t('momentStart') : t('momentAfter', formatDuration(ms / 1000, locale));
}
