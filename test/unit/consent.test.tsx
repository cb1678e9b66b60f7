// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import fc from 'fast-check';
import { anyText } from '../helpers/any-text';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConsentRecord } from '../../src/core/consent/ods-banner';
import { builtInRules } from '../../src/core/portals/domains';
import type { SiteReport } from '../../src/core/report/site-report';
import { buildSiteReport } from '../../src/core/report/build-site-report';
import { aVisit, verdictsOf } from '../helpers/visit';
import { choiceLines } from '../../src/core/report/consent-wording';
import { cookieSentences } from '../../src/core/report/wording';
import { ConsentSection } from '../../src/popup/ConsentSection';
import { Services, type UiServices } from '../../src/ui/services';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { translatorFor } from '../helpers/translate';
import { everyCookie } from '../../src/core/report/site-report';

const NOW = Date.UTC(2026, 9, 12, 10);
const t = translatorFor('fr');
const HOST = 'data.issy.com';
const prefs = (value: object) =>
  aCookie({ name: 'cookies_preferences', value: encodeURIComponent(JSON.stringify(value)) });
const ga = aCookie({ name: '_ga', domain: '.issy.com', hostOnly: false });
const gid = aCookie({ name: '_gid', domain: '.issy.com', hostOnly: false });

/** The cookies present now, with no journal: as after a browser restart, or before the extension watched. */
function reportOf(cookies: ReturnType<typeof aCookie>[]): SiteReport {
  return buildSiteReport({
    host: HOST,
    cookies,
    rules: builtInRules(),
    nowMs: NOW + 3_600_000,
    journal: { times: new Map(), arrivals: [NOW - 60_000], records: new Map() },
  });
}
const verdicts = (report: SiteReport) =>
  Object.fromEntries(
    everyCookie(report)
      .filter((c) => c.verdict)
      .map((c) => [c.cookie.name, c.verdict!.kind]),
  );
const said = (report: SiteReport, name: string) =>
  cookieSentences(everyCookie(report).find((c) => c.cookie.name === name)!, t, 'fr').verdict?.text;

afterEach(cleanup);

describe('reading the visitor’s consent record', () => {
  it('reads the portals’ format: one boolean per tracker, a timestamp in seconds or milliseconds', () => {
    expect(
      parseConsentRecord(
        encodeURIComponent('{"ga":true,"matomo":false,"functional_cookies":true,"timestamp":1760263200}'),
        NOW,
      ),
    ).toEqual({
      kind: 'record',
      at: 1760263200000,
      choices: [
        { key: 'ga', accepted: true },
        { key: 'matomo', accepted: false },
        { key: 'functional_cookies', accepted: true },
      ],
      others: [],
    });
    expect(parseConsentRecord('{"xiti":true,"timestamp":1760263200000}', NOW)).toMatchObject({
      at: 1760263200000,
      choices: [{ key: 'xiti', accepted: true }],
    });
    expect(parseConsentRecord('{"ga":true,"timestamp":1e30,"theme":"dark"}', NOW)).toMatchObject({
      at: null,
      others: [{ key: 'theme', value: '"dark"' }],
    });
    expect(parseConsentRecord(undefined, NOW)).toEqual({ kind: 'none' });
    expect(parseConsentRecord('%E0%A4%A', NOW)).toEqual({ kind: 'unreadable', raw: '%E0%A4%A' });
    expect(parseConsentRecord('necessary', NOW)).toEqual({ kind: 'unreadable', raw: 'necessary' });
  });

  it('says each choice with its date and the date it lapses, six months later', () => {
    const report = reportOf([prefs({ ga: false, matomo: true, timestamp: NOW / 1000 }), ga]);
    expect(choiceLines(report.consent!, t, 'fr').map((line) => line.replace(/\s/g, ' '))).toEqual([
      "Google Analytics : refusé le 12 octobre 2026, jusqu'au 12 avril 2027",
      "Matomo : accepté le 12 octobre 2026, jusqu'au 12 avril 2027",
    ]);
    expect(report.consent?.choices[0]?.lapsesAt).toBe(Date.UTC(2027, 3, 12, 10));
    expect(choiceLines(reportOf([gid]).consent!, t, 'fr')).toEqual([
      'Aucun choix enregistré sur ce portail.',
      'Google Analytics : pas de choix',
    ]);
  });
});

