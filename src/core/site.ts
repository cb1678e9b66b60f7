import { cookieHost, cookieKey, type ObservedCookie } from './cookie';
import { parentDomains } from './domains';

/** The little of the browser's cookie jar that collecting a site's cookies needs. */
export interface CookieSource {
  /** Cookies of this domain and its subdomains in one store, partitioned ones included. */
  getAll(domain: string, storeId: string): Promise<ObservedCookie[]>;
}

/**
 * Every cookie a host sees: its own and its subdomains' (one query), plus the domain cookies of its
 * parents, which the browser's domain query does not return (`.issy.com` for `data.issy.com`).
 */
export async function collectSiteCookies(source: CookieSource, host: string, storeId: string): Promise<ObservedCookie[]> {
  const parents = parentDomains(host);
  const [own, ...ofParents] = await Promise.all([host, ...parents].map((domain) => source.getAll(domain, storeId)));
  const parentCookies = ofParents.flatMap((cookies, index) => cookies.filter((cookie) => !cookie.hostOnly && cookieHost(cookie) === parents[index]));
  const unique = new Map<string, ObservedCookie>();
  for (const cookie of [...(own ?? []), ...parentCookies]) unique.set(cookieKey(cookie), cookie);
  return [...unique.values()];
}

/** The address the browser wants to remove or set a cookie: its scheme, its bare domain, its own path. */
export function cookieUrl(cookie: Pick<ObservedCookie, 'secure' | 'domain' | 'path'>): string {
  return `${cookie.secure ? 'https' : 'http'}://${cookieHost(cookie)}${cookie.path}`;
}
