import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReaderId, Says, Subject } from '../../src/core/consent/reader';
import { READERS, readerOf, recordDate, recordMeaning, recordSays } from '../../src/core/consent/readers';
import { matchCookie } from '../../src/core/catalogue/match';
import { aTcString } from '../helpers/tc-string';

// Each consent manager's record, as its own code or documentation writes it, read by its reader.

const NOW = Date.UTC(2026, 11, 2, 10);
const GA: Subject = { tracker: 'ga', name: '_ga', purpose: 'audience' };
const GA4: Subject = { tracker: 'ga', name: '_ga_ABC123', purpose: 'audience' };
const FBP: Subject = { tracker: 'unlisted', name: '_fbp', purpose: 'advertising' };
const PK: Subject = { tracker: 'matomo', name: '_pk_id.1.d3m0', purpose: 'audience' };
const HOTJAR: Subject = { tracker: 'unlisted', name: '_hjSessionUser_12', purpose: 'audience' };

const says = (id: ReaderId, value: string, subject: Subject, name = readerOf(id).names[0]!): Says =>
  recordSays(id, recordMeaning(id, name, value), subject);

describe('tarteaucitron (tarteaucitron.js 1.34, its own services list)', () => {
  it('reads each service’s choice and the cookies tarteaucitron.services.js lists for it', () => {
    const value = '!gtag=false!facebookpixel=true';
    expect(says('tarteaucitron', value, GA)).toBe('refused');
    expect(says('tarteaucitron', value, GA4)).toBe('refused'); // `_ga_<id>`: the id is the site's
    expect(says('tarteaucitron', value, FBP)).toBe('accepted');
  });

  it('a refusal of every service refuses a tracker none of them lists; an acceptance of all does not accept it', () => {
    expect(says('tarteaucitron', '!gtag=false!facebookpixel=false', HOTJAR)).toBe('refused');
    expect(says('tarteaucitron', '!gtag=true!facebookpixel=true', HOTJAR)).toBeUndefined();
  });

  it('« wait » is no choice yet; a word it never writes is unclear; two services saying two things too', () => {
    expect(says('tarteaucitron', '!gtag=wait!facebookpixel=false', GA)).toBeUndefined();
    expect(says('tarteaucitron', '!gtag=wait!facebookpixel=false', HOTJAR)).toBeUndefined();
    expect(says('tarteaucitron', '!gtag=maybe', GA)).toBe('unclear');
    expect(says('tarteaucitron', '!gtag=false!analytics=true', GA)).toBe('unclear');
  });

  it('covers Matomo’s cookies by the family name its list gives (`_pk_id` for `_pk_id.1.<hash>`)', () => {
    expect(says('tarteaucitron', '!matomocloud=false!gtag=true', PK)).toBe('refused');
  });

  it('a value that is not its format is unreadable, and says « unclear » of everything', () => {
    for (const value of ['gtag=false', '!gtag', '!=true', '!gtag=false!<script>=1'])
      expect(says('tarteaucitron', value, GA)).toBe('unclear');
  });
});

describe('Orejime and Klaro (purposes in the site’s own words)', () => {
  it('a record refusing every purpose refuses every tracker; accepting every one accepts', () => {
    expect(says('orejime', encodeURIComponent('{"mesure-audience":false,"videos":false}'), GA)).toBe('refused');
    expect(says('orejime', '{"mesure-audience":true,"videos":true}', FBP)).toBe('accepted');
    expect(says('klaro', '{"matomo":false}', PK)).toBe('refused');
  });

  it('a partial record cannot say which purpose covers a tracker: « unclear », never a guess', () => {
    expect(says('orejime', '{"mesure-audience":false,"videos":true}', GA)).toBe('unclear');
    expect(says('orejime', '{"mesure-audience":"no"}', GA)).toBe('unclear');
  });
});

describe('IAB TCF v2.2 (decoded by @iabtcf/core)', () => {
  it('no consent to purpose 1 refuses every tracker; Google (vendor 755) is judged by its own consent', () => {
    expect(says('tcf', aTcString({ purposes: [], vendors: [755] }), FBP)).toBe('refused');
    expect(says('tcf', aTcString({ purposes: [1, 7, 8, 9, 10], vendors: [1] }), GA)).toBe('refused');
    expect(says('tcf', aTcString({ purposes: [1, 7, 8, 9, 10], vendors: [755] }), GA)).toBe('accepted');
    expect(says('tcf', aTcString({ purposes: [1, 7], vendors: [755] }), FBP)).toBeUndefined();
  });

  it('gives its last update as the date of the choice', () => {
    expect(
      recordDate(
        'tcf',
        'euconsent-v2',
        aTcString({ purposes: [1], vendors: [] }, new Date(Date.UTC(2026, 10, 20))),
        NOW,
      ),
    ).toBe(Date.UTC(2026, 10, 20));
  });
});