describe('the verdict on each tracker’s cookie', () => {
  it('allowed by an acceptance, red when set before any choice', () => {
    const accepted = aVisit(NOW)
      .arrive()
      .choose({ ga: true, timestamp: NOW / 1000 });
    accepted.wait(5000);
    expect(verdictsOf(accepted.set('_ga', { domain: '.issy.com', hostOnly: false }).report())).toEqual({
      _ga: 'allowed',
    });
    expect(said(reportOf([prefs({ ga: true, timestamp: NOW / 1000 }), ga]), '_ga')).toBe(
      'Autorisé par votre choix du 12 octobre 2026',
    );
    const none = reportOf([gid]);
    expect(verdicts(none)).toEqual({ _gid: 'setBeforeChoice' });
    expect(none.counts.alerts).toBe(1);
  });

  it('after a refusal: red when written after it, not when written before, and says so when nobody watched', () => {
    const after = aVisit(NOW)
      .arrive()
      .choose({ ga: false, timestamp: NOW / 1000 });
    after.wait(5000);
    after.set('_ga', { domain: '.issy.com', hostOnly: false });
    expect(verdictsOf(after.report())).toEqual({ _ga: 'setDespiteRefusal' });
    expect(said(after.report(), '_ga')).toBe('Déposé malgré votre refus du 12 octobre 2026');

    const before = aVisit(NOW).arrive().choose({ ga: true });
    before.set('_ga', { domain: '.issy.com', hostOnly: false });
    before.wait(60_000);
    before.choose({ ga: false });
    expect(verdictsOf(before.report())).toEqual({ _ga: 'stillThereAfterRefusal' });
    expect(verdicts(reportOf([prefs({ ga: false, timestamp: NOW / 1000 }), ga]))).toEqual({
      _ga: 'refusedOrderUnknown',
    });
  });

  it('counts Matomo’s own record, and gives exempt cookies no verdict', () => {
    const visit = aVisit(NOW)
      .arrive()
      .set('mtm_consent_removed', { value: String(NOW) });
    visit.wait(9000);
    visit.set('_pk_id.1.ab').set('sessionid');
    expect(verdictsOf(visit.report())).toEqual({ '_pk_id.1.ab': 'setDespiteRefusal' });
  });

  it('an unreadable record leaves every cookie explained and the choice said unreadable', () => {
    const report = reportOf([
      aCookie({ name: 'cookies_preferences', value: '%%%{' }),
      ga,
      aCookie({ name: 'sessionid' }),
    ]);
    expect(verdicts(report)).toEqual({ _ga: 'unreadableChoice' });
    expect(choiceLines(report.consent!, t, 'fr')).toEqual(['Votre choix enregistré est illisible (valeur : %%%{).']);
    expect(report.counts.total).toBe(3);
  });

  it('any value of cookies_preferences leaves the popup working and truthful', () => {
    const services: UiServices = {
      t,
      locale: 'fr',
      send: () => Promise.reject(new Error('unused')),
      adapter: new FakeBrowser(),
      browser: 'firefox',
      now: () => NOW,
    };
    const value = fc.oneof(
      anyText(300),
      fc.json({ maxDepth: 4 }).map(encodeURIComponent),
      fc
        .dictionary(
          fc.constantFrom('ga', 'matomo', 'xiti', '__proto__', 'constructor', 'timestamp', 'x'),
          fc.oneof(fc.boolean(), fc.double(), fc.string(), fc.constant(null), fc.object()),
        )
        .map((o) => encodeURIComponent(JSON.stringify(o))),
      fc.constant(encodeURIComponent(JSON.stringify({ ga: true, padding: 'x'.repeat(20_000) }))),
    );
    fc.assert(
      fc.property(value, (raw) => {
        const report = reportOf([aCookie({ name: 'cookies_preferences', value: raw }), ga]);
        const record = report.consent!.record;
        const item = everyCookie(report).find((c) => c.cookie.name === '_ga')!;
        if (record.kind === 'unreadable') expect(item.verdict?.kind).toBe('unreadableChoice');
        if (record.kind === 'record') {
          const choice = record.choices.find((c) => c.key === 'ga');
          const expected =
            choice === undefined
              ? 'setBeforeChoice'
              : choice.accepted === null
                ? 'unreadableChoice'
                : choice.accepted
                  ? 'allowed'
                  : 'refusedOrderUnknown';
          expect(item.verdict?.kind).toBe(expected);
        }
        const { container, unmount } = render(
          <Services.Provider value={services}>
            <ConsentSection report={report} />
          </Services.Provider>,
        );
        expect(container.querySelector('#consent-title')?.textContent).toBe('Vos choix sur ce portail');
        expect(container.textContent).not.toMatch(/\[object Object\]/);
        // « undefined » or « NaN » on screen only when the record itself says so (shown as it is).
        const decoded = (() => {
          try {
            return decodeURIComponent(raw);
          } catch {
            return raw;
          }
        })();
        if (!/undefined|NaN/.test(decoded)) expect(container.textContent).not.toMatch(/undefined|NaN/);
        unmount();
      }),
      { numRuns: 200 },
    );
  });
});
