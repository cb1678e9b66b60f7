import type { CatalogueEntry, Tracker } from '../catalogue/catalogue';
import { parseConsentRecord } from '../consent/ods-banner';
import type { DeclaredCookie } from '../charte/charte';
import { declarationsIn, type StoredCharte } from '../charte/stored-charte';
import { cookieHost, cookieKey, cookieOfKey, type ObservedCookie } from '../cookies/cookie';
import type { PortalRule } from '../portals/domains';
import { isPortalHost } from '../portals/portal-index';
import {
  ALERT_FLAGS,
  ALERT_VERDICTS,
  type ConsentSummary,
  type ConsentVerdict,
  type Declaration,
  type ExplainedCookie,
  type Flag,
  type Said,
  type SiteReport,
} from './site-report';
import type { CookieTimes, RecordHistory } from '../consent/journal';
import { beyondCnilCeiling, isKnown, outlivesDeclared, readsAsDeclared, remaining } from '../cookies/lifetime';
import { explainerOf } from '../catalogue/match';
import { judgeRules } from './rules';
import {
  consentRuleOf,
  groupOf,
  OCD_CONSENT,
  retentionLifetime,
  type Group,
  type OcdEntry,
  type OcdLookup,
} from '../catalogue/open-cookies';
import { relationTo, type Relation } from '../cookies/relation';
import { valueDate } from '../cookies/value-date';
import { choicesNow, pageChoices, verdictOn, type Asked, type PageChoices } from './verdict';

export interface ReportInput {
  host: string;
  /** The page's path: which consent record the browser sends depends on it. */
  path?: string;
  cookies: readonly ObservedCookie[];
  rules: readonly PortalRule[];
  nowMs: number;
  /** This portal's own charte, once read: it replaces the standard one as the reference. */
  charte?: StoredCharte | null;
  /** What the background saw this browser session (cookie times by cookie key, arrivals, choices written). */
  journal?: SiteJournal;
  /** The Open Cookie Database, for cookies our catalogue does not know (behind it, never before it). */
  openCookies?: OcdLookup;
}

export interface SiteJournal {
  times: ReadonlyMap<string, CookieTimes>;
  arrivals: readonly number[];
  records: ReadonlyMap<string, RecordHistory>;
}

const GROUP_ORDER: readonly Group[] = ['necessary', 'preferences', 'functional', 'audience', 'advertising', 'unknown'];
const FLAGS: readonly Flag[] = [
  'undeclared',
  'notInStandardCharte',
  'outlivesDeclared',
  'beyondCnil',
  'parentDomain',
  'needsConsent',
];

