import type { ObservedCookie } from '../cookies/cookie';
import type { CookieEvent } from '../consent/journal';
import { CATALOGUE, type CatalogueEntry } from './catalogue';
import type { OcdEntry, OcdLookup } from './open-cookies';

/** The entry that explains a cookie of this name, or undefined: unknown cookies are never guessed. */
export type Matcher = (name: string, onPortal: boolean) => CatalogueEntry | undefined;

/** Exact names in a map and prefixes in a short list: one lookup per cookie, whatever the catalogue size. */
function createMatcher(catalogue: readonly CatalogueEntry[] = CATALOGUE): Matcher {
  const exact = new Map<string, CatalogueEntry>();
  const prefixes: Array<[string, CatalogueEntry]> = [];
  for (const entry of catalogue) {
    for (const pattern of entry.names) {
      if ('exact' in pattern) exact.set(pattern.exact, entry);
      else prefixes.push([pattern.prefix, entry]);
    }
  }
  return (name, onPortal) => {
    const entry =
      exact.get(name) ?? prefixes.find(([prefix]) => name.startsWith(prefix) && name.length > prefix.length)?.[1];
    if (entry === undefined) return undefined;
    return entry.scope === 'portal' && !onPortal ? undefined : entry;
  };
}

export const matchCookie: Matcher = createMatcher();

/**
 * What explains a cookie of this name: our catalogue's entry, else the Open Cookie Database's row — never both, and
 * the database is not asked about a name the catalogue knows.
 */
export function explainerOf(
  name: string,
  onPortal: boolean,
  openCookies: OcdLookup | undefined,
): { entry: CatalogueEntry | undefined; reference: OcdEntry | undefined } {
  const entry = matchCookie(name, onPortal);
  return { entry, reference: entry ? undefined : openCookies?.(name) };
}

/**
 * A cookie's change as the journal takes it, with the consent record it holds if it holds one: the one way it is made.
 */
export function cookieEvent(cookie: ObservedCookie, removed: boolean, at: number): CookieEvent {
  const record = matchCookie(cookie.name, true)?.recordsConsent;
  return { kind: 'cookie', at, removed, cookie, ...(record ? { record } : {}) };
}
