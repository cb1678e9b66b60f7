import { formatDuration } from '../util/duration';
import { ALERT_VERDICTS, type ConsentSummary, type SiteReport } from './site-report';
import type { Translate } from '../util/i18n';
import { TRACKERS } from '../consent/trackers';
import { dayText, withOrigin } from './wording';
import { everyCookie } from './site-report';

// What the popup's « Vos choix sur ce portail » and the report say of the visitor's choices and
// visit. Apart from the row wording, so a popup that has no choices to show never loads it.

/**
 * The lines of « Vos choix sur ce portail »: one per tracker, or why there is none; the popup and the report print
 * these.
 */
export function choiceLines(summary: ConsentSummary, t: Translate, locale: string): string[] {
  const { record } = summary;
  if (record.kind === 'unreadable') return [t('consentUnreadable', record.raw)];
  const lines = summary.choices.map(({ tracker, status, at, lapsesAt, by }) => {
    const name = TRACKERS[tracker].name;
    if (status === 'none') return t('choiceNone', name);
    if (status === 'unclear') return withOrigin(t('choiceUnclear', name), by, t);
    if (at === null || lapsesAt === null)
      return withOrigin(t(status === 'accepted' ? 'choiceAcceptedUndated' : 'choiceRefusedUndated', name), by, t);
    return withOrigin(
      t(
        status === 'accepted' ? 'choiceAccepted' : 'choiceRefused',
        name,
        dayText(at, locale),
        dayText(lapsesAt, locale),
      ),
      by,
      t,
    );
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

const SAME_PAGE_LOAD_MS = 1_000;
/** At the same moment, the arrival comes first, then the choice, then the cookies. */
const KIND_ORDER: Readonly<Record<Moment['kind'], number>> = { arrival: 0, choice: 1, cookie: 2 };

/** Arrivals, choices written, and each tracker cookie's first appearance and last change, oldest first. */
export function timeline(report: SiteReport, t: Translate, locale: string): Moment[] {
  const consent = report.consent;
  if (!consent) return [];
  const moments: Moment[] = [
    ...consent.arrivals.map((at) => ({ at, kind: 'arrival' as const, text: t('momentArrival'), alert: false })),
    ...consent.choicesWritten.map((at) => ({ at, kind: 'choice' as const, text: t('momentChoice'), alert: false })),
  ];
  // A cookie the page's own answer set is told a moment before the page load that brought it: it
  // belongs to that arrival, not before it.
  const withArrival = (at: number) =>
    consent.arrivals.find((arrival) => arrival >= at && arrival - at < SAME_PAGE_LOAD_MS) ?? at;
  for (const item of everyCookie(report)) {
    if (!item.verdict || !item.seen) continue;
    const alert = ALERT_VERDICTS.has(item.verdict.kind);
    moments.push({
      at: withArrival(item.seen.firstSeen),
      kind: 'cookie',
      text: t('momentCookieSet', item.cookie.name),
      alert,
    });
    if (item.seen.lastChanged > item.seen.firstSeen)
      moments.push({
        at: item.seen.lastChanged,
        kind: 'cookie',
        text: t('momentCookieChanged', item.cookie.name),
        alert,
      });
  }
  const first = Math.min(...moments.map((moment) => moment.at));
  return moments
    .sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
    .map((moment) => ({ ...moment, text: `${elapsed(moment.at - first, t, locale)} : ${moment.text}` }));
}

function elapsed(ms: number, t: Translate, locale: string): string {
  return ms < 1000 ? t('momentStart') : t('momentAfter', formatDuration(ms / 1000, locale));
}
