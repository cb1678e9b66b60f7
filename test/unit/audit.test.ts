import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { portalOf } from '../../src/audit/inputs';
import { loadResults, saveResult } from '../../src/audit/results';
import { askedLifetime } from '../../src/audit/visit';
import { judgeAudit, type PageSeen, type PortalAudit, type VisitRecord } from '../../src/core/report/audit';
import type { ObservedCookie } from '../../src/core/cookies/cookie';
import { DAY, MONTH } from '../../src/core/util/duration';
import { aCookie } from '../helpers/cookies';
import { audited } from '../helpers/audited';
import { translatorFor } from '../helpers/translate';
import { auditHtml, html } from '../../src/audit/report-html';
import { auditMarkdown } from '../../src/audit/report-markdown';
import { RULES } from '../../src/core/report/rule-verdict';

const HOST = 'data.ville.fr';
const T0 = Date.UTC(2026, 10, 30, 9);
const SECOND = 1000;
const at = (seconds: number) => T0 + seconds * SECOND;
const expiring = (seconds: number, from: number) => from / 1000 + seconds;

const cookie = (name: string, value: string, lifetime: number, when: number): ObservedCookie =>
  aCookie({ name, value, domain: HOST, expirationDate: expiring(lifetime, when) });
const record = (matomo: boolean, when: number) =>
  cookie(
    'cookies_preferences',
    encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo, timestamp: when / 1000 })),
    182 * DAY,
    when,
  );
const visitor = (value: string, when: number, lifetime = 13 * MONTH - DAY) =>
  cookie('_pk_id.7.a1b2', value, lifetime, when);
const BANNER = { accept: 'Tout accepter', refuse: 'Tout refuser', settings: null };
const page = (url: string, when: number, banner: PageSeen['banner'] = null): PageSeen => ({
  url: `https://${HOST}${url}`,
  at: when,
  banner,
  manageControl: 'Gérer les cookies',
});

/** A visit that arrives (banner shown), refuses at 2 s, then opens a page at 4 s; `jar` says what each reading held. */
function refusingVisit(jar: {
  beforeClick: ObservedCookie[];
  afterClick: ObservedCookie[];
  nextPage: ObservedCookie[];
}): VisitRecord {
  return {
    kind: 'refuse',
    startedAt: at(0),
    readings: [
      { at: at(1), cookies: jar.beforeClick },
      { at: at(2), cookies: jar.beforeClick },
      { at: at(3), cookies: jar.afterClick },
      { at: at(4), cookies: jar.nextPage },
    ],
    choice: { at: at(2), control: 'Tout refuser', how: 'refuseAll' },
    pages: [page('/', at(1), BANNER), page('/explore/', at(4))],
    requested: [],
  };
}

const quietVisit = (kind: VisitRecord['kind'], cookies: ObservedCookie[] = []): VisitRecord => ({
  kind,
  startedAt: at(0),
  readings: [{ at: at(1), cookies }],
  choice: null,
  pages: [page('/', at(1), BANNER)],
  requested: [],
});

const audit = (visits: Partial<PortalAudit['visits']>): PortalAudit => ({
  host: HOST,
  charte: null,
  visits: { arrive: quietVisit('arrive'), refuse: quietVisit('refuse'), accept: quietVisit('accept'), ...visits },
});
const status = (judged: ReturnType<typeof judgeAudit>, id: string) => judged.rules.find((rule) => rule.id === id);

describe('the audit judges from its readings, and never accuses beyond them', () => {
  it(
    'a tracker that appears in the same reading as the refusal is given the benefit of the doubt; ' +
      'written again on the next page, it is accused, and named',
    () => {
      const refused = record(false, at(2));
      const sameReading = judgeAudit(
        audit({
          refuse: refusingVisit({
            beforeClick: [],
            afterClick: [refused, visitor('a.1', at(2))],
            nextPage: [refused, visitor('a.1', at(2))],
          }),
        }),
      );
      expect(status(sameReading, 'refusal-honoured')).toMatchObject({ status: 'pass' });

      const rewritten = judgeAudit(
        audit({
          refuse: refusingVisit({
            beforeClick: [],
            afterClick: [refused, visitor('a.1', at(2))],
            nextPage: [refused, visitor('a.2', at(4))],
          }),
        }),
      );
      expect(status(rewritten, 'refusal-honoured')).toMatchObject({
        status: 'fail',
        evidence: { cookies: [{ name: '_pk_id.7.a1b2', seenAt: at(3) }] },
      });
    },
  );

  it('a tracker on arrival fails consent-before-trackers; none passes it', () => {
    expect(
      status(judgeAudit(audit({ arrive: quietVisit('arrive', [visitor('a.1', at(1))]) })), 'consent-before-trackers'),
    ).toMatchObject({ status: 'fail' });
    expect(status(judgeAudit(audit({})), 'consent-before-trackers')).toMatchObject({ status: 'pass' });
  });

  it('the first layer without refusal fails refuse-as-easy; no banner at all cannot be judged', () => {
    const noRefusal = quietVisit('arrive');
    noRefusal.pages = [page('/', at(1), { accept: 'Tout accepter', refuse: null, settings: 'Personnaliser' })];
    expect(status(judgeAudit(audit({ arrive: noRefusal })), 'refuse-as-easy')).toMatchObject({
      status: 'fail',
      evidence: { banner: { refuse: null } },
    });
    const noBanner = quietVisit('arrive');
    noBanner.pages = [page('/', at(1))];
    expect(status(judgeAudit(audit({ arrive: noBanner })), 'refuse-as-easy')).toMatchObject({
      status: 'unknown',
      why: 'noBanner',
    });
  });

  it('tracker-lifetime reads what the portal asked (Set-Cookie), past what the browser keeps', () => {
    const accepting = quietVisit('accept', [visitor('a.1', at(1), 400 * DAY)]);
    expect(
      status(
        judgeAudit(audit({ accept: { ...accepting, readings: [{ at: at(1), cookies: [visitor('a.1', at(1))] }] } })),
        'tracker-lifetime',
      ),
    ).toMatchObject({ status: 'pass' });
    accepting.requested = [{ name: '_pk_id.7.a1b2', domain: HOST, seconds: 25 * MONTH }];
    accepting.readings = [{ at: at(1), cookies: [visitor('a.1', at(1))] }];
    expect(status(judgeAudit(audit({ accept: accepting })), 'tracker-lifetime')).toMatchObject({
      status: 'fail',
      evidence: { cookies: [{ name: '_pk_id.7.a1b2', requestedSeconds: 25 * MONTH }] },
    });
  });

  it('the banner back on a page after the choice fails choice-remembered, with the page', () => {
    const refused = record(false, at(2));
    const visit = refusingVisit({ beforeClick: [], afterClick: [refused], nextPage: [refused] });
    expect(status(judgeAudit(audit({ refuse: visit })), 'choice-remembered')).toMatchObject({ status: 'pass' });
    visit.pages[1] = page('/explore/', at(4), BANNER);
    expect(status(judgeAudit(audit({ refuse: visit })), 'choice-remembered')).toMatchObject({
      status: 'fail',
      evidence: { pages: [`https://${HOST}/explore/`] },
    });
  });
});

