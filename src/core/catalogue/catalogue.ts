import { DAY, MINUTE, MONTH, WEEK, YEAR } from '../util/duration';
import type { DeclaredLifetime } from '../cookies/lifetime';
import type { ReaderId } from '../consent/reader';
import { READERS } from '../consent/readers';
import { TRACKERS, type Tracker } from '../consent/trackers';

export type { Tracker } from '../consent/trackers';

export type Category = 'necessary' | 'preferences' | 'audience' | 'advertising';
export const CATEGORIES: readonly Category[] = ['necessary', 'preferences', 'audience', 'advertising'];

/** Under the CNIL rules: exempt from consent, exempt only when configured as the CNIL says, or not. */
export type Consent = 'exempt' | 'conditional' | 'required';

export type NamePattern = { exact: string } | { prefix: string };

export interface CatalogueEntry {
  /** Stem of the `_locales` keys `cookie_<id>_purpose` and `cookie_<id>_service`. */
  id: string;
  names: readonly NamePattern[];
  /** `portal`: the entry only explains cookies of Opendatasoft portals (a `sessionid` elsewhere is someone else's). */
  scope: 'portal' | 'anywhere';
  provider: string;
  category: Category;
  consent: Consent;
  /** Whether the standard Opendatasoft charte lists it. */
  declaredInCharte: boolean;
  lifetime: {
    /** The charte's own words, quoted as published, when it gives a lifetime. */
    charteWording?: string;
    declared: DeclaredLifetime;
  };
  source: string;
  /** The tracker of the portal's consent banner that governs this cookie: its keys in `cookies_preferences`. */
  tracker?: Tracker;
  /** The cookie is a record of the visitor's consent, read by this reader (`consent/readers.ts`). */
  recordsConsent?: ReaderId;
  /** What the visitor loses when this cookie is cleared, when it is more than the cookie itself. */
  clearing?: 'logout' | 'language' | 'consent';
}

const ODS_CHARTE = 'Charte cookies des portails Opendatasoft (/terms/cookies-policy/)';
const GA_DOCS = 'support.google.com/analytics/answer/11397207';
const MATOMO_DOCS = 'matomo.org/faq/general/faq_146';
const PIANO_DOCS = 'developers.atinternet-solutions.com';
const EULERIAN_DOCS = 'eulerian.com/vie-privee';

const fixed = (seconds: number): DeclaredLifetime => ({ kind: 'fixed', seconds });

/** The four cookies every Opendatasoft charte declares: they explain cookies of portals only. */
function opendatasoft(
  id: string,
  category: Category,
  charteWording: string,
  declared: DeclaredLifetime,
  source: string,
  clearing?: CatalogueEntry['clearing'],
): CatalogueEntry {
  return {
    id,
    names: [{ exact: id }],
    scope: 'portal',
    provider: 'Opendatasoft',
    category,
    consent: 'exempt',
    declaredInCharte: true,
    lifetime: { charteWording, declared },
    source,
    clearing,
  };
}

/** Audience-measurement cookies a portal can switch on; no standard charte declares them. */
function audience(
  id: string,
  names: NamePattern[],
  tracker: Tracker,
  consent: Consent,
  declared: DeclaredLifetime,
  source: string,
): CatalogueEntry {
  return {
    id,
    names,
    scope: 'anywhere',
    provider: TRACKERS[tracker].name,
    tracker,
    category: 'audience',
    consent,
    declaredInCharte: false,
    lifetime: { declared },
    source,
  };
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  opendatasoft(
    'sessionid',
    'necessary',
    '2 semaines par défaut',
    fixed(2 * WEEK),
    `${ODS_CHARTE}; Django SESSION_COOKIE_AGE`,
    'logout',
  ),
  opendatasoft(
    'csrftoken',
    'necessary',
    'Token réinitialisé aléatoirement entre 2 requêtes ou 2 sessions. 12 mois maximum.',
    { kind: 'upTo', seconds: 12 * MONTH },
    `${ODS_CHARTE}; Django CSRF_COOKIE_AGE`,
  ),
  {
    ...opendatasoft('cookies_preferences', 'necessary', '6 mois', fixed(6 * MONTH), ODS_CHARTE, 'consent'),
    recordsConsent: 'portal',
  },
  opendatasoft(
    'django_language',
    'preferences',
    '12 mois',
    fixed(12 * MONTH),
    `${ODS_CHARTE}; Django LANGUAGE_COOKIE_AGE`,
    'language',
  ),
  audience('ga', [{ exact: '_ga' }, { prefix: '_ga_' }], 'ga', 'required', fixed(2 * YEAR), GA_DOCS),
  audience('gid', [{ exact: '_gid' }], 'ga', 'required', fixed(DAY), GA_DOCS),
  audience('gat', [{ exact: '_gat' }, { prefix: '_gat_' }], 'ga', 'required', fixed(MINUTE), GA_DOCS),
  audience('pk_id', [{ prefix: '_pk_id.' }], 'matomo', 'conditional', fixed(13 * MONTH), MATOMO_DOCS),
  audience('pk_ses', [{ prefix: '_pk_ses.' }], 'matomo', 'conditional', fixed(30 * MINUTE), MATOMO_DOCS),
  audience(
    'pk_ref',
    [{ exact: '_pk_ref' }, { prefix: '_pk_ref.' }],
    'matomo',
    'conditional',
    fixed(6 * MONTH),
    MATOMO_DOCS,
  ),
  audience(
    'pk_cvar',
    [{ exact: '_pk_cvar' }, { prefix: '_pk_cvar.' }],
    'matomo',
    'conditional',
    fixed(30 * MINUTE),
    MATOMO_DOCS,
  ),
  {
    // Stores the visitor's choice about Matomo: the CNIL exempts consent records themselves.
    id: 'mtm_consent',
    names: [{ exact: 'mtm_consent' }, { exact: 'mtm_cookie_consent' }, { exact: 'mtm_consent_removed' }],
    scope: 'anywhere',
    provider: 'Matomo',
    category: 'necessary',
    consent: 'exempt',
    declaredInCharte: false,
    lifetime: { declared: { kind: 'unknown' } },
    source: MATOMO_DOCS,
    recordsConsent: 'matomo',
    clearing: 'consent',
  },
  audience('atuserid', [{ exact: 'atuserid' }], 'piano', 'conditional', fixed(13 * MONTH), PIANO_DOCS),
  audience('atidvisitor', [{ exact: 'atidvisitor' }], 'piano', 'conditional', fixed(6 * MONTH), PIANO_DOCS),
  audience('pcid', [{ exact: '_pcid' }], 'piano', 'conditional', fixed(13 * MONTH), PIANO_DOCS),
  audience('etuix', [{ exact: 'etuix' }], 'eulerian', 'conditional', fixed(13 * MONTH), EULERIAN_DOCS),
  // The records of the consent managers cities run, which their sites share with the portal.
  ...READERS.filter((reader) => reader.id !== 'portal' && reader.id !== 'matomo').map(
    (reader): CatalogueEntry => ({
      id: 'consent_manager',
      names: reader.names.map((name) => (name.endsWith('*') ? { prefix: name.slice(0, -1) } : { exact: name })),
      scope: 'anywhere',
      provider: reader.label,
      category: 'necessary',
      consent: 'exempt',
      declaredInCharte: false,
      lifetime: { declared: reader.keptFor === null ? { kind: 'unknown' } : fixed(reader.keptFor) },
      source: reader.source,
      recordsConsent: reader.id,
      clearing: 'consent',
    }),
  ),
];
