import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileOcd } from '../../scripts/ocd.mjs';
import { choiceLines } from '../../src/core/report/consent-wording';
import { everyCookie } from '../../src/core/report/site-report';
import { openCookieLookup } from '../../src/core/catalogue/open-cookies';
import { cookieSentences } from '../../src/core/report/wording';
import { aTcString } from '../helpers/tc-string';
import { translatorFor } from '../helpers/translate';
import { aVisit, verdictsOf, type Visit } from '../helpers/visit';

// The city's own consent manager records the visitor's choice on `.issy.com`; the browser sends it,
// with the city's trackers, to the portal data.issy.com. Each tracker is judged by the record that covers it.

const NOW = Date.UTC(2026, 11, 2, 9);
const t = translatorFor('fr');
const openCookies = openCookieLookup(compileOcd().lookup);
const CITY = { domain: '.issy.com', hostOnly: false };
/** As tarteaucitron writes it: for 365 days from now. */
const cityRecord = (visit: Visit, name: string, value: string) =>
  visit.set(name, { ...CITY, value, expirationDate: (visit.now() + 365 * 86_400_000) / 1000 });
const verdictText = (visit: Visit, name: string, domain = CITY.domain) => {
  const item = everyCookie(visit.report()).find(
    (cookie) => cookie.cookie.name === name && cookie.cookie.domain === domain,
  );
  return item && cookieSentences(item, t, 'fr').verdict?.text;
};

describe('a refusal recorded by the city’s consent manager', () => {
  it(
    'tarteaucitron refuses, then _ga and _fbp are written on the city’s domain: ' +
      'both « Déposé malgré votre refus », saying where',
    () => {
      const visit = aVisit(NOW, openCookies).arrive();
      cityRecord(visit, 'tarteaucitron', '!gtag=false!facebookpixel=false');
      visit.wait(1500);
      visit.set('_ga', { ...CITY, value: 'GA1.1.1.1' }).set('_fbp', { ...CITY, value: 'fb.1.1.1' });
      expect(verdictsOf(visit.report())).toEqual({ _ga: 'setDespiteRefusal', _fbp: 'setDespiteRefusal' });
      expect(verdictText(visit, '_ga')).toBe(
        'Déposé malgré votre refus du 2 décembre 2026 (votre choix sur issy.com, enregistré par tarteaucitron)',
      );
      expect(visit.report().counts.alerts).toBe(2);
      expect(choiceLines(visit.report().consent!, t, 'fr')).toContain(
        "Google Analytics : refusé le 2 décembre 2026, jusqu'au 2 décembre 2027 (votre choix sur issy.com, " +
          'enregistré par tarteaucitron)',
      );
    },
  );

  it('a tracker written under an acceptance, then refused: « Encore présent après votre refus », not red', () => {
    const visit = aVisit(NOW, openCookies).arrive();
    cityRecord(visit, 'tarteaucitron', '!gtag=true');
    visit.set('_ga', { ...CITY, value: 'GA1.1.1.1' });
    visit.wait(1000);
    cityRecord(visit, 'tarteaucitron', '!gtag=false');
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'stillThereAfterRefusal' });
    expect(visit.report().counts.alerts).toBe(0);
  });

  it('Orejime refusing every purpose: _ga written after is set despite the refusal', () => {
    const visit = aVisit(NOW, openCookies).arrive();
    cityRecord(visit, 'eu-consent', encodeURIComponent('{"mesure-audience":false,"contenus-externes":false}'));
    visit.wait(500);
    visit.set('_ga', { ...CITY, value: 'GA1.1.2.2' });
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'setDespiteRefusal' });
    expect(verdictText(visit, '_ga')).toContain('enregistré par Orejime');
  });

  it(
    'a TC string without consent for Google (vendor 755): _ga refused; with it, ' + 'allowed on the string’s own date',
    () => {
      const refused = aVisit(NOW, openCookies).arrive();
      cityRecord(refused, 'euconsent-v2', aTcString({ purposes: [1, 7, 8, 9, 10], vendors: [1] }));
      refused.wait(500);
      refused.set('_ga', { ...CITY, value: 'GA1.1.3.3' });
      expect(verdictsOf(refused.report())).toEqual({ _ga: 'setDespiteRefusal' });

      const accepted = aVisit(NOW, openCookies).arrive();
      cityRecord(accepted, 'euconsent-v2', aTcString({ purposes: [1, 7, 8, 9, 10], vendors: [755] }));
      accepted.wait(500);
      accepted.set('_ga', { ...CITY, value: 'GA1.1.3.3' });
      expect(verdictsOf(accepted.report())).toEqual({ _ga: 'allowed' });
    },
  );

  it.each([
    [
      'axeptio_cookies',
      encodeURIComponent(
        JSON.stringify({
          $$token: 'tk',
          $$date: '2026-12-01T10:00:00.000Z',
          $$completed: true,
          google_analytics: false,
        }),
      ),
      'Axeptio',
    ],
    [
      'didomi_token',
      btoa(
        JSON.stringify({
          purposes: { enabled: [], disabled: ['analytics'] },
          vendors: { enabled: [], disabled: ['google'] },
          updated: '2026-12-01T10:00:00.000Z',
        }),
      ),
      'Didomi',
    ],
    [
      'CookieConsent',
      encodeURIComponent(
        "{stamp:'x',necessary:true,preferences:true,statistics:false,marketing:false," +
          "method:'explicit',ver:1,utc:1764583200000,region:'fr'}",
      ),
      'Cookiebot',
    ],
    [
      'OptanonConsent',
      'datestamp=Tue+Dec+01+2026+10%3A00%3A00+GMT%2B0100&groups=C0001%3A1%2CC0002%3A0%2CC0004%3A0',
      'OneTrust',
    ],
  ])('%s refusing audience measurement: _ga written after is judged by it', (name, value, manager) => {
    const visit = aVisit(NOW, openCookies).arrive();
    cityRecord(visit, name, value);
    visit.wait(500);
    visit.set('_ga', { ...CITY, value: 'GA1.1.4.4' });
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'setDespiteRefusal' });
    expect(verdictText(visit, '_ga')).toContain(`enregistré par ${manager}`);
  });
});

