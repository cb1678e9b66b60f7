import fc from 'fast-check';
import { anyText, anyWebAddress } from '../helpers/any-text';
import { everyCookie } from '../../src/core/report/site-report';
import { describe, expect, it } from 'vitest';
import { DAY, WEEK, YEAR } from '../../src/core/util/duration';
import { builtInRules } from '../../src/core/portals/domains';
import { matchCookie } from '../../src/core/catalogue/match';
import type { SiteReport } from '../../src/core/report/site-report';
import { buildSiteReport } from '../../src/core/report/build-site-report';
import type { DeclaredCookie } from '../../src/core/charte/charte';
import type { StoredCharte } from '../../src/core/charte/stored-charte';
import { aCookie } from '../helpers/cookies';

const NOW = Date.UTC(2026, 10, 25, 12);
const rules = builtInRules();
const inSeconds = (s: number) => NOW / 1000 + s;
const charteOf = (cookies: DeclaredCookie[]): StoredCharte => ({
  cookies,
  unread: [],
  cutRows: 0,
  url: 'https://data.issy.com/terms/cookies-policy/',
  readAt: NOW,
  source: 'fetched',
});
const names = (report: SiteReport) => everyCookie(report).map((c) => c.cookie.name);

describe('matching', () => {
  it('is exact and case-sensitive', () => {
    expect(matchCookie('sessionid', true)?.id).toBe('sessionid');
    expect(matchCookie('SessionId', true)).toBeUndefined();
    expect(matchCookie('sessionid2', true)).toBeUndefined();
  });

  it('recognises name families by pattern', () => {
    expect(matchCookie('_ga_ABC123', true)?.provider).toBe('Google Analytics');
    expect(matchCookie('_pk_id.3.1fff', true)?.provider).toBe('Matomo');
    expect(matchCookie('_ga_', true)).toBeUndefined();
  });

  it('explains Opendatasoft cookies only on portals', () => {
    expect(matchCookie('sessionid', false)).toBeUndefined();
    expect(matchCookie('_ga', false)?.id).toBe('ga');
  });
});