export function buildSiteReport(input: ReportInput): SiteReport {
  const { host, nowMs } = input;
  const isPortal = isPortalHost(host, input.rules);
  const charte = isPortal ? (input.charte ?? null) : null;
  const declarationsOf = charte ? declarationsIn(charte) : undefined;
  const used = new Set<DeclaredCookie>();
  const byGroup = new Map<Group, ExplainedCookie[]>();
  const counts = {
    total: 0,
    alerts: 0,
    askingConsent: 0,
    despiteRefusal: 0,
    beforeChoice: 0,
    ...Object.fromEntries(FLAGS.map((flag) => [flag, 0])),
  } as SiteReport['counts'];
  const setNotDeclared: string[] = [];

  const present = input.cookies.flatMap((cookie) => {
    const relation = relationTo(host, cookie);
    return relation === null ? [] : [{ cookie, relation, ...explainerOf(cookie.name, isPortal, input.openCookies) }];
  });
  const judged = isPortal
    ? consentOf({ host, path: input.path ?? '/' }, present, input.journal, nowMs, input.openCookies)
    : null;
  const consent = judged?.summary ?? null;

  const huwise =
    isPortal &&
    (host === 'huwise.com' ||
      host.endsWith('.huwise.com') ||
      (charte?.cookies.some((declared) => /huwise/i.test(declared.provider)) ?? false));
  for (const { cookie, relation, entry, reference } of present) {
    const declarations = declarationsOf?.(cookie.name, entry);
    for (const declared of declarations ?? []) used.add(declared);
    if (declarations?.length === 0) setNotDeclared.push(cookie.name);
    const times = input.journal?.times.get(cookieKey(cookie));
    const seen = times ? { firstSeen: times.firstSeen, lastChanged: times.lastChanged } : null;
    const tracker = trackerOf(entry, reference);
    const verdict =
      judged && tracker
        ? verdictOn(
            askedOf(cookie, tracker, entry, reference),
            times,
            judged.choices,
            valueDate(cookie.name, cookie.value, nowMs),
          )
        : null;
    const explained = explain(cookie, entry, relation, isPortal, declarations, nowMs, seen, verdict, reference, huwise);

    const list = byGroup.get(explained.group);
    if (list) list.push(explained);
    else byGroup.set(explained.group, [explained]);
    counts.total++;
    for (const flag of explained.flags) counts[flag]++;
    if (explained.alert) counts.alerts++;
    if (verdict?.kind === 'setDespiteRefusal') counts.despiteRefusal++;
    if (verdict?.kind === 'setBeforeChoice' || verdict?.kind === 'setBeforeAcceptance') counts.beforeChoice++;
    if (explained.verdict !== null || explained.flags.includes('needsConsent')) counts.askingConsent++;
  }

  const groups = GROUP_ORDER.flatMap((group) => {
    const cookies = byGroup.get(group);
    return cookies ? [{ group, cookies: cookies.sort(byNameThenDomain) }] : [];
  });
  const names = (list: DeclaredCookie[]) => [...new Set(list.map((declared) => declared.name))];
  const own = groups
    .map(({ group, cookies }) => ({ group, cookies: cookies.filter((item) => item.relation !== 'parent') }))
    .filter(({ cookies }) => cookies.length > 0);
  const sharedCookies = groups.flatMap(({ cookies }) => cookies.filter((item) => item.relation === 'parent'));
  const report: Omit<SiteReport, 'rules'> = {
    host,
    isPortal,
    generatedAt: nowMs,
    charte: charte && {
      url: charte.url,
      readAt: charte.readAt,
      source: charte.source,
      declared: charte.cookies.length,
      unread: charte.unread.map((row) => row.cells),
      cutRows: charte.cutRows,
    },
    own,
    shared: { cookies: sharedCookies, parents: [...new Set(sharedCookies.map((item) => cookieHost(item.cookie)))] },
    consent,
    comparison: charte && {
      declaredAndSet: names(charte.cookies.filter((declared) => used.has(declared))),
      declaredNotSet: names(charte.cookies.filter((declared) => !used.has(declared))),
      setNotDeclared: [...new Set(setNotDeclared)],
    },
    counts,
  };
  return { ...report, rules: judgeRules(report) };
}

type Present = {
  cookie: ObservedCookie;
  relation: Relation;
  entry: CatalogueEntry | undefined;
  reference: OcdEntry | undefined;
};

/** A tracker cookie as the consent records are asked about it: its name, its purpose, its domain. */
function askedOf(
  cookie: ObservedCookie,
  tracker: Tracker,
  entry: CatalogueEntry | undefined,
  reference: OcdEntry | undefined,
): Asked {
  const group = groupOf(entry, reference);
  return {
    tracker,
    name: cookie.name,
    host: cookieHost(cookie),
    purpose: group === 'audience' || group === 'advertising' ? group : 'other',
  };
}

/**
 * Which tracker a cookie belongs to, if it is one: the catalogue's, else one the Open Cookie Database says needs
 * consent.
 */
function trackerOf(entry: CatalogueEntry | undefined, reference: OcdEntry | undefined): Tracker | undefined {
  if (entry) return entry.consent !== 'exempt' ? entry.tracker : undefined;
  return reference && OCD_CONSENT[reference.category] === 'required' ? 'unlisted' : undefined;
}