describe('the portal’s banner and the city’s record together', () => {
  const both = () => {
    const visit = aVisit(NOW, openCookies).arrive();
    cityRecord(visit, 'tarteaucitron', '!gtag=false');
    visit.choose({ ga: true, timestamp: NOW / 1000 });
    visit.wait(500);
    return visit
      .set('_ga', { domain: 'data.issy.com', hostOnly: true, value: 'GA1.1.5.5' })
      .set('_ga', { ...CITY, value: 'GA1.1.6.6' });
  };

  it('the portal’s own _ga follows the portal’s banner, which accepted it', () => {
    expect(verdictText(both(), '_ga', 'data.issy.com')).toBe('Autorisé par votre choix du 2 décembre 2026');
  });

  it('the city’s _ga may have been written by either: the two choices differ, so nobody is accused', () => {
    const visit = both();
    expect(verdictText(visit, '_ga')).toContain('impossible de savoir lequel');
    expect(visit.report().counts.alerts).toBe(0);
  });
});

describe('« Déposé avant tout choix » is never said of a tracker a record already refused', () => {
  const refusals: Array<[string, string]> = [
    ['tarteaucitron', '!gtag=false!facebookpixel=false!hotjar=false'],
    ['eu-consent', '{"audience":false}'],
    ['klaro', '{"ga":false}'],
    ['euconsent-v2', aTcString({ purposes: [], vendors: [] })],
    ['axeptio_cookies', '{"$$completed":true,"google_analytics":false}'],
    ['didomi_token', btoa('{"purposes":{"enabled":[],"disabled":["analytics"]}}')],
    ['cookies_preferences', encodeURIComponent('{"ga":false,"matomo":false,"xiti":false,"eulerian":false}')],
  ];
  it('whatever the manager, the domain it recorded on, and the trackers written after it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...refusals),
        fc.constantFrom('.issy.com', 'data.issy.com'),
        fc.array(
          fc.record({
            name: fc.constantFrom('_ga', '_gid', '_ga_XYZ', '_fbp'),
            domain: fc.constantFrom('.issy.com', 'data.issy.com'),
            wait: fc.integer({ min: 0, max: 5000 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        ([name, value], recordDomain, writes) => {
          const visit = aVisit(NOW, openCookies).arrive();
          visit.set(name, { domain: recordDomain, hostOnly: recordDomain === 'data.issy.com', value });
          for (const write of writes) {
            visit.wait(write.wait);
            visit.set(write.name, {
              domain: write.domain,
              hostOnly: write.domain === 'data.issy.com',
              value: `GA1.1.${write.wait}.1`,
            });
          }
          for (const kind of Object.values(verdictsOf(visit.report()))) expect(kind).not.toBe('setBeforeChoice');
        },
      ),
      { numRuns: 150 },
    );
  });
});
