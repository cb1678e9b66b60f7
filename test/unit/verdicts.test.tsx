// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/preact';
import { choiceLines, timeline } from '../../src/core/report/consent-wording';
import { ConsentSection } from '../../src/popup/ConsentSection';
import { Services } from '../../src/ui/services';
import { FakeBrowser } from '../helpers/fake-browser';
import { ALERT_VERDICTS } from '../../src/core/report/site-report';
import { cookieSentences } from '../../src/core/report/wording';
import { translatorFor } from '../helpers/translate';
import { aVisit, verdictsOf, type Visit } from '../helpers/visit';
import { everyCookie } from '../../src/core/report/site-report';

// The sequences of « Verdicts a DPO can put in a register », step by step as the browser tells
// them: the journal is folded from the same events the background hears.

const NOW = Date.UTC(2026, 10, 30, 9);
const t = translatorFor('fr');
const GA = { domain: '.issy.com', hostOnly: false };
const said = (visit: Visit, name: string, path = '/') => {
  const item = everyCookie(visit.report(path)).find((cookie) => cookie.cookie.name === name);
  return item && cookieSentences(item, t, 'fr').verdict?.text;
};

describe('a routine re-save accuses nobody', () => {
  const acceptedThenGa = () => {
    const visit = aVisit(NOW)
      .arrive()
      .choose({ ga: true, timestamp: NOW / 1000 });
    visit.wait(300);
    return visit.set('_ga', GA);
  };

  it('the portal writes the same record again 4 s later: still « Autorisé »', () => {
    const visit = acceptedThenGa();
    visit.wait(4000);
    visit.choose({ ga: true, timestamp: visit.now() / 1000 });
    visit.wait(1000);
    visit.set('_ga', { ...GA, value: 'GA1.1.2.2' });
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'allowed' });
    expect(visit.report().counts.alerts).toBe(0);
  });

  it(
    'another page re-saves the choice as a removal then the same record, _ga written in between: ' +
      'still « Autorisé »',
    () => {
      const visit = acceptedThenGa();
      visit.wait(4000);
      visit.remove('cookies_preferences');
      visit.wait(5);
      visit.set('_ga', { ...GA, value: `GA1.1.4.${Math.floor(visit.now() / 1000)}` });
      visit.wait(5);
      visit.choose({ ga: true, timestamp: visit.now() / 1000 });
      expect(verdictsOf(visit.report())).toEqual({ _ga: 'allowed' });
      expect(visit.report().counts.alerts).toBe(0);
    },
  );

  it('a record withdrawn for longer than a re-save: _ga written meanwhile was written before any choice', () => {
    const visit = acceptedThenGa();
    visit.wait(4000);
    visit.remove('cookies_preferences');
    visit.wait(3000);
    visit.set('_ga', { ...GA, value: 'GA1.1.5.5' });
    visit.wait(3000);
    visit.choose({ ga: true, timestamp: visit.now() / 1000 });
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'setBeforeAcceptance' });
  });

  it('Matomo writes its own record: Google Analytics’ verdict does not move', () => {
    const visit = acceptedThenGa();
    visit.wait(2000);
    visit.set('mtm_consent', { value: String(visit.now()) });
    visit.wait(1000);
    visit.set('_ga', { ...GA, value: 'GA1.1.3.3' });
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'allowed' });
  });

  it('the site cleared, the visitor comes back and accepts again, _ga 0.3 s later: « Autorisé », no « ! »', () => {
    const visit = acceptedThenGa();
    visit.wait(10_000);
    visit.clearAll();
    visit.wait(5000);
    visit.arrive().choose({ ga: true, timestamp: visit.now() / 1000 });
    visit.wait(300);
    visit.set('_ga', GA);
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'allowed' });
    expect(visit.report().counts.alerts).toBe(0);
  });

  it('the mirror: refused, _ga 2.5 s later, the refusal re-saved: still red', () => {
    const visit = aVisit(NOW)
      .arrive()
      .choose({ ga: false, timestamp: NOW / 1000 });
    visit.wait(2500);
    visit.set('_ga', GA);
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'setDespiteRefusal' });
    visit.wait(4000);
    visit.choose({ ga: false, timestamp: visit.now() / 1000 });
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'setDespiteRefusal' });
    expect(said(visit, '_ga')).toBe('Déposé malgré votre refus du 30 novembre 2026');
    expect(visit.report().counts.alerts).toBe(1);
  });

  it('a choice changed to refusal while _ga stays: « toujours présent », not red; written again after it: red', () => {
    const visit = acceptedThenGa();
    visit.wait(60_000);
    visit.choose({ ga: false });
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'stillThereAfterRefusal' });
    visit.wait(1);
    visit.set('_ga', { ...GA, value: 'again' });
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'setDespiteRefusal' });
  });
});

