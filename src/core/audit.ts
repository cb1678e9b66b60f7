/**
 * The command-line audit's judgement of one portal, from three controlled visits in fresh browser
 * contexts: (a) arrive and do nothing, (b) refuse through the banner, (c) accept everything. What
 * the visits saw becomes the same journal the background keeps and the same site reports the popup
 * renders; the rules are judged by `judgeRules`, and only what a controlled visit alone can tell
 * (the banner's first layer, whether it comes back, « Gérer les cookies » on every page, the
 * lifetimes the portal asked for) is added here.
 */
import type { StoredCharte } from './compare';
import { cookieKey, type ObservedCookie } from './cookie';
import { CNIL_CEILING } from './duration';
import { everyCookie, type ExplainedCookie, type SiteReport } from './explanation';
import { applyEvents, emptyJournal, type JournalEvent } from './journal';
import { matchCookie } from './match';
import type { OcdLookup } from './open-cookies';
import { buildSiteReport } from './report';
import { evidenceOf, isTracker, unjudged as unknown, type BannerControls, type EvidenceCookie, type RuleId, type RuleVerdict } from './rules';

export type VisitKind = 'arrive' | 'refuse' | 'accept';
export const VISIT_KINDS: readonly VisitKind[] = ['arrive', 'refuse', 'accept'];

export interface PageSeen {
  url: string;
  at: number;
  /** The banner shown on this page, or null when none is. */
  banner: BannerControls | null;
  /** The words of the « Gérer les cookies » control on the page, or null when there is none. */
  manageControl: string | null;
}

/** The cookie jar read at one moment of a visit. */
export interface JarReading {
  at: number;
  cookies: ObservedCookie[];
}

/** What a `Set-Cookie` header asked for: the browser caps what it keeps (400 days in Chromium). */
export interface RequestedLifetime {
  name: string;
  /** The host that answered, or the header's Domain. */
  domain: string;
  seconds: number;
}

/** `autoconsent`: through the manager's own rules (DuckDuckGo's autoconsent), its words being unreadable. */
export type ChoiceHow = 'refuseAll' | 'saveChoices' | 'acceptAll' | 'autoconsent';

export interface VisitRecord {
  kind: VisitKind;
  startedAt: number;
  /** The jar read after each page settled, and right before and after the choice. */
  readings: JarReading[];
  /** The control clicked, and when: the reading before it is taken right before the click. */
  choice: { at: number; control: string; how: ChoiceHow } | null;
  pages: PageSeen[];
  requested: RequestedLifetime[];
  /** The consent manager autoconsent recognised, when the visit needed it to choose. */
  manager?: string | null;
}

export interface PortalAudit {
  host: string;
  visits: Record<VisitKind, VisitRecord>;
  /** The portal's charte, read as the extension reads it; null when none was found. */
  charte: StoredCharte | null;
}

export type AuditedCookie = Required<EvidenceCookie>;
type CookieEvent = Extract<JournalEvent, { kind: 'cookie' }>;

/** The journal of one visit, as the background would have kept it from the cookie events between readings. */
export function visitJournal(host: string, visit: VisitRecord): Required<ReportInput>['journal'] {
  const events: JournalEvent[] = [{ kind: 'arrival', at: visit.startedAt, host }];
  let before = new Map<string, ObservedCookie>();
  for (const reading of visit.readings) {
    const now = new Map(reading.cookies.map((cookie) => [cookieKey(cookie), cookie]));
    const changed: CookieEvent[] = [];
    const noteChange = (cookie: ObservedCookie, removed: boolean) => {
      const record = matchCookie(cookie.name, true)?.recordsConsent;
      changed.push({ kind: 'cookie', at: reading.at, removed, cookie, ...(record ? { record } : {}) });
    };
    for (const [key, cookie] of now) {
      const old = before.get(key);
      if (!old || old.value !== cookie.value || old.expirationDate !== cookie.expirationDate) noteChange(cookie, false);
    }
    for (const [key, cookie] of before) if (!now.has(key)) noteChange(cookie, true);
    // A reading cannot tell whether a tracker was written just before the choice it shows or after:
    // it is given the benefit of the doubt (before), and its next write, on a later page, tells.
    events.push(...changed.filter((event) => !event.record), ...changed.filter((event) => event.record));
    before = now;
  }
  const journal = applyEvents(emptyJournal(), events);
  return { times: journal.cookies, arrivals: journal.arrivals.get(host) ?? [], records: journal.records };
}

