import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, MONTH, WEEK, YEAR, formatDuration, formatIn } from '../../src/core/duration';
import { beyondCnilCeiling, outlivesDeclared, remaining } from '../../src/core/lifetime';
import { remainingText } from '../../src/core/wording';
import { translatorFor } from '../helpers/translate';

const t = translatorFor('fr');
/** Intl puts non-breaking spaces between a number and its unit, as French typography wants. */
const plain = (text: string) => text.replace(/\s/g, ' ');
const NOW = Date.UTC(2026, 10, 25, 12);

describe('durations in natural French', () => {
  it.each([
    [2 * WEEK, '2 semaines'],
    [12 * MONTH, '12 mois'],
    [52 * WEEK, '12 mois'],
    [6 * MONTH, '6 mois'],
    [13 * MONTH, '1 an et 1 mois'],
    [30 * MINUTE, '30 minutes'],
    [DAY, '1 jour'],
    [3 * DAY, '3 jours'],
    [2 * YEAR, '2 ans'],
    [MINUTE, '1 minute'],
    [5 * HOUR, '5 heures'],
  ])('%i seconds reads « %s »', (seconds, expected) => {
    expect(plain(formatDuration(seconds, 'fr'))).toBe(expected);
  });

  it('speaks English when the locale is English', () => {
    expect(plain(formatDuration(13 * MONTH, 'en'))).toBe('1 year and 1 month');
  });

  it('says when a cookie expires', () => {
    expect(plain(remainingText(remaining({ session: false, expirationDate: NOW / 1000 + 3 * DAY }, NOW), t, 'fr'))).toBe('Expire dans 3 jours');
    expect(plain(remainingText(remaining({ session: true }, NOW), t, 'fr'))).toBe('Session : supprimé à la fermeture du navigateur');
    expect(plain(remainingText(remaining({ session: false, expirationDate: NOW / 1000 - 5 }, NOW), t, 'fr'))).toBe('Expiré');
    expect(plain(formatIn(13 * DAY, 'fr'))).toBe('dans 13 jours');
    expect(plain(formatIn(400 * DAY, 'fr'))).toBe('dans 13 mois');
    expect(plain(formatIn(3 * YEAR, 'fr'))).toBe('dans 3 ans');
  });

  it('never throws nor prints NaN for any expiry', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN), fc.constant(Infinity)), fc.boolean(), (expiry, session) => {
        const text = remainingText(remaining({ session, expirationDate: expiry }, NOW), t, 'fr');
        expect(text).not.toMatch(/NaN|undefined|Infinity/);
        expect(text.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('declared versus observed lifetime', () => {
  const in_ = (seconds: number) => remaining({ session: false, expirationDate: NOW / 1000 + seconds }, NOW);

  it('flags a cookie that outlives its declared lifetime, beyond the tolerance only', () => {
    const twoWeeks = { kind: 'fixed', seconds: 2 * WEEK } as const;
    expect(outlivesDeclared(in_(2 * WEEK), twoWeeks)).toBe(false);
    expect(outlivesDeclared(in_(2 * WEEK + 30 * MINUTE), twoWeeks)).toBe(false);
    expect(outlivesDeclared(in_(3 * WEEK), twoWeeks)).toBe(true);
    expect(outlivesDeclared(in_(DAY), { kind: 'session' })).toBe(true);
    expect(outlivesDeclared(in_(10 * YEAR), { kind: 'unknown' })).toBe(false);
  });

  it('flags anything beyond the CNIL 13-month ceiling', () => {
    expect(beyondCnilCeiling(in_(13 * MONTH))).toBe(false);
    expect(beyondCnilCeiling(in_(400 * DAY))).toBe(true); // Chrome's cap on any cookie's lifetime
    expect(beyondCnilCeiling(in_(2 * YEAR))).toBe(true);
    expect(beyondCnilCeiling(remaining({ session: true }, NOW))).toBe(false);
  });
});
