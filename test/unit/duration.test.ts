import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../src/core/portals/domains';
import {
  CNIL_CEILING,
  DAY,
  HOUR,
  MINUTE,
  MONTH,
  WEEK,
  YEAR,
  formatDuration,
  formatIn,
} from '../../src/core/util/duration';
import { beyondCnilCeiling, outlivesDeclared, remaining } from '../../src/core/cookies/lifetime';
import { matchCookie } from '../../src/core/catalogue/match';
import { buildSiteReport } from '../../src/core/report/build-site-report';
import { cookieSentences, remainingText } from '../../src/core/report/wording';
import { aCookie } from '../helpers/cookies';
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
    expect(
      plain(remainingText(remaining({ session: false, expirationDate: NOW / 1000 + 3 * DAY }, NOW), t, 'fr')),
    ).toBe('Expire dans 3 jours');
    expect(plain(remainingText(remaining({ session: true }, NOW), t, 'fr'))).toBe(
      'Session : supprimé à la fermeture du navigateur',
    );
    expect(plain(remainingText(remaining({ session: false, expirationDate: NOW / 1000 - 5 }, NOW), t, 'fr'))).toBe(
      'Expiré',
    );
    expect(plain(formatIn(13 * DAY, 'fr'))).toBe('dans 13 jours');
    expect(plain(formatIn(400 * DAY, 'fr'))).toBe('dans 400 jours');
    expect(plain(formatIn(3 * YEAR, 'fr'))).toBe('dans 3 ans');
  });

  it('never throws nor prints NaN for any expiry', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN), fc.constant(Infinity)),
        fc.boolean(),
        (expiry, session) => {
          const text = remainingText(remaining({ session, expirationDate: expiry }, NOW), t, 'fr');
          expect(text).not.toMatch(/NaN|undefined|Infinity/);
          expect(text.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
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

describe('one rule for durations', () => {
  const rules = builtInRules();
  const sentencesFor = (name: string, expiresInSeconds: number) => {
    const cookie = aCookie({ name, expirationDate: NOW / 1000 + expiresInSeconds });
    const item = buildSiteReport({ host: 'data.issy.com', cookies: [cookie], rules, nowMs: NOW }).own[0]!.cookies[0]!;
    return cookieSentences(item, t, 'fr');
  };

  it('writes a remaining time within 2 % of the declared lifetime in the declared words', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'sessionid',
          'csrftoken',
          'cookies_preferences',
          'django_language',
          '_ga',
          '_gid',
          '_pk_id.1.ab',
          '_pk_ses.1.ab',
        ),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (name, share) => {
          const entry = matchCookie(name, true)!;
          const declared = (entry.lifetime.declared as { seconds: number }).seconds;
          const left = declared + share * 0.02 * declared;
          fc.pre(left <= CNIL_CEILING || declared > CNIL_CEILING); // the ceiling rule below comes first
          const said = sentencesFor(name, left);
          expect(plain(said.remaining)).toBe(plain(t('expiresIn', formatIn(declared, 'fr'))));
        },
      ),
      { numRuns: 1000 },
    );
    expect(plain(sentencesFor('sessionid', 2 * WEEK - 1).remaining)).toBe('Expire dans 2 semaines');
    expect(plain(sentencesFor('_gid', DAY - 1).remaining)).toBe('Expire dans 1 jour');
    expect(plain(sentencesFor('_pk_ses.1.ab', 10 * MINUTE).remaining)).toBe('Expire dans 10 minutes');
  });

  it('never writes a lifetime past the CNIL ceiling as 13 months or less', () => {
    fc.assert(
      fc.property(fc.double({ min: CNIL_CEILING + 1, max: 5 * YEAR, noNaN: true }), (seconds) => {
        for (const text of [plain(formatIn(seconds, 'fr')), plain(formatDuration(seconds, 'fr'))]) {
          const months = /(\d+) mois/.exec(text);
          if (months && !/an/.test(text)) expect(Number(months[1])).toBeGreaterThan(13);
          expect(text).not.toMatch(/^(dans )?1 an( et 1 mois)?$/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a value a moment short of a round one as the round one', () => {
    expect(plain(formatIn(DAY - 1, 'fr'))).toBe('dans 1 jour');
    expect(plain(formatIn(2 * WEEK - 0.4, 'fr'))).toBe('dans 2 semaines');
    expect(plain(formatDuration(30 * DAY, 'fr'))).toBe('1 mois');
    expect(plain(formatDuration(10 * DAY, 'fr'))).toBe('10 jours');
  });
});