type ReportInput = Parameters<typeof buildSiteReport>[0];

/** The site report the popup would build on this portal, the audited host its only portal. */
function portalReport(audit: PortalAudit, input: Pick<ReportInput, 'cookies' | 'nowMs' | 'path' | 'journal' | 'openCookies'>): SiteReport {
  return buildSiteReport({ ...input, host: audit.host, rules: [{ pattern: audit.host, enabled: true, builtIn: false }], charte: audit.charte });
}

function visitReport(audit: PortalAudit, visit: VisitRecord, openCookies: OcdLookup | undefined): SiteReport | null {
  const last = visit.readings.at(-1);
  if (!last) return null;
  const lastPage = visit.pages.at(-1);
  return portalReport(audit, { path: lastPage ? new URL(lastPage.url).pathname : '/', cookies: last.cookies, nowMs: last.at, journal: visitJournal(audit.host, visit), openCookies });
}

/** Every cookie any visit ended with, the latest reading of each slot. */
function unionReport(audit: PortalAudit, openCookies: OcdLookup | undefined): SiteReport | null {
  const readings = Object.values(audit.visits).flatMap((visit) => visit.readings.slice(-1));
  if (readings.length === 0) return null;
  const cookies = new Map<string, ObservedCookie>();
  for (const reading of readings) for (const cookie of reading.cookies) cookies.set(cookieKey(cookie), cookie);
  return portalReport(audit, { cookies: [...cookies.values()], nowMs: Math.max(...readings.map((reading) => reading.at)), openCookies });
}

function ruleOf(report: SiteReport | null, id: RuleId): RuleVerdict | undefined {
  return report?.rules.find((rule) => rule.id === id);
}

/** One moment of a visit, for the timeline a DPO reads: arrival, each page, the choice, each tracker's first appearance. */
export interface TimelineEvent {
  at: number;
  kind: 'arrival' | 'page' | 'choice' | 'tracker';
  /** The page's address, the control's words, or the tracker's name. */
  label: string;
}

export interface VisitSummary {
  startedAt: number;
  choice: VisitRecord['choice'];
  pages: PageSeen[];
  timeline: TimelineEvent[];
}

export interface AuditJudgement {
  /** The consent manager the portal runs: the one whose record the visits saw written, else as autoconsent names it. */
  consentManager: string | null;
  rules: RuleVerdict[];
  /** Every cookie seen, with what the portal asked for its lifetime. */
  cookies: AuditedCookie[];
  visits: Record<VisitKind, VisitSummary>;
}

function summary(visit: VisitRecord, report: SiteReport | null): VisitSummary {
  const [arrival, ...later] = visit.pages;
  const trackers = report ? everyCookie(report).filter((item) => isTracker(item) && item.seen !== null) : [];
  const timeline: TimelineEvent[] = [
    { at: visit.startedAt, kind: 'arrival', label: arrival?.url ?? '' },
    ...later.map((page): TimelineEvent => ({ at: page.at, kind: 'page', label: page.url })),
    ...(visit.choice ? [{ at: visit.choice.at, kind: 'choice' as const, label: visit.choice.control }] : []),
    ...trackers.map((item): TimelineEvent => ({ at: item.seen!.firstSeen, kind: 'tracker', label: item.cookie.name })),
  ];
  return { startedAt: visit.startedAt, choice: visit.choice, pages: visit.pages, timeline: timeline.sort((a, b) => a.at - b.at) };
}

