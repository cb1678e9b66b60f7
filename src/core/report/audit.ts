/**
 * The command-line audit's judgement of one portal, from three controlled visits in fresh browser
 * contexts: (a) arrive and do nothing, (b) refuse through the banner, (c) accept everything. What
 * the visits saw becomes the same journal the background keeps and the same site reports the popup
 * renders; the rules are judged by `judgeRules`, and only what a controlled visit alone can tell
 * (the banner's first layer, whether it comes back, « Gérer les cookies » on every page, the
 * lifetimes the portal asked for) is added here.
 */
import type { StoredCharte } from '../charte/stored-charte';
import { cookieKey, type ObservedCookie } from '../cookies/cookie';
import { everyCookie, type ExplainedCookie, type SiteReport } from './site-report';
import { applyEvents, emptyJournal, type CookieEvent, type JournalEvent } from '../consent/journal';
import { cookieEvent, explainerOf } from '../catalogue/match';
import { concernsTrackerRules, consentRuleOf, groupOf, type OcdLookup } from '../catalogue/open-cookies';
import { buildSiteReport } from './build-site-report';
import { evidenceOf, isTracker, lifetimeVerdict } from './rules';
import {
  inRuleOrder,
  unjudged as unknown,
  verdictFor,
  type BannerControls,
  type EvidenceCookie,
  type RuleId,
  type RuleVerdict,
} from './rule-verdict';
import { valueDate } from '../cookies/value-date';

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

