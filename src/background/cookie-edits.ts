import { cookieHost, cookieKey, type ObservedCookie } from '../core/cookie';
import type { BrowserAdapter } from '../platform/adapter';
import type { CookieOutcome } from '../protocol';

/** The slots of the jar where these cookies live, read once per domain and store. */
async function jarSlots(adapter: BrowserAdapter, cookies: readonly ObservedCookie[]): Promise<Set<string>> {
  const places = new Map(cookies.map((cookie) => [`${cookie.storeId}\0${cookieHost(cookie)}`, cookie] as const));
  const found = await Promise.all([...places.values()].map((cookie) => adapter.getAll(cookieHost(cookie), cookie.storeId)));
  return new Set(found.flat().map(cookieKey));
}

/** Removes each cookie, then looks again: success is what the jar shows, never what the call said. */
export async function removeCookies(adapter: BrowserAdapter, cookies: readonly ObservedCookie[]): Promise<CookieOutcome> {
  const accepted = await Promise.all(cookies.map((cookie) => adapter.removeCookie(cookie)));
  const left = await jarSlots(adapter, cookies);
  const outcome: CookieOutcome = { done: [], skipped: [], failed: [] };
  cookies.forEach((cookie, index) => {
    if (!left.has(cookieKey(cookie))) outcome.done.push(cookie);
    else outcome.failed.push({ cookie, reason: accepted[index] ? 'stillThere' : 'refused' });
  });
  return outcome;
}

/** Puts removed cookies back as they were, unless the site has set one again meanwhile; then looks again. */
export async function restoreCookies(adapter: BrowserAdapter, cookies: readonly ObservedCookie[], nowMs: number): Promise<CookieOutcome> {
  const outcome: CookieOutcome = { done: [], skipped: [], failed: [] };
  const present = await jarSlots(adapter, cookies);
  const toSet = cookies.filter((cookie) => {
    if (!cookie.session && (cookie.expirationDate ?? 0) * 1000 <= nowMs) outcome.failed.push({ cookie, reason: 'expired' });
    else if (present.has(cookieKey(cookie))) outcome.skipped.push(cookie);
    else return true;
    return false;
  });
  await Promise.all(toSet.map((cookie) => adapter.setCookie(cookie)));
  const now = await jarSlots(adapter, toSet);
  for (const cookie of toSet) {
    if (now.has(cookieKey(cookie))) outcome.done.push(cookie);
    else outcome.failed.push({ cookie, reason: 'refused' });
  }
  return outcome;
}
