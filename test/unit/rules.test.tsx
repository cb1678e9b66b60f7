// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredCharte } from '../../src/core/charte/stored-charte';
import { DAY, MONTH } from '../../src/core/util/duration';
import { builtInRules } from '../../src/core/portals/domains';
import type { SiteReport } from '../../src/core/report/site-report';
import { exportReport, reportToMarkdown } from '../../src/core/report/export';
import { buildSiteReport } from '../../src/core/report/build-site-report';
import { RULES, type RuleId } from '../../src/core/report/rule-verdict';
import { RulesSection } from '../../src/popup/RulesSection';
import { Services, type UiServices } from '../../src/ui/services';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { translatorFor } from '../helpers/translate';
import { aVisit, HOST } from '../helpers/visit';

const NOW = Date.UTC(2026, 10, 30, 10);
const t = translatorFor('fr');
const status = (report: SiteReport) =>
  Object.fromEntries(report.rules.map((rule) => [rule.id, rule.why ? `${rule.status}: ${rule.why}` : rule.status]));
const named = (report: SiteReport, id: RuleId) =>
  report.rules.find((rule) => rule.id === id)?.evidence.cookies.map((cookie) => cookie.name);
const seconds = (ms: number) => ms / 1000;
const refuseAll = { ga: false, matomo: false };

afterEach(cleanup);

