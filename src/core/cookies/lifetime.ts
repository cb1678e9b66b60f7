import type { ObservedCookie } from './cookie';
import { CNIL_CEILING, HOUR } from '../util/duration';

/** What a charte or vendor says about how long a cookie lives. */
export type DeclaredLifetime =
  | { kind: 'fixed'; seconds: number }
  | { kind: 'upTo'; seconds: number }
  | { kind: 'session' }
  | { kind: 'unknown' };

export type KnownLifetime = Exclude<DeclaredLifetime, { kind: 'unknown' }>;

export const isKnown = (lifetime: DeclaredLifetime): lifetime is KnownLifetime => lifetime.kind !== 'unknown';

export type Remaining = { kind: 'session' } | { kind: 'expired' } | { kind: 'remaining'; seconds: number };

const WORDING_TOLERANCE = 0.02;

/** Expiry dates are set from the server's clock and rounded by browsers: allow for that, not more. */
export function tolerance(declaredSeconds: number): number {
  return Math.max(HOUR, declaredSeconds * WORDING_TOLERANCE);
}

export function remaining(cookie: Pick<ObservedCookie, 'session' | 'expirationDate'>, nowMs: number): Remaining {
  const expiry = cookie.expirationDate;
  if (cookie.session || expiry === undefined || !Number.isFinite(expiry)) return { kind: 'session' };
  const seconds = expiry - nowMs / 1000;
  if (!Number.isFinite(seconds)) return { kind: 'session' };
  return seconds <= 0 ? { kind: 'expired' } : { kind: 'remaining', seconds };
}

export function outlivesDeclared(left: Remaining, declared: DeclaredLifetime): boolean {
  if (left.kind !== 'remaining') return false;
  if (declared.kind === 'session') return true;
  if (declared.kind === 'unknown') return false;
  return left.seconds > declared.seconds + tolerance(declared.seconds);
}

export function beyondCnilCeiling(left: Remaining): boolean {
  return left.kind === 'remaining' && left.seconds > CNIL_CEILING;
}

/**
 * The remaining time is written in the declared lifetime's words when it is that lifetime give or
 * take 2 % (the relative part of the tolerance): a 14-day cookie read a second later still « expire
 * dans 2 semaines », and a 30-minute one half spent does not.
 */
export function readsAsDeclared(left: Remaining, declared: DeclaredLifetime): boolean {
  if (left.kind !== 'remaining' || (declared.kind !== 'fixed' && declared.kind !== 'upTo')) return false;
  // Past the CNIL ceiling, the declared « 13 mois » would hide what the flag beside it says.
  if (beyondCnilCeiling(left) && declared.seconds <= CNIL_CEILING) return false;
  return Math.abs(left.seconds - declared.seconds) <= WORDING_TOLERANCE * declared.seconds;
}