describe('the record the page receives, and no other', () => {
  it(
    'a refusal on Path=/ and an acceptance on Path=/explore: « / » reads the refusal, ' + '« /explore » the acceptance',
    () => {
      const visit = aVisit(NOW).arrive().choose({ ga: false }).choose({ ga: true }, { path: '/explore' });
      visit.wait(2000);
      visit.set('_ga', GA);
      expect(choiceLines(visit.report('/').consent!, t, 'fr')[0]).toMatch(/^Google Analytics : refusé le/);
      expect(verdictsOf(visit.report('/'))).toEqual({ _ga: 'setDespiteRefusal' });
      expect(verdictsOf(visit.report('/explore/dataset/x'))).toEqual({ _ga: 'allowed' });
      // `/explorer` is not under `/explore`.
      expect(verdictsOf(visit.report('/explorer'))).toEqual({ _ga: 'setDespiteRefusal' });
    },
  );

  it('a record on the parent domain, which the browser sends, is read', () => {
    const visit = aVisit(NOW).arrive().choose({ ga: false }, { domain: '.issy.com', hostOnly: false });
    visit.wait(2000);
    visit.set('_ga', GA);
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'setDespiteRefusal' });
  });

  it('a record on another host, or a host-only one of the parent, is not the page’s', () => {
    const visit = aVisit(NOW)
      .arrive()
      .choose({ ga: true }, { domain: 'www.data.issy.com' })
      .choose({ ga: true }, { domain: 'issy.com', hostOnly: true });
    visit.wait(2000);
    visit.set('_ga', GA);
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'setBeforeChoice' });
  });
});

describe('records read strictly', () => {
  it('reads a choice after forty other keys (integer-like keys sort first)', () => {
    const many = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [String(i), true]));
    const visit = aVisit(NOW)
      .arrive()
      .choose({ ...many, ga: true });
    visit.wait(1000);
    visit.set('_ga', GA);
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'allowed' });
  });

  it('"true" as a string is no choice anyone can read: « impossible de dire », never red', () => {
    for (const value of ['true', 'false', 1, null]) {
      const visit = aVisit(NOW).arrive().choose({ ga: value });
      visit.wait(1000);
      visit.set('_ga', GA);
      expect(verdictsOf(visit.report())).toEqual({ _ga: 'unreadableChoice' });
      expect(visit.report().counts.alerts).toBe(0);
      expect(choiceLines(visit.report().consent!, t, 'fr')).toContain(
        "Google Analytics : choix illisible (la valeur enregistrée n'est ni oui ni non)",
      );
    }
  });

  it('a date in 2099, or before 2000, is not believed, even when the journal has no time of its own', () => {
    const visit = aVisit(NOW)
      .choose({ ga: true, timestamp: Date.UTC(2099, 0, 1) / 1000 })
      .set('_ga', GA)
      .forgetJournal();
    expect(choiceLines(visit.report().consent!, t, 'fr')).toEqual(['Google Analytics : accepté (date inconnue)']);
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'allowed' });
    expect(said(visit, '_ga')).toBe('Autorisé par votre choix');
    const old = aVisit(NOW).choose({ ga: false, timestamp: 1 }).set('_ga', GA).forgetJournal();
    expect(choiceLines(old.report().consent!, t, 'fr')).toEqual(['Google Analytics : refusé (date inconnue)']);
    expect(verdictsOf(old.report())).toEqual({ _ga: 'refusedOrderUnknown' });
  });

  it('AT Internet under two of its names saying two things: not readable', () => {
    const visit = aVisit(NOW).arrive().choose({ xiti: true, piano: false });
    visit.wait(1000);
    visit.set('atuserid');
    expect(verdictsOf(visit.report())).toEqual({ atuserid: 'unreadableChoice' });
  });
});

describe('a red verdict is exactly a value written against the choice in force', () => {
  type Step =
    | { kind: 'choose'; ga: boolean }
    | { kind: 'unchoose' }
    | { kind: 'set' }
    | { kind: 'remove' }
    | { kind: 'path'; ga: boolean };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('choose' as const), ga: fc.boolean() }),
    fc.constant({ kind: 'unchoose' as const }),
    fc.constant({ kind: 'set' as const }),
    fc.constant({ kind: 'set' as const }),
    fc.constant({ kind: 'remove' as const }),
    // A record the page at « / » never receives.
    fc.record({ kind: fc.constant('path' as const), ga: fc.boolean() }),
  );

  it(
    'for any sequence of record writes (same or changed choice), tracker writes and removals, ' +
      'whatever the clocks say',
    () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(step, fc.integer({ min: 0, max: 3000 })), { maxLength: 30 }), (steps) => {
          const visit = aVisit(NOW).arrive();
          /** The model: the choice in force at « / », and what each write of the present _ga was written under. */
          let inForce: boolean | undefined;
          let life: Array<boolean | undefined> | undefined;
          for (const [action, gap] of steps) {
            visit.wait(gap);
            if (action.kind === 'choose') {
              visit.choose({ ga: action.ga, timestamp: visit.now() / 1000 });
              inForce = action.ga;
            } else if (action.kind === 'unchoose') {
              visit.remove('cookies_preferences', { path: '/' });
              inForce = undefined;
            } else if (action.kind === 'path') visit.choose({ ga: action.ga }, { path: '/explore' });
            else if (action.kind === 'set') {
              visit.set('_ga', { ...GA, value: `GA1.1.${visit.now()}` });
              life = [...(life ?? []), inForce];
            } else {
              visit.remove('_ga', { domain: GA.domain });
              life = undefined;
            }
          }
          const item = everyCookie(visit.report('/')).find((cookie) => cookie.cookie.name === '_ga');
          expect(item === undefined).toBe(life === undefined);
          if (!item || !life) return;
          const wrongful = life.some((choice) => choice !== true);
          expect(ALERT_VERDICTS.has(item.verdict!.kind), `${item.verdict!.kind} after ${JSON.stringify(steps)}`).toBe(
            wrongful,
          );
        }),
        { numRuns: 300 },
      );
    },
  );
});

