import { cookieHost, cookieKey, type ObservedCookie } from '../core/cookies/cookie';
import type { CookieSource } from '../core/portals/site';
import type { BrowserAdapter, CookieChange, Unsubscribe } from '../platform/adapter';

/** Domains kept, the least recently asked forgotten first: the sites of the open tabs, with room to spare. */
export const MIRRORED_DOMAINS = 32;

export interface JarMirror extends CookieSource {
  /**
   * A change the background made and then saw in the jar itself: taken at once, as the browser's event may come later.
   */
  take(change: CookieChange): void;
  stop: Unsubscribe;
}

interface Mirrored {
  storeId: string;
  domain: string;
  cookies: Map<string, ObservedCookie>;
  /** Changes heard while the browser's answer is on its way, applied over it in order. */
  heard?: CookieChange[];
  filled: Promise<void>;
}

function apply(cookies: Map<string, ObservedCookie>, { removed, cookie }: CookieChange): void {
  if (removed) cookies.delete(cookieKey(cookie));
  else cookies.set(cookieKey(cookie), cookie);
}

/**
 * The cookies of the domains the views ask about, read from the browser once and then kept current
 * by the change events the background hears anyway. Under a storm of cookie writes the browser's
 * jar answers a question a hundred milliseconds late or more: the popup's view and the badges read
 * this copy instead. Clearing never does — there, success is what the jar itself shows.
 *
 * Every change is told, in order, from the moment the question leaves: replayed over the browser's
 * answer, they leave each slot as its last change made it, whichever moment the answer was taken.
 */
export function jarMirror(adapter: BrowserAdapter, now: () => number): JarMirror {
  const mirrored = new Map<string, Mirrored>();

  function take(change: CookieChange): void {
    const host = cookieHost(change.cookie);
    for (const slot of mirrored.values()) {
      if (slot.storeId !== change.cookie.storeId || (host !== slot.domain && !host.endsWith(`.${slot.domain}`)))
        continue;
      if (slot.heard) slot.heard.push(change);
      else apply(slot.cookies, change);
    }
  }
  const stopCookies = adapter.onCookieChanged(take);
  // What the browser lets the extension read changes with its host permissions, and no cookie event says so.
  const stopPermissions = adapter.onPermissionsChanged(() => mirrored.clear());

  function fill(domain: string, storeId: string): Mirrored {
    const slot: Mirrored = { storeId, domain, cookies: new Map(), heard: [], filled: Promise.resolve() };
    slot.filled = adapter.getAll(domain, storeId).then((jar) => {
      for (const cookie of jar) slot.cookies.set(cookieKey(cookie), cookie);
      for (const change of slot.heard ?? []) apply(slot.cookies, change);
      delete slot.heard;
    });
    return slot;
  }

  return {
    async getAll(domain, storeId) {
      const key = `${storeId} ${domain}`;
      const slot = mirrored.get(key) ?? fill(domain, storeId);
      mirrored.delete(key);
      mirrored.set(key, slot);
      if (mirrored.size > MIRRORED_DOMAINS) mirrored.delete(mirrored.keys().next().value as string);
      try {
        await slot.filled;
      } catch (error) {
        if (mirrored.get(key) === slot) mirrored.delete(key);
        throw error;
      }
      // A cookie past its date is gone from the jar even before the browser says so.
      const seconds = now() / 1000;
      return [...slot.cookies.values()].filter(
        (cookie) => cookie.session || cookie.expirationDate === undefined || cookie.expirationDate > seconds,
      );
    },
    take,
    stop: () => {
      stopCookies();
      stopPermissions();
    },
  };
}