describe('what a Set-Cookie header asks', () => {
  it('Max-Age wins over Expires; Expires counts from the answer; session cookies and nonsense ask nothing', () => {
    expect(
      askedLifetime('_ga=1; Max-Age=63072000; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Domain=.ville.fr', T0),
    ).toEqual({ name: '_ga', domain: 'ville.fr', seconds: 63072000 });
    expect(askedLifetime(`x=1; expires=${new Date(T0 + 3600 * SECOND).toUTCString()}`, T0)).toEqual({
      name: 'x',
      domain: null,
      seconds: 3600,
    });
    expect(askedLifetime('sessionid=1; HttpOnly', T0)).toBeNull();
    expect(askedLifetime('=1; Max-Age=10', T0)).toBeNull();
    expect(askedLifetime('x=1; Max-Age=ten', T0)).toBeNull();
  });
});

describe('the portals an audit is asked for', () => {
  it('a host name is an https portal; an address keeps its scheme and path; anything else is refused', () => {
    expect(portalOf('Data.Issy.com')).toEqual({ host: 'data.issy.com', url: 'https://data.issy.com/' });
    expect(portalOf('http://data.issy.com/explore/?q=1')).toEqual({
      host: 'data.issy.com',
      url: 'http://data.issy.com/explore/?q=1',
    });
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'a b', '', 'https://'])
      expect(portalOf(bad)).toBeNull();
  });
});

describe('the audit directory', () => {
  let out: string | undefined;
  afterEach(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('a damaged, half-written or misshapen portal file is not taken as done, and breaks nothing', async () => {
    out = mkdtempSync(join(tmpdir(), 'cookies-ods-audit-unit-'));
    const done = audited('a.fr', T0, false);
    await saveResult(out, done);
    writeFileSync(join(out, 'portals', 'b.fr.json'), '{"host": "b.fr", "audi');
    writeFileSync(join(out, 'portals', 'c.fr.json.123.1.part'), '{');
    // Shaped as JSON, not as a result (docs/audit.schema.json): redone, never a crash of every rerun.
    writeFileSync(
      join(out, 'portals', 'd.fr.json'),
      JSON.stringify({ ...done, host: 'd.fr', auditedAt: 'not a date' }),
    );
    writeFileSync(
      join(out, 'portals', 'e.fr.json'),
      JSON.stringify({ ...done, host: 'e.fr', rules: done.rules.map(({ evidence: _, ...rule }) => rule) }),
    );
    const { results, unreadable } = await loadResults(out);
    expect([...results.keys()]).toEqual(['a.fr']);
    expect(unreadable.sort()).toEqual(['b.fr.json', 'd.fr.json', 'e.fr.json']);
  });

  it('names the file of an over-long host name within what a file system takes, and reads it back', async () => {
    out = mkdtempSync(join(tmpdir(), 'cookies-ods-audit-unit-'));
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(40)}.fr`;
    await saveResult(out, audited(host, T0, false));
    const [name] = readdirSync(join(out, 'portals'));
    expect(Buffer.byteLength(name!)).toBeLessThanOrEqual(100);
    expect([...(await loadResults(out)).results.keys()]).toEqual([host]);
  });
});

describe('the audit’s reports', () => {
  const t = translatorFor('fr');
  it(
    'put each verdict in its rule’s column whatever order the file holds them in, ' +
      'and say what the marks and the CNIL say',
    () => {
      const result = audited('data.ville.fr', T0, true);
      const shuffled = { ...result, rules: [...result.rules].reverse() };
      expect(auditHtml([shuffled], t)).toBe(auditHtml([result], t));
      expect(auditMarkdown([shuffled], t)).toBe(auditMarkdown([result], t));
      const page = auditHtml([result], t);
      expect(page).toContain('✔ respectée · ✘ non respectée · ? impossible de juger');
      expect(page).toContain('en rouge chaque écriture d&#39;un traceur');
      for (const rule of RULES) expect(page).toContain(html(t(rule.basis)));
      expect(auditMarkdown([result], t)).toContain(`## Les règles et ce qu'en dit la CNIL`);
    },
  );
});
