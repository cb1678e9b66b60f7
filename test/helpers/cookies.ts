import type { ObservedCookie } from '../../src/core/cookies/cookie';

/** A cookie as a portal sets it, with the given fields overridden. */
export function aCookie(overrides: Partial<ObservedCookie> = {}): ObservedCookie {
  return {
    name: 'sessionid',
    value: 'v',
    domain: 'data.issy.com',
    hostOnly: true,
    path: '/',
    secure: true,
    httpOnly: false,
    sameSite: 'lax',
    session: false,
    expirationDate: Date.UTC(2026, 11, 1) / 1000,
    storeId: '0',
    ...overrides,
  };
}