describe('the documented SaaS formats', () => {
  it(
    'Axeptio: vendor names from the back office, `google_analytics` for Google Analytics, ' + '`$$date` as the date',
    () => {
      const value = encodeURIComponent(
        JSON.stringify({
          $$token: 'tk',
          $$date: '2026-11-30T10:00:00.000Z',
          $$completed: true,
          google_analytics: false,
          facebook_pixel: true,
        }),
      );
      expect(says('axeptio', value, GA)).toBe('refused');
      expect(says('axeptio', value, FBP)).toBeUndefined(); // a vendor name its documentation does not give
      expect(recordDate('axeptio', 'axeptio_cookies', value, NOW)).toBe(Date.UTC(2026, 10, 30, 10));
    },
  );

  it('Didomi: a token whose purposes are all disabled refuses everything', () => {
    const token = btoa(
      JSON.stringify({
        user_id: 'u',
        created: '2026-11-30T10:00:00.000Z',
        updated: '2026-11-30T10:00:00.000Z',
        vendors: { enabled: [], disabled: ['google', 'c:hotjar'] },
        purposes: { enabled: [], disabled: ['analytics', 'cookies'] },
        version: 2,
      }),
    );
    expect(says('didomi', token, GA)).toBe('refused');
    const mixed = btoa(
      JSON.stringify({
        vendors: { enabled: ['google'], disabled: [] },
        purposes: { enabled: ['cookies'], disabled: ['analytics'] },
      }),
    );
    expect(says('didomi', mixed, GA)).toBe('unclear');
  });

  it('Cookiebot: statistics judges audience measurement, marketing advertising; `utc` dates it', () => {
    const value = encodeURIComponent(
      "{stamp:'AbC+dE/fG==',necessary:true,preferences:false,statistics:false,marketing:true," +
        "method:'explicit',ver:1,utc:1764496800000,region:'fr'}",
    );
    expect(says('cookiebot', value, GA)).toBe('refused');
    expect(says('cookiebot', value, FBP)).toBe('accepted');
    expect(recordDate('cookiebot', 'CookieConsent', value, NOW)).toBe(1764496800000);
    expect(says('cookiebot', '-1', GA)).toBe('unclear');
  });

  it('OneTrust: C0002 judges audience measurement, C0004 advertising', () => {
    const value =
      'isGpcEnabled=0&datestamp=Sun+Nov+30+2026+10%3A00%3A00+GMT%2B0100+(heure+normale+d%E2%80%99Europe+centrale)' +
      '&version=202310.1.0&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A1%2CC0004%3A1';
    expect(says('onetrust', value, GA)).toBe('refused');
    expect(says('onetrust', value, FBP)).toBe('accepted');
    expect(recordDate('onetrust', 'OptanonConsent', value, NOW)).toBe(Date.UTC(2026, 10, 30, 9));
  });
});

describe('every reader, whatever it is given', () => {
  const SUBJECTS = [GA, GA4, FBP, PK, HOTJAR];
  const hostile = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.json({ maxDepth: 4 }),
    fc.json({ maxDepth: 2 }).map((json) => encodeURIComponent(json)),
    fc.constantFrom(
      '{"__proto__":false}',
      '{"constructor":{"prototype":true}}',
      '!__proto__=false!constructor=true',
      'groups=__proto__:0',
      '{toString:false}',
      '%',
      'x'.repeat(9000),
      `{${'"a":{'.repeat(500)}}`,
    ),
    fc
      .array(fc.constantFrom('!gtag=', 'false', 'true', 'wait', '{', '}', '"', ':', ',', 'C0002', '%7B', '$$date'), {
        maxLength: 30,
      })
      .map((parts) => parts.join('')),
  );

  it('never throws, and bounds what it keeps', () => {
    fc.assert(
      fc.property(fc.constantFrom(...READERS.map((reader) => reader.id)), hostile, (id, value) => {
        const name = readerOf(id).names[0]!;
        const meaning = recordMeaning(id, name, value);
        expect(meaning.length).toBeLessThan(40_000);
        for (const subject of SUBJECTS) recordSays(id, meaning, subject);
        recordDate(id, name, value, NOW);
      }),
      { numRuns: 400 },
    );
  });

  it('never turns an unreadable record into a refusal or an acceptance', () => {
    fc.assert(
      fc.property(fc.constantFrom(...READERS.map((reader) => reader.id)), hostile, (id, value) => {
        const reader = readerOf(id);
        if (reader.read(value, reader.names[0]!, NOW) !== null) return;
        for (const subject of SUBJECTS) expect(says(id, value, subject)).toBe('unclear');
      }),
      { numRuns: 400 },
    );
  });

  it('a damaged meaning read back from storage says « unclear », never a choice', () => {
    fc.assert(
      fc.property(fc.constantFrom(...READERS.map((reader) => reader.id)), fc.string(), (id, meaning) => {
        fc.pre(!meaning.startsWith('['));
        for (const subject of SUBJECTS) expect(recordSays(id, meaning, subject)).toBe('unclear');
      }),
    );
  });

  it('each owns its cookie names, as the catalogue knows them, and says where its format is written', () => {
    for (const reader of READERS) {
      expect(reader.source.length).toBeGreaterThan(10);
      for (const name of reader.names) expect(matchCookie(name, true)?.recordsConsent).toBe(reader.id);
    }
    expect(matchCookie('_ga', true)?.recordsConsent).toBeUndefined();
  });
});
