import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReaderId, Says, Subject } from '../../src/core/consent/reader';
import { READERS, readerOf, recordDate, recordMeaning, recordSays } from '../../src/core/consent/readers';
import { matchCookie } from '../../src/core/catalogue/match';
import { readTcString } from '../../src/core/consent/tc-string';
import { aTcString, iabReading, MAX_VENDOR } from '../helpers/tc-string';

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

/** A TC string's core segment written bit by bit, as no CMP would: fields given as [value, bits]. */
const bitsToTcString = (fields: Array<[number, number]>) => {
  const bits = fields.map(([value, width]) => value.toString(2).padStart(width, '0')).join('');
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return (bits.match(/.{1,6}/g) ?? []).map((six) => chars[Number.parseInt(six.padEnd(6, '0'), 2)]).join('');
};
// Version 2 and the core segment's fields up to the vendors', all zero but the version.
const CORE_UP_TO_VENDORS: Array<[number, number]> = [
  [2, 6],
  [0, 207],
];

describe('IAB TCF v2.2 (read as the IAB’s own @iabtcf/core reads it)', () => {
  it('reads the date, every purpose and every vendor as the IAB’s library does, bit field or ranges', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 24 })),
        fc.array(fc.tuple(fc.integer({ min: 1, max: MAX_VENDOR }), fc.integer({ min: 0, max: 300 })), {
          maxLength: 6,
        }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        (purposes, runs, updated) => {
          const vendors = [
            ...new Set(runs.flatMap(([from, length]) => Array.from({ length }, (_, i) => from + i))),
          ].filter((id) => id <= MAX_VENDOR);
          const value = aTcString({ purposes, vendors }, updated);
          const ours = readTcString(value);
          const iab = iabReading(value);
          expect(ours?.lastUpdated).toBe(iab.lastUpdated);
          for (let id = 1; id <= 24; id++) expect(ours?.purposes.has(id)).toBe(iab.purposes(id));
          for (let id = 1; id <= MAX_VENDOR + 2; id++) expect(ours?.vendor(id)).toBe(iab.vendor(id));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a string cut inside the fields a choice rests on, or of another version, is unreadable, never a refusal', () => {
    // Two vendors are written as ranges; every other one of the first 800, as a bit field.
    const asRanges = aTcString({ purposes: [1], vendors: [755, 900] });
    const asBitField = aTcString({ purposes: [1], vendors: Array.from({ length: 400 }, (_, i) => 2 * i + 1) });
    const read = (value: string) => {
      const reading = readTcString(value);
      const vendors = Array.from({ length: MAX_VENDOR }, (_, i) => i + 1).filter((id) => reading?.vendor(id));
      return JSON.stringify(reading && [reading.lastUpdated, [...reading.purposes], vendors]);
    };
    for (const whole of [asRanges, asBitField]) {
      // The core segment's fields up to the vendors' count are 230 bits: 39 characters.
      for (let length = 0; length < 39; length++) expect(readTcString(whole.slice(0, length))).toBeNull();
      // Cut later, it reads what the whole string says, or nothing: never another choice.
      for (let length = 39; length < whole.length; length++)
        expect(['null', read(whole)]).toContain(read(whole.slice(0, length)));
    }
    const whole = asRanges;
    expect(readTcString(`B${whole.slice(1)}`)).toBeNull(); // version 1
    expect(readTcString(`${whole.slice(0, 40)}*${whole.slice(41)}`)).toBeNull();
    expect(says('tcf', whole.slice(0, 30), GA)).toBe('unclear');
  });

  it('holds a hostile string of 4 095 ranges of every vendor as ranges, and reads it', () => {
    const everyVendor: Array<[number, number]> = [
      [1, 1],
      [1, 16],
      [65_535, 16],
    ];
    const hostile = bitsToTcString([
      ...CORE_UP_TO_VENDORS,
      [65_535, 16],
      [1, 1],
      [4_095, 12],
      ...Array.from({ length: 4_095 }, () => everyVendor).flat(),
    ]);
    expect(readTcString(hostile)?.vendor(755)).toBe(true);
    const backwards = bitsToTcString([...CORE_UP_TO_VENDORS, [800, 16], [1, 1], [1, 12], [1, 1], [900, 16], [2, 16]]);
    expect(readTcString(backwards)).toBeNull();
  });

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
