import { DAY, MINUTE, MONTH, WEEK, YEAR } from './duration';
import type { DeclaredLifetime } from './lifetime';

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
}

const ODS_CHARTE = 'Charte cookies des portails Opendatasoft (/terms/cookies-policy/)';
const GA_DOCS = 'support.google.com/analytics/answer/11397207';
const MATOMO_DOCS = 'matomo.org/faq/general/faq_146';
const PIANO_DOCS = 'developers.atinternet-solutions.com (cookies déposés par Piano Analytics)';

const fixed = (seconds: number): DeclaredLifetime => ({ kind: 'fixed', seconds });

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'sessionid',
    names: [{ exact: 'sessionid' }],
    scope: 'portal',
    provider: 'Opendatasoft',
    category: 'necessary',
    consent: 'exempt',
    declaredInCharte: true,
    lifetime: { charteWording: '2 semaines par défaut', declared: fixed(2 * WEEK) },
    source: `${ODS_CHARTE}; Django SESSION_COOKIE_AGE`,
  },
  {
    id: 'csrftoken',
    names: [{ exact: 'csrftoken' }],
    scope: 'portal',
    provider: 'Opendatasoft',
    category: 'necessary',
    consent: 'exempt',
    declaredInCharte: true,
    lifetime: {
      charteWording: 'Token réinitialisé aléatoirement entre 2 requêtes ou 2 sessions. 12 mois maximum.',
      declared: { kind: 'upTo', seconds: 12 * MONTH },
    },
    source: `${ODS_CHARTE}; Django CSRF_COOKIE_AGE`,
  },
  {
    id: 'cookies_preferences',
    names: [{ exact: 'cookies_preferences' }],
    scope: 'portal',
    provider: 'Opendatasoft',
    category: 'necessary',
    consent: 'exempt',
    declaredInCharte: true,
    lifetime: { charteWording: '6 mois', declared: fixed(6 * MONTH) },
    source: ODS_CHARTE,
  },
  {
    id: 'django_language',
    names: [{ exact: 'django_language' }],
    scope: 'portal',
    provider: 'Opendatasoft',
    category: 'preferences',
    consent: 'exempt',
    declaredInCharte: true,
    lifetime: { charteWording: '12 mois', declared: fixed(12 * MONTH) },
    source: `${ODS_CHARTE}; Django LANGUAGE_COOKIE_AGE`,
  },
  {
    id: 'ga',
    names: [{ exact: '_ga' }, { prefix: '_ga_' }],
    scope: 'anywhere',
    provider: 'Google Analytics',
    category: 'audience',
    consent: 'required',
    declaredInCharte: false,
    lifetime: { declared: fixed(2 * YEAR) },
    source: GA_DOCS,
  },
  {
    id: 'gid',
    names: [{ exact: '_gid' }],
    scope: 'anywhere',
    provider: 'Google Analytics',
    category: 'audience',
    consent: 'required',
    declaredInCharte: false,
    lifetime: { declared: fixed(DAY) },
    source: GA_DOCS,
  },
  {
    id: 'gat',
    names: [{ exact: '_gat' }, { prefix: '_gat_' }],
    scope: 'anywhere',
    provider: 'Google Analytics',
    category: 'audience',
    consent: 'required',
    declaredInCharte: false,
    lifetime: { declared: fixed(MINUTE) },
    source: GA_DOCS,
  },
  {
    id: 'pk_id',
    names: [{ prefix: '_pk_id.' }],
    scope: 'anywhere',
    provider: 'Matomo',
    category: 'audience',
    consent: 'conditional',
    declaredInCharte: false,
    lifetime: { declared: fixed(13 * MONTH) },
    source: MATOMO_DOCS,
  },
  {
    id: 'pk_ses',
    names: [{ prefix: '_pk_ses.' }],
    scope: 'anywhere',
    provider: 'Matomo',
    category: 'audience',
    consent: 'conditional',
    declaredInCharte: false,
    lifetime: { declared: fixed(30 * MINUTE) },
    source: MATOMO_DOCS,
  },
  {
    id: 'pk_ref',
    names: [{ prefix: '_pk_ref.' }],
    scope: 'anywhere',
    provider: 'Matomo',
    category: 'audience',
    consent: 'conditional',
    declaredInCharte: false,
    lifetime: { declared: fixed(6 * MONTH) },
    source: MATOMO_DOCS,
  },
  {
    id: 'mtm_consent',
    names: [{ exact: 'mtm_consent' }, { exact: 'mtm_consent_removed' }],
    scope: 'anywhere',
    provider: 'Matomo',
    category: 'necessary',
    consent: 'exempt',
    declaredInCharte: false,
    lifetime: { declared: { kind: 'unknown' } },
    source: MATOMO_DOCS,
  },
  {
    id: 'atuserid',
    names: [{ exact: 'atuserid' }],
    scope: 'anywhere',
    provider: 'AT Internet (Piano)',
    category: 'audience',
    consent: 'conditional',
    declaredInCharte: false,
    lifetime: { declared: fixed(13 * MONTH) },
    source: PIANO_DOCS,
  },
  {
    id: 'atidvisitor',
    names: [{ exact: 'atidvisitor' }],
    scope: 'anywhere',
    provider: 'AT Internet (Piano)',
    category: 'audience',
    consent: 'conditional',
    declaredInCharte: false,
    lifetime: { declared: fixed(6 * MONTH) },
    source: PIANO_DOCS,
  },
  {
    id: 'pcid',
    names: [{ exact: '_pcid' }],
    scope: 'anywhere',
    provider: 'AT Internet (Piano)',
    category: 'audience',
    consent: 'conditional',
    declaredInCharte: false,
    lifetime: { declared: fixed(13 * MONTH) },
    source: PIANO_DOCS,
  },
];