describe('site report', () => {
  const portalCookies = [
    aCookie({ name: 'sessionid', httpOnly: true, expirationDate: inSeconds(2 * WEEK) }),
    aCookie({ name: 'csrftoken', expirationDate: inSeconds(52 * WEEK) }),
    aCookie({ name: 'cookies_preferences', expirationDate: inSeconds(182 * DAY) }),
    aCookie({ name: 'django_language', expirationDate: inSeconds(365 * DAY) }),
  ];

  it('groups the four portal cookies by category with no flag', () => {
    const report = buildSiteReport({ host: 'data.issy.com', cookies: portalCookies, rules, nowMs: NOW });
    expect(report.isPortal).toBe(true);
    expect(report.own.map((g) => g.group)).toEqual(['necessary', 'preferences']);
    expect(names(report)).toEqual(['cookies_preferences', 'csrftoken', 'sessionid', 'django_language']);
    expect(report.counts).toMatchObject({
      total: 4,
      alerts: 0,
      undeclared: 0,
      notInStandardCharte: 0,
      parentDomain: 0,
    });
    expect(report.own.flatMap((g) => g.cookies.map((c) => c.declaration))).toEqual(Array(4).fill('standardCharte'));
  });

  it('before the portal’s charte is read, says what the standard charte lacks without accusing', () => {
    const cookies = [
      ...portalCookies,
      aCookie({ name: '_ga', expirationDate: inSeconds(2 * YEAR) }),
      aCookie({ name: '<img src=x>' }),
    ];
    const report = buildSiteReport({ host: 'data.issy.com', cookies, rules, nowMs: NOW });
    const ga = report.own.find((g) => g.group === 'audience')?.cookies[0];
    expect(ga?.flags).toEqual(['notInStandardCharte', 'beyondCnil', 'needsConsent']);
    expect(ga?.declaredLifetime).toMatchObject({ source: 'vendor', lifetime: { seconds: 2 * YEAR } });
    const unknown = report.own.find((g) => g.group === 'unknown')?.cookies[0];
    expect(unknown?.cookie.name).toBe('<img src=x>');
    expect(unknown?.flags).toEqual(['notInStandardCharte']);
    expect(report.counts).toMatchObject({ undeclared: 0, alerts: 0, notInStandardCharte: 2 });
  });

  it('flags a portal cookie kept longer than the charte says', () => {
    const report = buildSiteReport({
      host: 'data.issy.com',
      cookies: [aCookie({ name: 'sessionid', expirationDate: inSeconds(30 * DAY) })],
      rules,
      nowMs: NOW,
    });
    expect(report.own[0]?.cookies[0]?.flags).toEqual(['outlivesDeclared']);
  });

  it('keeps parent-domain cookies apart and ignores other sites', () => {
    const cookies = [
      aCookie({ name: 'shared', domain: '.issy.com', hostOnly: false }),
      aCookie({ name: 'hostonly-parent', domain: 'issy.com', hostOnly: true }),
      aCookie({ name: 'other', domain: 'www.example.org' }),
      aCookie({ name: 'sub', domain: '.api.data.issy.com', hostOnly: false }),
    ];
    const report = buildSiteReport({ host: 'data.issy.com', cookies, rules, nowMs: NOW });
    expect(names(report).sort()).toEqual(['shared', 'sub']);
    expect(report.own.flatMap((g) => g.cookies.map((c) => c.cookie.name))).toEqual(['sub']);
    expect(report.shared).toMatchObject({ parents: ['issy.com'], cookies: [{ cookie: { name: 'shared' } }] });
    expect(report.counts.parentDomain).toBe(1);
  });

  it('compares with what the portal itself declares when that is known', () => {
    const report = buildSiteReport({
      host: 'data.issy.com',
      cookies: [
        aCookie({ name: '_pk_id.1.abc', expirationDate: inSeconds(DAY) }),
        aCookie({ name: 'sessionid', expirationDate: inSeconds(DAY) }),
      ],
      rules,
      nowMs: NOW,
      charte: charteOf([{ name: '_pk_id', provider: 'Matomo', lifetime: { kind: 'unknown' } }]),
    });
    const flagsByName = Object.fromEntries(report.own.flatMap((g) => g.cookies.map((c) => [c.cookie.name, c.flags])));
    expect(flagsByName).toEqual({ '_pk_id.1.abc': [], sessionid: ['undeclared'] });
    // Matomo's cookie is declared, but set with no choice recorded: both rows are red.
    expect(report.counts).toMatchObject({ alerts: 2, undeclared: 1 });
    expect(report.comparison).toEqual({
      declaredAndSet: ['_pk_id'],
      declaredNotSet: [],
      setNotDeclared: ['sessionid'],
    });
  });

  it('measures a cookie against the lifetime the portal’s own charte gives', () => {
    const report = buildSiteReport({
      host: 'data.issy.com',
      cookies: [aCookie({ name: 'sessionid', expirationDate: inSeconds(10 * DAY) })],
      rules,
      nowMs: NOW,
      charte: charteOf([{ name: 'sessionid', provider: 'Opendatasoft', lifetime: { kind: 'fixed', seconds: DAY } }]),
    });
    expect(report.own[0]?.cookies[0]?.flags).toEqual(['outlivesDeclared']);
    expect(report.own[0]?.cookies[0]?.declaredLifetime).toEqual({
      lifetime: { kind: 'fixed', seconds: DAY },
      source: 'portalCharte',
      wording: null,
    });
  });

  it('on a site that is not a portal, explains only what is known everywhere', () => {
    const report = buildSiteReport({
      host: 'www.example.org',
      cookies: [aCookie({ domain: 'www.example.org' })],
      rules,
      nowMs: NOW,
    });
    expect(report.isPortal).toBe(false);
    expect(report.own[0]?.group).toBe('unknown');
    expect(report.counts.undeclared).toBe(0);
  });

  it('never throws, whatever the host string', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(80), fc.domain(), anyWebAddress()), (host) => {
        const report = buildSiteReport({ host, cookies: [aCookie({ domain: host })], rules, nowMs: NOW });
        expect(report.counts.total).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and never depends on cookie values, whatever the names, values and expiries', () => {
    const hostile = anyText(64);
    fc.assert(
      fc.property(
        hostile,
        hostile,
        hostile,
        fc.oneof(fc.double(), fc.constant(Number.NaN)),
        fc.constantFrom('data.issy.com', '.issy.com', 'x.data.issy.com', 'evil.org', ''),
        (name, value, otherValue, expiry, domain) => {
          const one = aCookie({ name, value, domain, hostOnly: !domain.startsWith('.'), expirationDate: expiry });
          const a = buildSiteReport({ host: 'data.issy.com', cookies: [one], rules, nowMs: NOW });
          const b = buildSiteReport({
            host: 'data.issy.com',
            cookies: [{ ...one, value: otherValue }],
            rules,
            nowMs: NOW,
          });
          const strip = (r: SiteReport) => r.own.map((g) => [g.group, g.cookies.map((c) => [c.entry?.id, c.flags])]);
          expect(strip(a)).toEqual(strip(b));
        },
      ),
      { numRuns: 750 },
    );
  });
});

describe('one portal lookup: the index, everywhere', () => {
  it('reads none of 5 000 portals to build a report once their index is made', () => {
    const rules = Array.from({ length: 5000 }, (_, i) => ({
      pattern: `p${i}.exemple.fr`,
      enabled: true,
      builtIn: false,
    }));
    let reads = 0;
    const counted = new Proxy(rules, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    buildSiteReport({ host: 'p0.exemple.fr', cookies: [], rules: counted, nowMs: NOW });
    reads = 0;
    const report = buildSiteReport({
      host: 'p4999.exemple.fr',
      cookies: [aCookie({ name: 'sessionid', domain: 'p4999.exemple.fr' })],
      rules: counted,
      nowMs: NOW,
    });
    expect(report.isPortal).toBe(true);
    expect(reads).toBe(0);
  });
});