/** The journal of one visit, as the background would have kept it from the cookie events between readings. */
export function visitJournal(host: string, visit: VisitRecord): Required<ReportInput>['journal'] {
  const events: JournalEvent[] = [{ kind: 'arrival', at: visit.startedAt, host }];
  let before = new Map<string, ObservedCookie>();
  for (const reading of visit.readings) {
    const now = new Map(reading.cookies.map((cookie) => [cookieKey(cookie), cookie]));
    const changed: CookieEvent[] = [];
    const noteChange = (cookie: ObservedCookie, removed: boolean) =>
      changed.push(cookieEvent(cookie, removed, reading.at));
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
function portalReport(
  audit: PortalAudit,
  input: Pick<ReportInput, 'cookies' | 'nowMs' | 'path' | 'journal' | 'openCookies'>,
): SiteReport {
  return buildSiteReport({
    ...input,
    host: audit.host,
    rules: [{ pattern: audit.host, enabled: true, builtIn: false }],
    charte: audit.charte,
  });
}

function visitReport(audit: PortalAudit, visit: VisitRecord, openCookies: OcdLookup | undefined): SiteReport | null {
  const last = visit.readings.at(-1);
  if (!last) return null;
  const lastPage = visit.pages.at(-1);
  return portalReport(audit, {
    path: lastPage ? new URL(lastPage.url).pathname : '/',
    cookies: last.cookies,
    nowMs: last.at,
    journal: visitJournal(audit.host, visit),
    openCookies,
  });
}

/** Every cookie any visit ended with, the latest reading of each slot. */
function unionReport(audit: PortalAudit, openCookies: OcdLookup | undefined): SiteReport | null {
  const readings = Object.values(audit.visits).flatMap((visit) => visit.readings.slice(-1));
  if (readings.length === 0) return null;
  const cookies = new Map<string, ObservedCookie>();
  for (const reading of readings) for (const cookie of reading.cookies) cookies.set(cookieKey(cookie), cookie);
  return portalReport(audit, {
    cookies: [...cookies.values()],
    nowMs: Math.max(...readings.map((reading) => reading.at)),
    openCookies,
  });
}

function ruleOf(report: SiteReport | null, id: RuleId): RuleVerdict | undefined {
  return report ? verdictFor(report.rules, id) : undefined;
}

/** One moment of a visit, for the timeline a DPO reads: arrival, each page, the choice, each write of a tracker. */
export interface TimelineEvent {
  at: number;
  kind: 'arrival' | 'page' | 'choice' | 'tracker';
  /** The page's address, the control's words, or the tracker's name. */
  label: string;
  /** A tracker's write: the page it was read on. */
  page?: string;
  /** A tracker's write: the creation date its own value carries (ms), when it carries one. */
  created?: number;
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

/** Whether a cookie of this name is one the CNIL's tracker rules concern, as `isTracker` judges an explained cookie. */
function isTrackerName(name: string, openCookies: OcdLookup | undefined): boolean {
  const { entry, reference } = explainerOf(name, true, openCookies);
  return concernsTrackerRules(consentRuleOf(entry, reference), groupOf(entry, reference));
}

/** A write of a tracker: the reading that first showed its new value. */
interface TrackerWrite {
  at: number;
  name: string;
  domain: string;
  page: string;
  created: number | null;
}

/** Every write of a tracker the visit's readings show: a new cookie, or a new value or expiry. */
function trackerWrites(visit: VisitRecord, openCookies: OcdLookup | undefined): TrackerWrite[] {
  const writes: TrackerWrite[] = [];
  const tracker = new Map<string, boolean>();
  let before = new Map<string, ObservedCookie>();
  for (const reading of visit.readings) {
    const page = visit.pages.filter((seen) => seen.at <= reading.at).at(-1)?.url ?? visit.pages[0]?.url ?? '';
    const now = new Map(reading.cookies.map((cookie) => [cookieKey(cookie), cookie]));
    for (const [key, cookie] of now) {
      const old = before.get(key);
      if (old && old.value === cookie.value && old.expirationDate === cookie.expirationDate) continue;
      if (!tracker.has(cookie.name)) tracker.set(cookie.name, isTrackerName(cookie.name, openCookies));
      if (!tracker.get(cookie.name)) continue;
      writes.push({
        at: reading.at,
        name: cookie.name,
        domain: cookie.domain,
        page,
        created: valueDate(cookie.name, cookie.value, reading.at)?.from ?? null,
      });
    }
    before = now;
  }
  return writes;
}

function summary(visit: VisitRecord, writes: readonly TrackerWrite[]): VisitSummary {
  const [arrival, ...later] = visit.pages;
  const timeline: TimelineEvent[] = [
    { at: visit.startedAt, kind: 'arrival', label: arrival?.url ?? '' },
    ...later.map((page): TimelineEvent => ({ at: page.at, kind: 'page', label: page.url })),
    ...(visit.choice ? [{ at: visit.choice.at, kind: 'choice' as const, label: visit.choice.control }] : []),
    ...writes.map(
      (write): TimelineEvent => ({
        at: write.at,
        kind: 'tracker',
        label: write.name,
        page: write.page,
        ...(write.created === null ? {} : { created: write.created }),
      }),
    ),
  ];
  // A tracker read at the very moment of the choice was written before it: the reading right before the click shows it.
  const order = { arrival: 0, page: 1, tracker: 2, choice: 3 } as const;
  return {
    startedAt: visit.startedAt,
    choice: visit.choice,
    pages: visit.pages,
    // Writes read at the same moment in their names' order: the same visit gives the same file.
    timeline: timeline.sort(
      (a, b) => a.at - b.at || order[a.kind] - order[b.kind] || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
    ),
  };
}

/**
 * A verdict's evidence names the write that decides it: the first write of each cookie after the
 * choice (a refusal not honoured), or its first write of all (before any choice).
 */
function decidedBy(verdict: RuleVerdict, writes: readonly TrackerWrite[], after: number | null): RuleVerdict {
  if (verdict.status !== 'fail') return verdict;
  const cookies = verdict.evidence.cookies.map((cookie) => {
    const write = writes.find(
      (candidate) =>
        candidate.name === cookie.name &&
        candidate.domain === cookie.domain &&
        (after === null || candidate.at > after),
    );
    return write ? { ...cookie, seenAt: write.at } : cookie;
  });
  return { ...verdict, evidence: { ...verdict.evidence, cookies } };
}

/**
 * Each rule judged from the three visits: the popup's own judgement where a visit shows it, the controlled visit's
 * observations elsewhere.
 */
export function judgeAudit(audit: PortalAudit, openCookies?: OcdLookup): AuditJudgement {
  const { arrive, refuse, accept } = audit.visits;
  const reportOf = (visit: VisitRecord) => visitReport(audit, visit, openCookies);
  const arrived = reportOf(arrive);
  const refused = reportOf(refuse);
  const accepted = reportOf(accept);
  const union = unionReport(audit, openCookies);
  const asked = new Map<string, number>();
  for (const visit of [arrive, refuse, accept]) {
    for (const request of visit.requested)
      asked.set(request.name, Math.max(asked.get(request.name) ?? 0, request.seconds));
  }
  const audited = (item: ExplainedCookie): AuditedCookie => ({
    ...evidenceOf(item),
    requestedSeconds: asked.get(item.cookie.name) ?? null,
  });
  const cookies = union ? everyCookie(union).map(audited) : [];

  const written = {
    arrive: trackerWrites(arrive, openCookies),
    refuse: trackerWrites(refuse, openCookies),
    accept: trackerWrites(accept, openCookies),
  };
  const beforeChoice = decidedBy(
    ruleOf(arrived, 'consent-before-trackers') ?? unknown('consent-before-trackers', 'controlledVisit'),
    written.arrive,
    null,
  );
  const refusal = decidedBy(refusalOf(refuse, refused), written.refuse, refuse.choice?.at ?? null);

  const firstLayer = arrive.pages[0]?.banner ?? null;
  const refuseEasy: RuleVerdict = !firstLayer
    ? unknown('refuse-as-easy', 'noBanner')
    : {
        id: 'refuse-as-easy',
        status: firstLayer.refuse ? 'pass' : 'fail',
        why: null,
        evidence: { cookies: [], banner: firstLayer },
      };

  const trackers = union ? everyCookie(union).filter(isTracker).map(audited) : [];
  const lifetime = union ? lifetimeVerdict(trackers) : unknown('tracker-lifetime', 'controlledVisit');

  const remembered = rememberedAcross([refuse, accept], [refused, accepted]);
  const charte = ruleOf(union, 'charte-complete') ?? unknown('charte-complete', 'charteNotRead');

  const pages = [arrive, refuse, accept].flatMap((visit) => visit.pages);
  const without = [...new Set(pages.filter((page) => page.manageControl === null).map((page) => page.url))];
  const withdraw: RuleVerdict =
    pages.length === 0
      ? unknown('withdraw-anywhere', 'controlledVisit')
      : {
          id: 'withdraw-anywhere',
          status: without.length > 0 ? 'fail' : 'pass',
          why: null,
          evidence: { cookies: [], pages: without.length > 0 ? without : [...new Set(pages.map((page) => page.url))] },
        };

  const recorded = [refused, accepted]
    .flatMap((report) => report?.consent?.records ?? [])
    .find((record) => record.by.reader !== 'matomo');
  const consentManager =
    recorded?.by.manager ??
    [arrive, refuse, accept].map((visit) => visit.manager ?? null).find((name) => name !== null) ??
    null;
  return {
    consentManager,
    rules: inRuleOrder([beforeChoice, refusal, refuseEasy, lifetime, remembered, charte, withdraw]),
    cookies,
    visits: {
      arrive: summary(arrive, written.arrive),
      refuse: summary(refuse, written.refuse),
      accept: summary(accept, written.accept),
    },
  };
}

/**
 * Whether the refusal was honoured. A refusal control whose click recorded an acceptance is a
 * failed refusal — the record is the evidence, with the trackers the page then held.
 */
function refusalOf(visit: VisitRecord, report: SiteReport | null): RuleVerdict {
  const judged = ruleOf(report, 'refusal-honoured') ?? unknown('refusal-honoured', 'noRefusal');
  if (judged.why !== 'noRefusal' || visit.choice === null || visit.choice.how === 'acceptAll') return judged;
  const accepting = report?.consent?.records.find(
    (record) => record.stance === 'accepts' && record.by.reader !== 'matomo',
  );
  if (!accepting) return judged;
  const trackers = report ? everyCookie(report).filter(isTracker).map(evidenceOf) : [];
  return {
    id: 'refusal-honoured',
    status: 'fail',
    why: null,
    evidence: { cookies: trackers, choiceRecord: { manager: accepting.by.manager, stance: 'accepts' } },
  };
}

/**
 * Kept about six months (the popup's judgement of the record), and the banner gone from the pages
 * that follow the choice: either visit failing fails the rule.
 */
function rememberedAcross(visits: VisitRecord[], reports: Array<SiteReport | null>): RuleVerdict {
  const judged = reports
    .map((report) => ruleOf(report, 'choice-remembered'))
    .filter((rule): rule is RuleVerdict => rule !== undefined && rule.why !== 'noChoice');
  if (judged.length === 0) return unknown('choice-remembered', 'noChoice');
  const returned = [
    ...new Set(
      visits.flatMap((visit) =>
        visit.choice
          ? visit.pages.filter((page) => page.at > visit.choice!.at && page.banner !== null).map((page) => page.url)
          : [],
      ),
    ),
  ];
  const failed = judged.find((rule) => rule.status === 'fail');
  const evidence = { ...(failed ?? judged[0]!).evidence, ...(returned.length > 0 ? { pages: returned } : {}) };
  return { id: 'choice-remembered', status: failed || returned.length > 0 ? 'fail' : 'pass', why: null, evidence };
}
