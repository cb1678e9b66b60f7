/** What the audit's reports say in words, whatever their format: dates, outcomes, timelines. */
import type { TimelineEvent, VisitKind } from '../core/report/audit';
import type { MessageKey, Translate } from '../core/util/i18n';
import { dateFormat, decimalFormat } from '../core/util/intl';
import { formatDuration } from '../core/util/duration';
import type { PortalResult } from './results';

export const LOCALE = 'fr';
export const VISITS: ReadonlyArray<[VisitKind, MessageKey]> = [
  ['arrive', 'auditVisitArrive'],
  ['refuse', 'auditVisitRefuse'],
  ['accept', 'auditVisitAccept'],
];
export const EVENT_TEXT: Readonly<Record<TimelineEvent['kind'], MessageKey>> = {
  arrival: 'auditEventArrival',
  page: 'auditEventPage',
  choice: 'auditEventChoice',
  tracker: 'auditEventTracker',
};

export const byHost = (a: PortalResult, b: PortalResult) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0);
export const seconds = (ms: number) => `+${decimalFormat(LOCALE, 1).format(ms / 1000)} s`;
export const day = (iso: string) => dateFormat(LOCALE, 'day').format(new Date(iso));

export function summaryLine(results: readonly PortalResult[], t: Translate): string {
  const dates = results.map((result) => result.auditedAt).sort();
  const failing = results.filter((result) => result.rules.some((rule) => rule.status === 'fail')).length;
  const unreachable = results.filter((result) => result.outcome !== 'audited').length;
  const [first, last] = [dates[0] ? day(dates[0]) : '—', dates.at(-1) ? day(dates.at(-1)!) : '—'];
  return first === last
    ? t('auditSummaryOneDay', results.length, first, failing, unreachable)
    : t('auditSummary', results.length, first, last, failing, unreachable);
}

export function outcomeLine(result: PortalResult, t: Translate): string {
  if (result.outcome === 'unreachable') return t('auditUnreachable', result.error ?? '');
  if (result.outcome === 'failed') return t('auditFailed', result.error ?? '');
  const charte = result.charteUrl ? t('auditCharteRead', result.charteUrl) : t('auditCharteMissing');
  return result.redirectedTo ? `${t('auditRedirected', result.redirectedTo)} ${charte}` : charte;
}

export function managerLine(result: PortalResult, t: Translate): string {
  return result.consentManager ? t('auditManager', result.consentManager) : t('auditManagerUnknown');
}

export function timelineLines(result: PortalResult, kind: VisitKind, t: Translate): string[] | null {
  const visit = result.visits?.[kind];
  if (!visit) return null;
  return visit.timeline.map(
    (event) => `${seconds(event.at - visit.startedAt)} ${t(EVENT_TEXT[event.kind], event.label)}`,
  );
}

export const elapsed = (ms: number) => formatDuration(ms / 1000, LOCALE);
