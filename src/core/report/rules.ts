/**
 * Each CNIL rule (`rule-verdict.ts`) judged from what one visit showed: the same explanation every
 * surface renders, so the popup's « Conformité (CNIL) », the reports and the command-line audit agree.
 */
import { CNIL_CEILING, DAY } from '../util/duration';
import { concernsTrackerRules } from '../catalogue/open-cookies';
import { everyCookie, type EarlierWrite, type ExplainedCookie, type SiteReport } from './site-report';
import {
  inRuleOrder,
  type EvidenceCookie,
  type RuleId,
  type RuleStatus,
  type RuleVerdict,
  type UnknownWhy,
} from './rule-verdict';

/** The recommendation's good practice is six months; a record asked to last much less is asked again too soon. */
const REMEMBERED_AT_LEAST = 150 * DAY;

export const isTracker = (item: ExplainedCookie) => concernsTrackerRules(item.consentRule, item.group);

export const evidenceOf = (item: ExplainedCookie): EvidenceCookie => ({
  name: item.cookie.name,
  domain: item.cookie.domain,
  seenAt: item.seen?.firstSeen ?? null,
  secondsLeft: item.remaining.kind === 'remaining' ? Math.round(item.remaining.seconds) : null,
});

/** A write the jar no longer shows, as evidence: when it was made. */
const earlierEvidence = (write: EarlierWrite): EvidenceCookie => ({
  name: write.name,
  domain: write.domain,
  seenAt: write.at,
  secondsLeft: null,
});

const verdict = (
  id: RuleId,
  status: RuleStatus,
  evidence: RuleVerdict['evidence'] = { cookies: [] },
  why: UnknownWhy | null = null,
): RuleVerdict => ({ id, status, why, evidence });

/**
 * « Durée des traceurs », the one judgement: the longest of what the browser keeps and, in a controlled visit, what
 * the portal asked (`Set-Cookie`), against the CNIL's 13 months; the trackers past it, else every tracker seen.
 */
export function lifetimeVerdict(trackers: readonly EvidenceCookie[]): RuleVerdict {
  const tooLong = trackers.filter(
    (cookie) => Math.max(cookie.secondsLeft ?? 0, cookie.requestedSeconds ?? 0) > CNIL_CEILING,
  );
  return verdict('tracker-lifetime', tooLong.length > 0 ? 'fail' : 'pass', {
    cookies: tooLong.length > 0 ? tooLong : [...trackers],
  });
}

/** Each rule judged from what this visit showed; a portal only (elsewhere there is nothing to judge). */
export function judgeRules(report: Omit<SiteReport, 'rules'>): RuleVerdict[] {
  if (!report.isPortal || report.consent === null) return [];
  const items = everyCookie(report);
  const withVerdict = (...kinds: string[]) =>
    items.filter((item) => item.verdict !== null && kinds.includes(item.verdict.kind));
  const trackers = items.filter(isTracker);
  const consent = report.consent;

  // What the visit proved stays proved: a tracker written before the choice, then removed, still was.
  const early = [
    ...withVerdict('setBeforeChoice', 'setBeforeAcceptance').map(evidenceOf),
    ...consent.earlier.beforeChoice.map(earlierEvidence),
  ];
  const beforeChoice =
    early.length > 0
      ? verdict('consent-before-trackers', 'fail', { cookies: early })
      : consent.arrivals.length > 0 && trackers.every((item) => item.seen !== null)
        ? verdict('consent-before-trackers', 'pass', { cookies: trackers.map(evidenceOf) })
        : verdict('consent-before-trackers', 'unknown', { cookies: trackers.map(evidenceOf) }, 'controlledVisit');

  const despite = [
    ...withVerdict('setDespiteRefusal').map(evidenceOf),
    ...consent.earlier.despiteRefusal.map(earlierEvidence),
  ];
  // A refusal the visitor made: of a tracker here, or written by any manager the page receives.
  const refused =
    consent.choices.some((choice) => choice.status === 'refused') ||
    consent.records.some((record) => record.stance === 'refuses' || record.stance === 'mixed');
  const refusal =
    despite.length > 0
      ? verdict('refusal-honoured', 'fail', { cookies: despite })
      : refused
        ? verdict('refusal-honoured', 'pass', { cookies: withVerdict('stillThereAfterRefusal').map(evidenceOf) })
        : verdict('refusal-honoured', 'unknown', { cookies: [] }, 'noRefusal');

  const lifetime = lifetimeVerdict(trackers.map(evidenceOf));

  // The portal's own record first, else any manager's that holds the visitor's choice (Matomo's holds only its own).
  const record =
    items.find((item) => item.entry?.recordsConsent === 'portal') ??
    items.find((item) => item.entry?.recordsConsent !== undefined && item.entry.recordsConsent !== 'matomo');
  const recordAt =
    record?.entry?.recordsConsent === 'portal' && consent.record.kind === 'record' ? consent.record.at : null;
  const writtenAt = record?.seen?.lastChanged ?? recordAt;
  const asked =
    record?.cookie.expirationDate !== undefined && writtenAt !== null
      ? Math.round(record.cookie.expirationDate - writtenAt / 1000)
      : null;
  const recordEvidence = {
    cookies: record ? [evidenceOf(record)] : [],
    record: { at: recordAt, lifetimeSeconds: asked },
  };
  const remembered = !record
    ? verdict('choice-remembered', 'unknown', recordEvidence, 'noChoice')
    : asked !== null && asked < REMEMBERED_AT_LEAST
      ? verdict('choice-remembered', 'fail', recordEvidence)
      : // Kept long enough; whether the banner comes back on the next pages only a controlled visit tells.
        verdict('choice-remembered', 'unknown', recordEvidence, 'controlledVisit');

  const outliving = items.filter((item) => item.flags.includes('outlivesDeclared'));
  const charte = !report.charte
    ? verdict('charte-complete', 'unknown', { cookies: [] }, 'charteNotRead')
    : verdict(
        'charte-complete',
        (report.comparison?.setNotDeclared.length ?? 0) > 0 || outliving.length > 0 ? 'fail' : 'pass',
        {
          cookies: outliving.map(evidenceOf),
          charteUrl: report.charte.url,
          undeclared: report.comparison?.setNotDeclared ?? [],
        },
      );

  return inRuleOrder([
    beforeChoice,
    refusal,
    verdict('refuse-as-easy', 'unknown', { cookies: [] }, 'controlledVisit'),
    lifetime,
    remembered,
    charte,
    verdict('withdraw-anywhere', 'unknown', { cookies: [] }, 'controlledVisit'),
  ]);
}
