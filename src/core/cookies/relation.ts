import { cookieHost, type ObservedCookie } from './cookie';

export type Relation = 'own' | 'subdomain' | 'parent';

/** `issy.com` or `data.issy.com` for `data.issy.com`: the host itself or one of its parents. */
function isHostOrParent(host: string, candidate: string): boolean {
  return candidate === host || host.endsWith(`.${candidate}`);
}

/**
 * A partitioned cookie (CHIPS) or a first-party-isolated one belongs to the top-level site it was
 * set under: only those of this site's own partition are this site's to show and clear.
 */
function inSitePartition(host: string, cookie: ObservedCookie): boolean {
  const topLevel = cookie.partitionKey?.topLevelSite;
  if (topLevel !== undefined && topLevel !== '') {
    const topHost = URL.canParse(topLevel) ? new URL(topLevel).hostname : '';
    if (!isHostOrParent(host, topHost)) return false;
  }
  const firstParty = cookie.firstPartyDomain;
  return firstParty === undefined || firstParty === '' || isHostOrParent(host, firstParty);
}

/**
 * Whether the browser sends a cookie of this domain, as the jar writes it, to the host (RFC 6265 §5.1.3): the one place
 * that says so.
 */
export function domainReaches(host: string, cookie: Pick<ObservedCookie, 'domain' | 'hostOnly'>): boolean {
  const domain = cookieHost(cookie);
  return domain === host || (!cookie.hostOnly && host.endsWith(`.${domain}`));
}

/** How a cookie reaches the host, or null when it does not belong to this site at all. */
export function relationTo(host: string, cookie: ObservedCookie): Relation | null {
  if (!inSitePartition(host, cookie)) return null;
  const domain = cookieHost(cookie);
  if (domain === host) return 'own';
  if (domain.endsWith(`.${host}`)) return 'subdomain';
  return domainReaches(host, cookie) ? 'parent' : null;
}
