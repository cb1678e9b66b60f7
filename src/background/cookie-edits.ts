import { cookieHost, cookieKey, type ObservedCookie } from '../core/cookies/cookie';
import type { BrowserAdapter } from '../platform/adapter';
import type { CookieOutcome } from '../protocol';

/** What the jar holds where these cookies live, by slot, read once per domain and store. */
async function jarAround(
  adapter: BrowserAdapter,
  cookies: readonly ObservedCookie[],
): Promise<Map<string, ObservedCookie>> {
  const places = new Map(cookies.map((cookie) => [`${cookie.storeId}\0${cookieHost(cookie)}`, cookie] as const));
  const found = await Promise.all(
    [...places.values()].map((cookie) => adapter.getAll(cookieHost(cookie), cookie.storeId)),
  );
  return new Map(found.flat().map((cookie) => [cookieKey(cookie), cookie] as const));
}

const jarSlots = async (adapter: BrowserAdapter, cookies: readonly ObservedCookie[]) =>
  new Set((await jarAround(adapter, cookies)).keys());

/** The requested cookies the jar still holds, as it holds them (a value rewritten since the popup read it included). */
export async function presentIn(
  adapter: BrowserAdapter,
  cookies: readonly ObservedCookie[],
): Promise<ObservedCookie[]> {
  const jar = await jarAround(adapter, cookies);
  return [...new Set(cookies.map(cookieKey))].flatMap((key) => jar.get(key) ?? []);
}

/** Removes each cookie, then looks again: success is what the jar shows, never what the call said. */
export async function removeCookies(
  adapter: BrowserAdapter,
  cookies: readonly ObservedCookie[],
): Promise<CookieOutcome> {
  const accepted = await Promise.all(cookies.map((cookie) => adapter.removeCookie(cookie)));
  const left = await jarSlots(adapter, cookies);
  return {
    done: cookies.filter((cookie) => !left.has(cookieKey(cookie))),
    skipped: [],
    failed: cookies.flatMap((cookie, i) =>
      left.has(cookieKey(cookie)) ? [{ cookie, reason: accepted[i] ? 'stillThere' : 'refused' } as const] : [],
    ),
  };
}

/** Puts removed cookies back as they were, unless the site has set one again meanwhile; then looks again. */
export async function restoreCookies(
  adapter: BrowserAdapter,
  cookies: readonly ObservedCookie[],
  nowMs: number,
): Promise<CookieOutcome> {
  const expired = (cookie: ObservedCookie) => !cookie.session && (cookie.expirationDate ?? 0) * 1000 <= nowMs;
  const present = await jarSlots(adapter, cookies);
  const live = cookies.filter((cookie) => !expired(cookie));
  const toSet = live.filter((cookie) => !present.has(cookieKey(cookie)));
  await Promise.all(toSet.map((cookie) => adapter.setCookie(cookie)));
  const after = await jarSlots(adapter, toSet);
  return {
    done: toSet.filter((cookie) => after.has(cookieKey(cookie))),
    skipped: live.filter((cookie) => present.has(cookieKey(cookie))),
    failed: [
      ...cookies.filter(expired).map((cookie) => ({ cookie, reason: 'expired' }) as const),
      ...toSet
        .filter((cookie) => !after.has(cookieKey(cookie)))
        .map((cookie) => ({ cookie, reason: 'refused' }) as const),
    ],
  };
}
