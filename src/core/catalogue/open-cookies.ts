/**
 * The Open Cookie Database (Apache-2.0), behind our catalogue: what it says of a cookie our
 * catalogue does not know. Compiled at build time into `ocd.json` (scripts/ocd.mjs), loaded only
 * when a site has such a cookie.
 */
import ocdPackage from './ocd-package.json';
import type { Category, Consent } from './catalogue';
import { DAY, HOUR, MINUTE, MONTH, WEEK, YEAR } from '../util/duration';
import type { KnownLifetime } from '../cookies/lifetime';

/** `functional`: only the Open Cookie Database files cookies there (« Fonctionnement »). */
export type Group = Category | 'functional' | 'unknown';

/** The compiled lookup's place in the package: the one name, which scripts/build.mjs writes it under. */
export const OCD_FILE: string = ocdPackage.file;

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

/** Reads the compiled lookup; anything malformed is a lookup that knows nothing. */
export function openCookieLookup(data: unknown): OcdLookup {
  const compiled = data as Partial<CompiledLookup> | null;
  if (
    !compiled ||
    !Array.isArray(compiled.entries) ||
    typeof compiled.exact !== 'object' ||
    typeof compiled.prefixes !== 'object'
  )
    return () => undefined;
  const { entries, exact, prefixes } = compiled as CompiledLookup;
  // Prefixes by their first three characters (none is shorter), longest first: a name meets a few, not all 255.
  const byStart = new Map<string, string[]>();
  for (const prefix of Object.keys(prefixes).sort((a, b) => b.length - a.length)) {
    const start = prefix.slice(0, PREFIX_INDEX);
    byStart.set(start, [...(byStart.get(start) ?? []), prefix]);
  }
  const entryAt = (index: number | undefined): OcdEntry | undefined => {
    const row = index === undefined ? undefined : entries[index];
    if (!Array.isArray(row)) return undefined;
    const [platform, category, retention, description, controller, privacyUrl] = row;
    return { platform, category, retention, description, controller, privacyUrl };
  };
  return (name) => {
    if (Object.hasOwn(exact, name)) return entryAt(exact[name]);
    const prefix = byStart.get(name.slice(0, PREFIX_INDEX))?.find((candidate) => name.startsWith(candidate));
    return prefix === undefined ? undefined : entryAt(prefixes[prefix]);
  };
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