describe('a tracker dated by its own value, where the journal did not watch', () => {
  const refusedAt = NOW + 500;
  const afterRestart = (name: string, value: string, overrides = {}) =>
    aVisit(NOW)
      .choose({ ga: false, matomo: false, timestamp: refusedAt / 1000 })
      .set(name, { value, ...overrides })
      .forgetJournal()
      .report('/', NOW + 3_600_000);
  const seconds = (ms: number) => Math.floor(ms / 1000);

  it(
    '_ga created after the refusal: « déposé malgré votre refus »; created before and still there: ' +
      '« toujours présent »',
    () => {
      expect(verdictsOf(afterRestart('_ga', `GA1.1.123456789.${seconds(refusedAt + 60_000)}`, GA))).toEqual({
        _ga: 'setDespiteRefusal',
      });
      expect(verdictsOf(afterRestart('_ga', `GA1.1.123456789.${seconds(refusedAt - 60_000)}`, GA))).toEqual({
        _ga: 'stillThereAfterRefusal',
      });
      // Within the second of the refusal, a value in seconds cannot tell.
      expect(verdictsOf(afterRestart('_ga', `GA1.1.123456789.${seconds(refusedAt)}`, GA))).toEqual({
        _ga: 'refusedOrderUnknown',
      });
    },
  );

  it('Matomo’s _pk_id in seconds; a value that does not parse, or dates itself in the future, changes nothing', () => {
    expect(verdictsOf(afterRestart('_pk_id.1.d3m0', `0123456789abcdef.${seconds(refusedAt + 5000)}`))).toEqual({
      '_pk_id.1.d3m0': 'setDespiteRefusal',
    });
    expect(verdictsOf(afterRestart('_ga', 'GA1.1.garbage', GA))).toEqual({ _ga: 'refusedOrderUnknown' });
    expect(verdictsOf(afterRestart('_ga', `GA1.1.1.${seconds(Date.UTC(2099, 0, 1))}`, GA))).toEqual({
      _ga: 'refusedOrderUnknown',
    });
  });

  it('never dates against an acceptance: a tracker keeps its creation date across choices that lapsed', () => {
    const visit = aVisit(NOW)
      .choose({ ga: true, timestamp: NOW / 1000 })
      .set('_ga', { value: `GA1.1.1.${seconds(NOW - 200 * 86_400_000)}`, ...GA })
      .forgetJournal();
    expect(verdictsOf(visit.report())).toEqual({ _ga: 'allowed' });
  });
});

describe('the visit’s timeline', () => {
  it('puts the cookies a page load brought after its arrival, and moments a millisecond apart at one place', () => {
    // The browser tells the cookies of the page's answer a moment before the page starts loading.
    const visit = aVisit(NOW).set('_pk_id.1.ab', { value: '0123456789abcdef.1' });
    visit.wait(3);
    visit.arrive();
    visit.wait(1);
    visit.set('_ga', GA);
    const moments = timeline(visit.report(), t, 'fr');
    expect(moments.map((moment) => moment.text)).toEqual([
      'au début : arrivée sur le portail',
      'au début : _pk_id.1.ab déposé',
      'au début : _ga déposé',
    ]);
    render(
      <Services.Provider
        value={{
          t,
          locale: 'fr',
          send: () => Promise.reject(new Error('unused')),
          adapter: new FakeBrowser(),
          browser: 'firefox',
          now: () => NOW,
        }}
      >
        <ConsentSection report={visit.report()} />
      </Services.Provider>,
    );
    const xs = [...document.querySelectorAll('circle')].map((circle) => Number(circle.getAttribute('cx')));
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(1);
  });
});

describe('Matomo’s own record', () => {
  it('mtm_cookie_consent is a consent, mtm_consent_removed a withdrawal that wins over it', () => {
    const consented = aVisit(NOW)
      .arrive()
      .set('mtm_cookie_consent', { value: String(NOW) });
    consented.wait(1000);
    expect(verdictsOf(consented.set('_pk_id.1.ab').report())).toEqual({ '_pk_id.1.ab': 'allowed' });
    const withdrawn = aVisit(NOW)
      .arrive()
      .set('mtm_cookie_consent', { value: String(NOW) })
      .set('mtm_consent_removed', { value: String(NOW) });
    withdrawn.wait(1000);
    expect(verdictsOf(withdrawn.set('_pk_id.1.ab').report())).toEqual({ '_pk_id.1.ab': 'setDespiteRefusal' });
  });
});
