/**
 * The one explanation of a site's cookies that every surface renders: the popup, the badge, the
 * Markdown and JSON reports. Built by `build-site-report.ts`; types and tiny helpers only, so a page that
 * renders it carries none of the catalogue or the matching.
 */
import type { CatalogueEntry, Consent } from '../catalogue/catalogue';
import type { ChoiceOrigin, TrackerChoice } from '../consent/choice';
import type { ConsentRecord } from '../consent/ods-banner';
import type { StoredCharte } from '../charte/stored-charte';
import type { ObservedCookie } from '../cookies/cookie';
import type { KnownLifetime, Remaining } from '../cookies/lifetime';
import type { Relation } from '../cookies/relation';
import type { Group, OcdCategory } from '../catalogue/open-cookies';
import type { RuleVerdict } from './rule-verdict';

/**
 * Where a claim about a cookie comes from. Only a charte « declares »; a vendor's documentation
 * says what is usual; the catalogue is the extension's own knowledge.
 */
export type ClaimSource = 'portalCharte' | 'standardCharte' | 'vendor' | 'catalogue' | 'openCookieDatabase';

/**
 * Whether the cookie is declared, and by which document. Until this portal's own charte is read,
 * the only reference is Opendatasoft's standard charte, which accuses nobody.
 */
export type Declaration = 'portalCharte' | 'notInPortalCharte' | 'standardCharte' | 'notInStandardCharte' | 'notPortal';

export type Flag =
  | 'undeclared'
  | 'notInStandardCharte'
  | 'outlivesDeclared'
  | 'beyondCnil'
  | 'parentDomain'
  | 'needsConsent';
/** The flags that turn a row red and put « ! » on the badge. */
export const ALERT_FLAGS: ReadonlySet<Flag> = new Set<Flag>(['undeclared']);

/**
 * What the visitor's recorded choice says of a cookie that needs it. `setDespiteRefusal`,
 * `setBeforeChoice` and `setBeforeAcceptance` accuse the portal, and only when the choice in force
 * when a value was written is known (`verdict.ts`); otherwise the verdict says it is not known.
 */
export type ConsentVerdict =
  | { kind: 'allowed'; at: number | null; by?: ChoiceOrigin | null }
  | { kind: 'setBeforeAcceptance'; at: number; by?: ChoiceOrigin | null }
  | { kind: 'setDespiteRefusal'; at: number | null; by?: ChoiceOrigin | null }
  | { kind: 'stillThereAfterRefusal'; at: number | null; by?: ChoiceOrigin | null }
  | { kind: 'refusedOrderUnknown'; at: number | null; by?: ChoiceOrigin | null }
  | { kind: 'setBeforeChoice' }
  | { kind: 'unreadableChoice' }
  /** Records that may govern it said different things when it was written (the portal's and its parent domain's). */
  | { kind: 'conflictingChoices' }
  /** Written more often than the journal keeps: what its oldest values were written under is not known. */
  | { kind: 'writtenUnderUnknown' }
  /** A tracker the portal's banner does not name, while the visitor's choice is not « refuse all ». */
  | { kind: 'noChoiceOffered' };
export const ALERT_VERDICTS: ReadonlySet<ConsentVerdict['kind']> = new Set([
  'setDespiteRefusal',
  'setBeforeChoice',
  'setBeforeAcceptance',
]);

/**
 * A text either from the catalogue (a `_locales` key stem), in the charte's own words, or the Open Cookie Database's
 * (English).
 */
export type Said = { catalogue: string } | { charte: string } | { english: string };