describe('the CNIL rules, judged from one visit', () => {
  it(
    'judges a compliant visit: nothing before the choice, the refusal honoured, ' + 'the rest said unknown with why',
    () => {
      const visit = aVisit(NOW).arrive();
      visit.wait(2_000);
      visit.choose(
        { ...refuseAll, timestamp: Math.floor(seconds(NOW)) + 2 },
        { expirationDate: seconds(visit.now()) + 6 * MONTH },
      );
      const report = visit.report();
      expect(report.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
      expect(status(report)).toEqual({
        'consent-before-trackers': 'pass',
        'refusal-honoured': 'pass',
        'refuse-as-easy': 'unknown: controlledVisit',
        'tracker-lifetime': 'pass',
        'choice-remembered': 'unknown: controlledVisit',
        'charte-complete': 'unknown: charteNotRead',
        'withdraw-anywhere': 'unknown: controlledVisit',
      });
    },
  );

  it(
    'keeps a violation it saw: a tracker written before the choice, ' +
      'removed by the refusal and written again on the next page',
    () => {
      const visit = aVisit(NOW).arrive();
      visit.wait(500);
      visit.set('_ga');
      const writtenAt = visit.now();
      expect(status(visit.report())['consent-before-trackers']).toBe('fail');
      visit.wait(1_000);
      visit.choose({ ...refuseAll, timestamp: Math.floor(seconds(visit.now())) });
      visit.remove('_ga');
      // Removed by the refusal: what was written before the choice still was.
      expect(status(visit.report())['consent-before-trackers']).toBe('fail');
      expect(visit.report().rules.find((rule) => rule.id === 'consent-before-trackers')!.evidence.cookies).toEqual([
        { name: '_ga', domain: HOST, seenAt: writtenAt, secondsLeft: null },
      ]);
      expect(status(visit.report())['refusal-honoured']).toBe('pass');
      // The page after the reload writes it again, despite the refusal: both rules say what they saw.
      visit.wait(1_000);
      visit.arrive();
      visit.set('_ga');
      expect(status(visit.report())['consent-before-trackers']).toBe('fail');
      expect(named(visit.report(), 'consent-before-trackers')).toEqual(['_ga']);
      expect(status(visit.report())['refusal-honoured']).toBe('fail');
      // A tracker removed after it was written despite the refusal still fails the refusal.
      visit.remove('_ga');
      expect(status(visit.report())['refusal-honoured']).toBe('fail');
    },
  );

  it(
    'fails « no tracker before your choice » with the cookie named, ' +
      'and « refusal honoured » when a tracker follows a refusal',
    () => {
      const early = aVisit(NOW).arrive();
      early.wait(500);
      early.set('_ga', { value: `GA1.1.1.${Math.floor(seconds(early.now()))}` });
      expect(status(early.report())['consent-before-trackers']).toBe('fail');
      expect(named(early.report(), 'consent-before-trackers')).toEqual(['_ga']);
      expect(status(early.report())['refusal-honoured']).toBe('unknown: noRefusal');

      const ignored = aVisit(NOW).arrive();
      ignored.wait(1_000);
      ignored.choose({ ...refuseAll, timestamp: Math.floor(seconds(NOW)) + 1 });
      ignored.wait(1_000);
      ignored.set('_ga');
      expect(status(ignored.report())['refusal-honoured']).toBe('fail');
      expect(named(ignored.report(), 'refusal-honoured')).toEqual(['_ga']);
    },
  );

  it('fails a tracker asked to live 25 months, and a choice kept one month', () => {
    const visit = aVisit(NOW).arrive();
    visit.wait(1_000);
    visit.choose(
      { ga: true, timestamp: Math.floor(seconds(NOW)) + 1 },
      { expirationDate: seconds(visit.now()) + MONTH },
    );
    visit.set('_ga', { expirationDate: seconds(visit.now()) + 25 * MONTH });
    const report = visit.report();
    expect(status(report)['tracker-lifetime']).toBe('fail');
    expect(named(report, 'tracker-lifetime')).toEqual(['_ga']);
    expect(status(report)['choice-remembered']).toBe('fail');
    expect(report.rules.find((rule) => rule.id === 'choice-remembered')?.evidence.record?.lifetimeSeconds).toBe(MONTH);
  });

  it('fails « the charte declares every cookie » once read, naming the missing one; judges nothing off portals', () => {
    const charte: StoredCharte = {
      cookies: [{ name: 'sessionid', provider: 'Opendatasoft', lifetime: { kind: 'fixed', seconds: 14 * DAY } }],
      unread: [],
      cutRows: 0,
      url: `https://${HOST}/terms/cookies-policy/`,
      readAt: NOW,
      source: 'fetched',
    };
    const cookies = [
      aCookie({ name: 'sessionid', expirationDate: seconds(NOW) + 13 * DAY }),
      aCookie({ name: 'csrftoken', expirationDate: seconds(NOW) + DAY }),
    ];
    const report = buildSiteReport({ host: HOST, cookies, rules: builtInRules(), nowMs: NOW, charte });
    const judged = report.rules.find((rule) => rule.id === 'charte-complete');
    expect(judged?.status).toBe('fail');
    expect(judged?.evidence.undeclared).toEqual(['csrftoken']);
    expect(judged?.evidence.charteUrl).toBe(charte.url);
    expect(buildSiteReport({ host: 'www.example.org', cookies: [], rules: builtInRules(), nowMs: NOW }).rules).toEqual(
      [],
    );
  });

  it('says the same in the popup, the Markdown and the JSON', () => {
    const visit = aVisit(NOW).arrive();
    visit.wait(500);
    visit.set('_ga');
    const report = visit.report();
    const services: UiServices = {
      t,
      locale: 'fr',
      send: () => Promise.reject(new Error('unused')),
      adapter: new FakeBrowser(),
      browser: 'firefox',
      now: () => NOW,
    };
    render(
      <Services.Provider value={services}>
        <RulesSection report={report} />
      </Services.Provider>,
    );
    expect(screen.getByText('Conformité (CNIL)')).toBeTruthy();
    const row = document.querySelector('[data-rule="consent-before-trackers"]');
    expect(row?.getAttribute('data-status')).toBe('fail');
    expect(row?.textContent).toContain('Aucun traceur avant votre choix — non respectée');
    expect(row?.textContent).toContain('Cookies : _ga');
    expect(document.querySelector('[data-rule="charte-complete"]')?.textContent).toContain(
      "impossible de juger : la charte n'a pas été lue",
    );
    const markdown = reportToMarkdown(report, t, 'fr');
    expect(markdown).toContain('## Conformité (CNIL)');
    expect(markdown).toContain('- ✘ Aucun traceur avant votre choix — non respectée');
    expect(exportReport(report).rules.find((rule) => rule.id === 'consent-before-trackers')?.status).toBe('fail');
  });
});
