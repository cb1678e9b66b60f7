/** A cookie as the browser reports it, reduced to what the extension reasons about. */
export type SameSite = 'no_restriction' | 'lax' | 'strict' | 'unspecified';

export interface PartitionKey {
  topLevelSite?: string;
  hasCrossSiteAncestor?: boolean;
}

export interface ObservedCookie {
  name: string;
  value: string;
  /** As the browser stores it: a leading dot marks a domain cookie. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  session: boolean;
  /** Seconds since the epoch; absent for session cookies. */
  expirationDate?: number;
  storeId: string;
  partitionKey?: PartitionKey;
  /** Firefox first-party isolation; empty string when isolation is off. */
  firstPartyDomain?: string;
}

/** The bare host a cookie belongs to, without the leading dot of domain cookies. */
export function cookieHost(cookie: Pick<ObservedCookie, 'domain'>): string {
  return cookie.domain.replace(/^\./, '').toLowerCase();
}

/**
 * Two cookies are the same slot in the jar when these all agree; the browser keeps one per slot.
 * Joined on NUL, which browsers refuse in every one of these fields, so no two slots share a key.
 */
export function cookieKey(cookie: ObservedCookie): string {
  const { storeId, domain, path, name, partitionKey, firstPartyDomain } = cookie;
  return `${storeId}\0${domain}\0${path}\0${name}\0${partitionKey?.topLevelSite ?? ''}\0${firstPartyDomain ?? ''}`;
}

/**
 * The slot a key names, as a cookie with no value: what the journal remembers of a cookie the jar no longer holds.
 * `cookieKey` of it gives the key back.
 */
export function cookieOfKey(key: string): ObservedCookie {
  const [storeId = '', domain = '', path = '/', name = '', topLevelSite = '', firstPartyDomain = ''] = key.split('\0');
  return {
    name,
    value: '',
    domain,
    hostOnly: !domain.startsWith('.'),
    path,
    secure: false,
    httpOnly: false,
    sameSite: 'unspecified',
    session: true,
    storeId,
    ...(firstPartyDomain ? { firstPartyDomain } : {}),
    ...(topLevelSite ? { partitionKey: { topLevelSite } } : {}),
  };
}
