/**
 * The Open Cookie Database (Apache-2.0), behind our catalogue: what it says of a cookie our
 * catalogue does not know. Compiled at build time into `ocd.json` (scripts/ocd.mjs), loaded only
 * when a site has such a cookie.
 */
import ocdPackage from './ocd-package.json';
import type { CatalogueEntry, Category, Consent } from './catalogue';
import { DAY, HOUR, MINUTE, MONTH, WEEK, YEAR } from '../util/duration';
import type { KnownLifetime } from '../cookies/lifetime';

/** `functional`: only the Open Cookie Database files cookies there (« Fonctionnement »). */
export type Group = Category | 'functional' | 'unknown';

/**
 * The compiled lookup's rows in the package, as scripts/build.mjs writes them (scripts/ocd.mjs `packageOcd`): row `r`
 * in shard `r % OCD_SHARDS` at `r / OCD_SHARDS`, named after OCD_FILE. Its names are compiled into the background.
 */
export const OCD_FILE: string = ocdPackage.file;
export const OCD_SHARDS: number = ocdPackage.shards;
export const ocdShardFile = (shard: number) => OCD_FILE.replace(/\.json$/, `-${shard}.json`);

export type OcdCategory = 'Necessary' | 'Security' | 'Functional' | 'Analytics' | 'Marketing' | 'Personalization';

/** One row, as the database gives it; the description is in English. */
export interface OcdEntry {
  platform: string;
  category: OcdCategory;
  retention: string;
  description: string;
  controller: string;
  /** The controller's privacy page (https only), or empty. */
  privacyUrl: string;
}

type CompiledEntry = [
  platform: string,
  category: OcdCategory,
  retention: string,
  description: string,
  controller: string,
  privacyUrl: string,
];
interface CompiledLookup {
  entries: CompiledEntry[];
  exact: Record<string, number>;
  prefixes: Record<string, number>;
}

export type OcdLookup = (name: string) => OcdEntry | undefined;

/**
 * What a category asks of the visitor: audience and advertising need consent, security and the strictly necessary do
 * not; for the rest it depends on use, so it is not said.
 */
export const OCD_CONSENT: Record<OcdCategory, Consent | 'unknown'> = {
  Necessary: 'exempt',
  Security: 'exempt',
  Functional: 'unknown',
  Personalization: 'unknown',
  Analytics: 'required',
  Marketing: 'required',
};

/**
 * Where a category's cookies are shown: Functional gets a group of its own (« Fonctionnement »), the others join ours.
 */
export const OCD_GROUP: Record<OcdCategory, Group> = {
  Necessary: 'necessary',
  Security: 'necessary',
  Functional: 'functional',
  Personalization: 'preferences',
  Analytics: 'audience',
  Marketing: 'advertising',
};

/** What consent a cookie needs: our catalogue's word first, else its Open Cookie Database category's. */
export const consentRuleOf = (
  entry: CatalogueEntry | undefined,
  reference: OcdEntry | undefined,
): Consent | 'unknown' => entry?.consent ?? (reference ? OCD_CONSENT[reference.category] : 'unknown');

/** Where a cookie is shown: our catalogue's category first, else its Open Cookie Database category's group. */
export const groupOf = (entry: CatalogueEntry | undefined, reference: OcdEntry | undefined): Group =>
  entry?.category ?? (reference ? OCD_GROUP[reference.category] : 'unknown');

/**
 * A cookie the CNIL's tracker rules concern: one that needs consent (or may), or one filed as audience or advertising.
 */
export const concernsTrackerRules = (consentRule: Consent | 'unknown', group: Group) =>
  consentRule === 'required' || consentRule === 'conditional' || group === 'audience' || group === 'advertising';

/** Which row of the database a name meets: its exact name first, else the longest prefix it starts with. */
export type OcdRowFinder = (name: string) => number | undefined;

/** Reads the names of the compiled lookup (`exact`, `prefixes`); null when they are malformed. */
export function ocdRowFinder(data: unknown): OcdRowFinder | null {
  const names = data as Partial<CompiledLookup> | null;
  if (!names || typeof names.exact !== 'object' || names.exact === null || typeof names.prefixes !== 'object')
    return null;
  const { exact, prefixes } = names as CompiledLookup;
  // Prefixes by their first three characters (none is shorter), longest first: a name meets a few, not all 255.
  const byStart = new Map<string, string[]>();
  for (const prefix of Object.keys(prefixes).sort((a, b) => b.length - a.length)) {
    const start = prefix.slice(0, PREFIX_INDEX);
    byStart.set(start, [...(byStart.get(start) ?? []), prefix]);
  }
  return (name) => {
    if (Object.hasOwn(exact, name)) return exact[name];
    const prefix = byStart.get(name.slice(0, PREFIX_INDEX))?.find((candidate) => name.startsWith(candidate));
    return prefix === undefined ? undefined : prefixes[prefix];
  };
}

/**
 * The lookup over the rows at hand (a sparse list is enough: the rows the names met); a malformed row knows nothing.
 */
export function lookupFrom(rowOf: OcdRowFinder | null, entries: readonly unknown[]): OcdLookup {
  if (rowOf === null) return () => undefined;
  return (name) => {
    const index = rowOf(name);
    const row = index === undefined ? undefined : entries[index];
    if (!Array.isArray(row)) return undefined;
    const [platform, category, retention, description, controller, privacyUrl] = row;
    return { platform, category, retention, description, controller, privacyUrl };
  };
}

/** Reads the compiled lookup whole (the audit, the tests); anything malformed is a lookup that knows nothing. */
export function openCookieLookup(data: unknown): OcdLookup {
  const entries = (data as Partial<CompiledLookup> | null)?.entries;
  return Array.isArray(entries) ? lookupFrom(ocdRowFinder(data), entries) : () => undefined;
}

/** The shortest prefix the build keeps (scripts/ocd.mjs drops shorter ones). */
const PREFIX_INDEX = 3;

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: MINUTE,
  hour: HOUR,
  day: DAY,
  week: WEEK,
  month: MONTH,
  year: YEAR,
};

/**
 * « 2 years », « 24 hours », « session » as a lifetime; anything else (« 13 months by default, modifiable ») is not
 * read.
 */
export function retentionLifetime(text: string): KnownLifetime | null {
  const words = text.trim().toLowerCase();
  if (words === 'session' || words === 'end of session (browser)' || words === 'end of session')
    return { kind: 'session' };
  const match = /^(\d{1,5})\s+(second|minute|hour|day|week|month|year)s?$/.exec(words);
  return match ? { kind: 'fixed', seconds: Number(match[1]) * (UNIT_SECONDS[match[2] as string] as number) } : null;
}