/**
 * The consent records as this page receives them, the choice per tracker present or named, and the visit's timeline.
 */
function consentOf(
  page: { host: string; path: string },
  present: readonly Present[],
  journal: SiteJournal | undefined,
  nowMs: number,
  openCookies: OcdLookup | undefined,
): { summary: ConsentSummary; choices: PageChoices } {
  const records = present.flatMap(({ cookie, entry }) =>
    entry?.recordsConsent ? [{ cookie, kind: entry.recordsConsent }] : [],
  );
  const choices = pageChoices(page, records, journal?.records ?? new Map(), nowMs);
  const trackers = new Map<Tracker, Asked>();
  for (const { cookie, entry } of present) {
    if (entry?.tracker && entry.consent !== 'exempt' && !trackers.has(entry.tracker))
      trackers.set(entry.tracker, askedOf(cookie, entry.tracker, entry, undefined));
  }
  const record = parseConsentRecord(choices.portalRecord, nowMs);
  const earlier = earlierWrites(
    page.host,
    journal,
    new Set(present.map(({ cookie }) => cookieKey(cookie))),
    choices,
    openCookies,
  );
  return {
    summary: {
      record,
      choices: choicesNow(choices, trackers, page.host),
      arrivals: [...(journal?.arrivals ?? [])],
      choicesWritten: choices.changes,
      records: choices.records,
      earlier,
    },
    choices,
  };
}

/**
 * Writes of trackers the jar no longer shows — removed, or an earlier life of one set again — judged
 * by the choice in force when each was made: the first that came before any choice, and the first
 * that a refusal forbade, of each cookie.
 */
function earlierWrites(
  host: string,
  journal: SiteJournal | undefined,
  present: ReadonlySet<string>,
  choices: PageChoices,
  openCookies: OcdLookup | undefined,
): ConsentSummary['earlier'] {
  const earlier: ConsentSummary['earlier'] = { beforeChoice: [], despiteRefusal: [] };
  for (const [key, times] of journal?.times ?? []) {
    const gone = times.removedAt !== undefined || !present.has(key);
    if (!times.earlier && times.removedAt === undefined) continue;
    const cookie = cookieOfKey(key);
    const { name } = cookie;
    if (relationTo(host, cookie) === null) continue;
    const { entry, reference } = explainerOf(name, true, openCookies);
    const tracker = trackerOf(entry, reference);
    if (!tracker) continue;
    const asked = askedOf(cookie, tracker, entry, reference);
    const writes = gone ? [...(times.earlier ?? []), ...times.writes] : (times.earlier ?? []);
    const under = writes.map((write) => ({ at: write.at, status: choices.at(asked, write.seq).status }));
    const refused = under.find((write) => write.status === 'refused');
    // No choice was offered for a tracker the banner does not name.
    const early = tracker === 'unlisted' ? undefined : under.find((write) => write.status === 'none');
    if (refused) earlier.despiteRefusal.push({ name, domain: cookieHost(cookie), at: refused.at });
    if (early) earlier.beforeChoice.push({ name, domain: cookieHost(cookie), at: early.at });
  }
  return earlier;
}