/** Each rule judged from the three visits: the popup's own judgement where a visit shows it, the controlled visit's observations elsewhere. */
export function judgeAudit(audit: PortalAudit, openCookies?: OcdLookup): AuditJudgement {
  const { arrive, refuse, accept } = audit.visits;
  const reportOf = (visit: VisitRecord) => visitReport(audit, visit, openCookies);
  const arrived = reportOf(arrive);
  const refused = reportOf(refuse);
  const accepted = reportOf(accept);
  const union = unionReport(audit, openCookies);
  const asked = new Map<string, number>();
  for (const visit of [arrive, refuse, accept]) {
    for (const request of visit.requested) asked.set(request.name, Math.max(asked.get(request.name) ?? 0, request.seconds));
  }
  const audited = (item: ExplainedCookie): AuditedCookie => ({ ...evidenceOf(item), requestedSeconds: asked.get(item.cookie.name) ?? null });
  const cookies = union ? everyCookie(union).map(audited) : [];

  const beforeChoice = ruleOf(arrived, 'consent-before-trackers') ?? unknown('consent-before-trackers', 'controlledVisit');
  const refusal = ruleOf(refused, 'refusal-honoured') ?? unknown('refusal-honoured', 'noRefusal');

  const firstLayer = arrive.pages[0]?.banner ?? null;
  const refuseEasy: RuleVerdict = !firstLayer
    ? unknown('refuse-as-easy', 'noBanner')
    : { id: 'refuse-as-easy', status: firstLayer.refuse ? 'pass' : 'fail', why: null, evidence: { cookies: [], banner: firstLayer } };

  const trackers = union ? everyCookie(union).filter(isTracker).map(audited) : [];
  const tooLong = trackers.filter((item) => Math.max(item.secondsLeft ?? 0, item.requestedSeconds ?? 0) > CNIL_CEILING);
  const lifetime: RuleVerdict = union
    ? { id: 'tracker-lifetime', status: tooLong.length > 0 ? 'fail' : 'pass', why: null, evidence: { cookies: tooLong.length > 0 ? tooLong : trackers } }
    : unknown('tracker-lifetime', 'controlledVisit');

  const remembered = rememberedAcross([refuse, accept], [refused, accepted]);
  const charte = ruleOf(union, 'charte-complete') ?? unknown('charte-complete', 'charteNotRead');

  const pages = [arrive, refuse, accept].flatMap((visit) => visit.pages);
  const without = [...new Set(pages.filter((page) => page.manageControl === null).map((page) => page.url))];
  const withdraw: RuleVerdict =
    pages.length === 0
      ? unknown('withdraw-anywhere', 'controlledVisit')
      : { id: 'withdraw-anywhere', status: without.length > 0 ? 'fail' : 'pass', why: null, evidence: { cookies: [], pages: without.length > 0 ? without : [...new Set(pages.map((page) => page.url))] } };

  const recorded = [refused, accepted].flatMap((report) => report?.consent?.records ?? []).find((record) => record.by.reader !== 'matomo');
  const consentManager = recorded?.by.manager ?? [arrive, refuse, accept].map((visit) => visit.manager ?? null).find((name) => name !== null) ?? null;
  return {
    consentManager,
    rules: [beforeChoice, refusal, refuseEasy, lifetime, remembered, charte, withdraw],
    cookies,
    visits: { arrive: summary(arrive, arrived), refuse: summary(refuse, refused), accept: summary(accept, accepted) },
  };
}

/**
 * Kept about six months (the popup's judgement of the record), and the banner gone from the pages
 * that follow the choice: either visit failing fails the rule.
 */
function rememberedAcross(visits: VisitRecord[], reports: Array<SiteReport | null>): RuleVerdict {
  const judged = reports.map((report) => ruleOf(report, 'choice-remembered')).filter((rule): rule is RuleVerdict => rule !== undefined && rule.why !== 'noChoice');
  if (judged.length === 0) return unknown('choice-remembered', 'noChoice');
  const returned = [...new Set(visits.flatMap((visit) => (visit.choice ? visit.pages.filter((page) => page.at > visit.choice!.at && page.banner !== null).map((page) => page.url) : [])))];
  const failed = judged.find((rule) => rule.status === 'fail');
  const evidence = { ...(failed ?? judged[0]!).evidence, ...(returned.length > 0 ? { pages: returned } : {}) };
  return { id: 'choice-remembered', status: failed || returned.length > 0 ? 'fail' : 'pass', why: null, evidence };
}
