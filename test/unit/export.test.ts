import { describe, expect, it } from 'vitest';
import { compareWithCharte, declarationIn, loadStoredCharte, type StoredCharte } from '../../src/core/compare';
import { DAY, WEEK, YEAR } from '../../src/core/duration';
import { builtInRules } from '../../src/core/domains';
import { escapeMarkdown, exportReport, reportToMarkdown } from '../../src/core/export';
import { buildSiteReport } from '../../src/core/report';
import { aCookie } from '../helpers/cookies';
import { translatorFor } from '../helpers/translate';

const NOW = Date.UTC(2026, 10, 25, 12);
const t = translatorFor('fr');
const at = (s: number) => NOW / 1000 + s;
const charte: StoredCharte = {
  cookies: [
    { name: 'sessionid', provider: 'Opendatasoft', lifetimeWording: '2 semaines par défaut', lifetime: { kind: 'fixed', seconds: 2 * WEEK } },
    { name: '_pk_id.*', provider: 'Matomo', lifetime: { kind: 'unknown' } },
    { name: 'django_language', provider: 'Opendatasoft', lifetime: { kind: 'unknown' } },
  ],
  unread: [{ cells: ['Google', '', 'Mesure'], reason: 'noName' }],
  url: 'https://data.issy.com/terms/cookies-policy/',
  readAt: NOW - DAY,
  source: 'fetched',
};
const cookies = [
  aCookie({ name: 'sessionid', httpOnly: true, expirationDate: at(2 * WEEK) }),
  aCookie({ name: '_pk_id.1.abc', expirationDate: at(300 * DAY) }),
  aCookie({ name: '_ga', expirationDate: at(2 * YEAR) }),
  aCookie({ name: '<img src=x onerror=alert(1)>|`*', expirationDate: at(DAY) }),
];

function reportWithCharte() {
  return buildSiteReport({ host: 'data.issy.com', cookies, rules: builtInRules(), nowMs: NOW, declarationOf: declarationIn(charte) });
}

describe('comparing with the portal’s own charte', () => {
  it('sorts cookies into declared and set, declared but absent, set but undeclared', () => {
    const comparison = compareWithCharte(reportWithCharte(), charte);
    expect(comparison.declaredAndSet.map(({ declared, cookies: set }) => [declared.name, set.map((c) => c.cookie.name)])).toEqual([
      ['sessionid', ['sessionid']],
      ['_pk_id.*', ['_pk_id.1.abc']],
    ]);
    expect(comparison.declaredNotSet.map((d) => d.name)).toEqual(['django_language']);
    expect(comparison.setNotDeclared.map((c) => c.cookie.name).sort()).toEqual(['<img src=x onerror=alert(1)>|`*', '_ga']);
  });

  it('reads back only well-formed stored chartes', () => {
    expect(loadStoredCharte(structuredClone(charte))).toEqual(charte);
    expect(loadStoredCharte({ cookies: 'x' })).toBeNull();
    expect(loadStoredCharte(null)).toBeNull();
  });
});

describe('the exported report', () => {
  it('carries, for each cookie, category, provider, declared and observed lifetime, and the flags', () => {
    const data = exportReport(reportWithCharte(), charte, t, 'fr');
    expect(data.summary).toEqual({ total: 4, undeclared: 2, outlivesDeclared: 0, beyondCnil: 1, needsConsent: 1, parentDomain: 0 });
    const ga = data.cookies.find((c) => c.name === '_ga');
    expect(ga).toMatchObject({
      category: "Mesure d'audience",
      provider: 'Google Analytics',
      service: "Mesure d'audience",
      consent: 'required',
      flags: ['undeclared', 'beyondCnil', 'needsConsent'],
    });
    expect(data.cookies.find((c) => c.name === 'sessionid')?.declaredLifetime).toMatchObject({ seconds: 2 * WEEK, wording: '2 semaines par défaut' });
    expect(data.comparison).toEqual({ declaredAndSet: ['sessionid', '_pk_id.*'], declaredNotSet: ['django_language'], setNotDeclared: ['_ga', '<img src=x onerror=alert(1)>|`*'] });
    expect(data.charte).toMatchObject({ source: 'portal', unreadRows: [['Google', '', 'Mesure']] });
  });

  it('writes Markdown a viewer cannot mistake for markup, one table row per cookie', () => {
    const markdown = reportToMarkdown(exportReport(reportWithCharte(), charte, t, 'fr'), t, 'fr');
    expect(markdown).toContain('# Cookies de data\\.issy\\.com');
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
    expect(markdown).toContain('\\<img src=x onerror=alert\\(1\\)\\>\\|\\`\\*');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.includes('---'));
    expect(rows).toHaveLength(1 + cookies.length);
    expect(markdown).toContain('Ligne illisible de la charte');
  });

  it('escapes every markup character and control character', () => {
    expect(escapeMarkdown('a\nb<c>[d](e)')).toBe('a b\\<c\\>\\[d\\]\\(e\\)');
  });
});