/** One cookie's explanation; `declarations` is undefined until this portal's charte is read. */
function explain(
  cookie: ObservedCookie,
  entry: CatalogueEntry | undefined,
  relation: Relation,
  isPortal: boolean,
  declarations: DeclaredCookie[] | undefined,
  nowMs: number,
  seen: ExplainedCookie['seen'],
  verdict: ConsentVerdict | null,
  reference: OcdEntry | undefined,
  huwise: boolean,
): ExplainedCookie {
  const declared = declarations?.[0];
  const declaration: Declaration = !isPortal
    ? 'notPortal'
    : declarations
      ? declared
        ? 'portalCharte'
        : 'notInPortalCharte'
      : entry?.declaredInCharte
        ? 'standardCharte'
        : 'notInStandardCharte';
  const declaredLifetime = lifetimeOf(entry, declared) ?? usualRetention(reference);
  const consentRule = consentRuleOf(entry, reference);
  const left = remaining(cookie, nowMs);
  const charteLifetime =
    declaredLifetime && declaredLifetime.source !== 'vendor' ? declaredLifetime.lifetime : undefined;

  const flags: Flag[] = [];
  if (declaration === 'notInPortalCharte') flags.push('undeclared');
  if (declaration === 'notInStandardCharte') flags.push('notInStandardCharte');
  if (charteLifetime && outlivesDeclared(left, charteLifetime)) flags.push('outlivesDeclared');
  if (beyondCnilCeiling(left)) flags.push('beyondCnil');
  if (relation === 'parent') flags.push('parentDomain');
  if (consentRule === 'required') flags.push('needsConsent');

  const fromCharte = (text: string | undefined): Said | null => (text ? { charte: text } : null);
  return {
    key: cookieKey(cookie),
    cookie,
    entry,
    group: groupOf(entry, reference),
    relation,
    provider: entry
      ? { name: huwise && entry.provider === 'Opendatasoft' ? HUWISE : entry.provider, source: 'catalogue' }
      : declared?.provider
        ? { name: declared.provider, source: 'portalCharte' }
        : reference
          ? { name: reference.platform, source: 'openCookieDatabase' }
          : null,
    service: entry ? { catalogue: entry.id } : fromCharte(declared?.service),
    purpose: entry
      ? { catalogue: entry.id }
      : (fromCharte(declared?.purpose) ?? (reference?.description ? { english: reference.description } : null)),
    declaredLifetime,
    remaining: left,
    remainingAsDeclared: declaredLifetime !== null && readsAsDeclared(left, declaredLifetime.lifetime),
    declaration,
    consentRule,
    verdict,
    seen,
    flags,
    alert: flags.some((flag) => ALERT_FLAGS.has(flag)) || (verdict !== null && ALERT_VERDICTS.has(verdict.kind)),
    clearing: entry?.clearing ?? null,
    reference: reference
      ? {
          category: reference.category,
          retention: reference.retention,
          privacyUrl: reference.privacyUrl,
          controller: reference.controller,
        }
      : null,
  };
}

/** Opendatasoft's new name, said the way a visitor who knew the old one recognises it. */
const HUWISE = 'Huwise (ex-Opendatasoft)';

/**
 * The database's usual retention, when its words read as a duration (« 2 years », « session »); otherwise quoted by the
 * row.
 */
function usualRetention(reference: OcdEntry | undefined): ExplainedCookie['declaredLifetime'] {
  const lifetime = reference && retentionLifetime(reference.retention);
  return lifetime ? { lifetime, source: 'openCookieDatabase', wording: null } : null;
}

/** This portal's charte first, then Opendatasoft's standard charte, then the vendor's documentation. */
function lifetimeOf(
  entry: CatalogueEntry | undefined,
  own: DeclaredCookie | undefined,
): ExplainedCookie['declaredLifetime'] {
  if (own && isKnown(own.lifetime))
    return { lifetime: own.lifetime, source: 'portalCharte', wording: own.lifetimeWording ?? null };
  if (!entry || !isKnown(entry.lifetime.declared)) return null;
  const source = entry.declaredInCharte ? 'standardCharte' : 'vendor';
  return { lifetime: entry.lifetime.declared, source, wording: entry.lifetime.charteWording ?? null };
}

function byNameThenDomain(a: ExplainedCookie, b: ExplainedCookie): number {
  return (
    compare(a.cookie.name, b.cookie.name) ||
    compare(a.cookie.domain, b.cookie.domain) ||
    compare(a.cookie.path, b.cookie.path)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
