/**
 * The CNIL's rules a DPO's audit judges, as data — stable ids in their one order, titles and the
 * text each rests on in `_locales` — and the shape of a verdict: what every surface reads.
 */
import type { MessageKey } from '../util/i18n';

export type RuleId =
  | 'consent-before-trackers'
  | 'refusal-honoured'
  | 'refuse-as-easy'
  | 'tracker-lifetime'
  | 'choice-remembered'
  | 'charte-complete'
  | 'withdraw-anywhere';

export interface Rule {
  id: RuleId;
  title: MessageKey;
  /** What the CNIL writes, in short, and where (`_locales`). */
  basis: MessageKey;
}

export const RULES: readonly Rule[] = [
  { id: 'consent-before-trackers', title: 'ruleConsentBeforeTitle', basis: 'ruleConsentBeforeBasis' },
  { id: 'refusal-honoured', title: 'ruleRefusalTitle', basis: 'ruleRefusalBasis' },
  { id: 'refuse-as-easy', title: 'ruleRefuseEasyTitle', basis: 'ruleRefuseEasyBasis' },
  { id: 'tracker-lifetime', title: 'ruleLifetimeTitle', basis: 'ruleLifetimeBasis' },
  { id: 'choice-remembered', title: 'ruleRememberedTitle', basis: 'ruleRememberedBasis' },
  { id: 'charte-complete', title: 'ruleCharteTitle', basis: 'ruleCharteBasis' },
  { id: 'withdraw-anywhere', title: 'ruleWithdrawTitle', basis: 'ruleWithdrawBasis' },
];

export type RuleStatus = 'pass' | 'fail' | 'unknown';
/** Why a rule could not be judged from this visit: never a guess. */
export type UnknownWhy = 'charteNotRead' | 'noChoice' | 'noRefusal' | 'controlledVisit' | 'noBanner' | 'unreachable';

/** The words of the banner's first-layer controls, as a visitor reads them; null where there is none. */
export interface BannerControls {
  accept: string | null;
  refuse: string | null;
  /** « Personnaliser », « Paramétrer »: the way to the second layer. */
  settings: string | null;
}

export interface EvidenceCookie {
  name: string;
  domain: string;
  /** When the journal saw it appear, this browser session (ms), if it did. */
  seenAt: number | null;
  /** What the browser holds: seconds left, if it is not a session cookie. */
  secondsLeft: number | null;
  /** The longest lifetime a `Set-Cookie` header asked for it (controlled visits only). */
  requestedSeconds?: number | null;
}

export interface RuleVerdict {
  id: RuleId;
  status: RuleStatus;
  why: UnknownWhy | null;
  evidence: {
    cookies: EvidenceCookie[];
    /** The visitor's recorded choice: its date, and how long the record was asked to last (seconds). */
    record?: { at: number | null; lifetimeSeconds: number | null };
    charteUrl?: string;
    /** Cookies set that the portal's charte does not declare. */
    undeclared?: string[];
    /** The banner's first layer (controlled visits only). */
    banner?: BannerControls;
    /** The pages a controlled visit found wanting, or all it saw when none was. */
    pages?: string[];
    /** What the record written by a refusal control says, when it is not a refusal (controlled visits only). */
    choiceRecord?: { manager: string; stance: 'accepts' };
  };
}

/** Verdicts in the rules' one order, whatever order they were judged or stored in. */
export const inRuleOrder = (verdicts: readonly RuleVerdict[]): RuleVerdict[] =>
  RULES.flatMap((rule) => verdicts.filter((verdict) => verdict.id === rule.id));

/** The verdict on this rule among these, found by the rule's id, never by its place. */
export const verdictFor = (verdicts: readonly RuleVerdict[], id: RuleId): RuleVerdict | undefined =>
  verdicts.find((verdict) => verdict.id === id);

/** A rule that cannot be judged, and why, with no evidence. */
export const unjudged = (id: RuleId, why: UnknownWhy): RuleVerdict => ({
  id,
  status: 'unknown',
  why,
  evidence: { cookies: [] },
});
