import { cookieHost, type ObservedCookie } from '../cookies/cookie';
import { domainReaches } from '../cookies/relation';
import { parentDomains } from './domains';

/** The little of the browser's cookie jar that collecting a site's cookies needs. */
export interface CookieSource {
  /** Cookies of this domain and its subdomains in one store, partitioned ones included. */
  getAll(domain: string, storeId: string): Promise<ObservedCookie[]>;
}

/**
 * Every cookie a host sees: its own and its subdomains', plus the domain cookies of its parents
 * (`.issy.com` for `data.issy.com`). One question, for the farthest parent's domain, holds them all:
 * a browser busy with a storm of cookies answers one question sooner than several, and Chrome
 * reads its whole jar for each.
 */
export async function collectSiteCookies(
  source: CookieSource,
  host: string,
  storeId: string,
): Promise<ObservedCookie[]> {
  const widest = await source.getAll(parentDomains(host).at(-1) ?? host, storeId);
  return widest.filter((cookie) => cookieHost(cookie).endsWith(`.${host}`) || domainReaches(host, cookie));
}

/** The address the browser wants to remove or set a cookie: its scheme, its bare domain, its own path. */
export function cookieUrl(cookie: Pick<ObservedCookie, 'secure' | 'domain' | 'path'>): string {
  return `${cookie.secure ? 'https' : 'http'}://${cookieHost(cookie)}${cookie.path}`;
}