/** Everything any surface says about one cookie, resolved once. */
export interface ExplainedCookie {
  key: string;
  cookie: ObservedCookie;
  entry?: CatalogueEntry;
  group: Group;
  relation: Relation;
  provider: { name: string; source: ClaimSource } | null;
  service: Said | null;
  purpose: Said | null;
  declaredLifetime: { lifetime: KnownLifetime; source: ClaimSource; wording: string | null } | null;
  remaining: Remaining;
  /** The remaining time is the declared lifetime give or take 2 %: both are written alike. */
  remainingAsDeclared: boolean;
  declaration: Declaration;
  /** What the CNIL's rules ask of this cookie: exempt, exempt when configured so, or consent required. */
  consentRule: Consent | 'unknown';
  /** For a tracker's cookie on a portal: what the visitor's choice says of it. */
  verdict: ConsentVerdict | null;
  /** When the journal saw it appear and last change, this browser session. */
  seen: { firstSeen: number; lastChanged: number } | null;
  flags: Flag[];
  /** Red in the popup, « ! » on the badge: an undeclared cookie, or one set against the visitor's choice. */
  alert: boolean;
  /** What the visitor loses when it is cleared, beyond the cookie itself. */
  clearing: ClearingLoss | null;
  /** What the Open Cookie Database says of a cookie our catalogue does not know. */
  reference: { category: OcdCategory; retention: string; privacyUrl: string; controller: string } | null;
}

export type ClearingLoss = NonNullable<CatalogueEntry['clearing']>;

/** The visitor's choices on this portal, and what the journal saw of the visit. */
export interface ConsentSummary {
  record: ConsentRecord;
  choices: TrackerChoice[];
  /** Arrivals on the portal, and changes of the choice the page receives, this browser session, oldest first. */
  arrivals: number[];
  choicesWritten: number[];
  /** Every consent record the page receives now: which manager, on which site, and what it says as a whole. */
  records: RecordSeen[];
  /**
   * Writes of trackers no longer in the jar (or of an earlier life of one that is) that the choice
   * in force refused, or that came before any: what the visit proved stays proved.
   */
  earlier: { beforeChoice: EarlierWrite[]; despiteRefusal: EarlierWrite[] };
}

/** One write of a tracker the jar no longer shows. */
export interface EarlierWrite {
  name: string;
  domain: string;
  at: number;
}

export interface CharteComparison {
  declaredAndSet: string[];
  declaredNotSet: string[];
  setNotDeclared: string[];
}

export interface SiteReport {
  host: string;
  isPortal: boolean;
  generatedAt: number;
  /** This portal's own charte, when it has been read; null means Opendatasoft's standard charte. */
  charte: {
    url: string;
    readAt: number;
    source: StoredCharte['source'];
    declared: number;
    unread: string[][];
    cutRows: number;
  } | null;
  /** The site's own cookies (its host's and its subdomains'), by category: what « Effacer » clears. */
  own: Array<{ group: Group; cookies: ExplainedCookie[] }>;
  /** The cookies it shares with its parent domains, and those parents: shown apart, cleared only on request. */
  shared: { cookies: ExplainedCookie[]; parents: string[] };
  comparison: CharteComparison | null;
  /** On a portal: the visitor's recorded choice and the verdicts' timeline; null elsewhere. */
  consent: ConsentSummary | null;
  /** `askingConsent`: cookies that need the visitor's consent (a tracker's, or one the CNIL never exempts). */
  /**
   * `despiteRefusal`, `beforeChoice`: trackers written despite the visitor's refusal, or before any choice (or
   * acceptance).
   */
  counts: Record<Flag, number> & {
    total: number;
    alerts: number;
    askingConsent: number;
    despiteRefusal: number;
    beforeChoice: number;
  };
  /** On a portal: each CNIL rule judged from this visit (`rules.ts`); empty elsewhere. */
  rules: RuleVerdict[];
}

/** Every cookie the site receives: its own, then those it shares with its parents. */
export function everyCookie(report: Pick<SiteReport, 'own' | 'shared'>): ExplainedCookie[] {
  return [...report.own.flatMap((group) => group.cookies), ...report.shared.cookies];
}

/** A consent record the page receives now, and what it says as a whole. */
export interface RecordSeen {
  by: ChoiceOrigin;
  /** `refuses`: every choice it holds is a no; `mixed`: some are; `undecided`: it holds no choice yet. */
  stance: 'refuses' | 'accepts' | 'mixed' | 'undecided' | 'unreadable';
}
