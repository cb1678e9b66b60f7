import { cookieHost, cookieKey, type ObservedCookie } from '../core/cookie';
import type { BrowserAdapter } from '../platform/adapter';
import type { CookieOutcome } from '../protocol';

async function stillThere(adapter: BrowserAdapter, cookie: ObservedCookie): Promise<boolean> {
  const key = cookieKey(cookie);
  return (await adapter.getAll(cookieHost(cookie), cookie.storeId)).some((other) => cookieKey(other) === key);
}

/** Removes each cookie, then looks again: success is what the jar shows, never what the call said. */
export async function removeCookies(adapter: BrowserAdapter, cookies: readonly ObservedCookie[]): Promise<CookieOutcome> {
  const outcome: CookieOutcome = { done: [], skipped: [], failed: [] };
  await Promise.all(
    cookies.map(async (cookie) => {
      const accepted = await adapter.removeCookie(cookie);
      if (await stillThere(adapter, cookie)) outcome.failed.push({ cookie, reason: accepted ? 'stillThere' : 'refused' });
      else outcome.done.push(cookie);
    }),
  );
  return outcome;
}

/** Puts removed cookies back as they were, unless the site has set one again meanwhile. */
export async function restoreCookies(adapter: BrowserAdapter, cookies: readonly ObservedCookie[], nowMs: number): Promise<CookieOutcome> {
  const outcome: CookieOutcome = { done: [], skipped: [], failed: [] };
  await Promise.all(
    cookies.map(async (cookie) => {
      if (!cookie.session && (cookie.expirationDate ?? 0) * 1000 <= nowMs) outcome.failed.push({ cookie, reason: 'expired' });
      else if (await stillThere(adapter, cookie)) outcome.skipped.push(cookie);
      else if ((await adapter.setCookie(cookie)) && (await stillThere(adapter, cookie))) outcome.done.push(cookie);
      else outcome.failed.push({ cookie, reason: 'refused' });
    }),
  );
  return outcome;
}
