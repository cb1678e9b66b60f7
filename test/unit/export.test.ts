import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { loadStoredCharte, type StoredCharte } from '../../src/core/charte/stored-charte';
import { DAY, WEEK, YEAR } from '../../src/core/util/duration';
import { builtInRules } from '../../src/core/portals/domains';
import { exportReport, markdownText, reportToMarkdown } from '../../src/core/report/export';
import { buildSiteReport } from '../../src/core/report/build-site-report';
import { aCookie } from '../helpers/cookies';
import { translatorFor } from '../helpers/translate';

const NOW = Date.UTC(2026, 10, 25, 12);
const t = translatorFor('fr');
const at = (s: number) => NOW / 1000 + s;
const HOSTILE = '<img src=x onerror=alert(1)>|`*';
const charte: StoredCharte = {
  cookies: [
    {
      name: 'sessionid',
      provider: 'Opendatasoft',
      lifetimeWording: '1 jour',
      lifetime: { kind: 'fixed', seconds: DAY },
    },
    { name: '_pk_id', provider: 'Matomo', lifetime: { kind: 'unknown' } },
    { name: 'django_language', provider: 'Opendatasoft', lifetime: { kind: 'unknown' } },
    {
      name: 'acme_visit',
      provider: 'Acme',
      purpose: 'Compte les visites',
      lifetime: { kind: 'fixed', seconds: 30 * DAY },
    },
  ],
  unread: [{ cells: ['Google', '', 'Mesure'], reason: 'noName' }],
  cutRows: 0,
  url: 'https://data.issy.com/terms/cookies-policy/',
  readAt: NOW - DAY,
  source: 'fetched',
};
const cookies = [
  aCookie({ name: 'sessionid', httpOnly: true, expirationDate: at(2 * WEEK) }),
  aCookie({ name: '_pk_id.1.abc', expirationDate: at(300 * DAY) }),
  aCookie({ name: 'acme_visit', expirationDate: at(30 * DAY) }),
  aCookie({ name: '_ga', expirationDate: at(2 * YEAR) }),
  aCookie({ name: HOSTILE, expirationDate: at(DAY) }),
];

const reportWithCharte = () =>
  buildSiteReport({ host: 'data.issy.com', cookies, rules: builtInRules(), nowMs: NOW, charte });
/** What a reader of the Markdown sees: rendered by a CommonMark parser that lets raw HTML through. */
const rendered = (markdown: string) => new MarkdownIt({ html: true }).render(markdown);
const visibleText = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('comparing with the portal’s own charte', () => {
  it('sorts cookies into declared and set, declared but absent, set but undeclared; a stem declares its family', () => {
    expect(reportWithCharte().comparison).toEqual({
      declaredAndSet: ['sessionid', '_pk_id', 'acme_visit'],
      declaredNotSet: ['django_language'],
      setNotDeclared: ['_ga', HOSTILE],
    });
  });

  it('reads back only well-formed stored chartes, and drops a corrupt date', () => {
    expect(loadStoredCharte(structuredClone(charte))).toEqual(charte);
    expect(loadStoredCharte({ cookies: 'x' })).toBeNull();
    expect(loadStoredCharte(null)).toBeNull();
    expect(loadStoredCharte({ ...charte, readAt: 1e20 })).toBeNull();
  });
});

describe('the exported JSON', () => {
  it('carries plain data for each cookie: ids, seconds, ISO dates, the source of every claim', () => {
    const data = exportReport(reportWithCharte());
    // Red: _ga (undeclared, and set with no choice recorded), the hostile name (undeclared), Matomo's (set with no
    // choice).
    expect(data.summary).toMatchObject({
      total: 5,
      alerts: 3,
      undeclared: 2,
      outlivesDeclared: 1,
      beyondCnil: 1,
      needsConsent: 1,
    });
    expect(data.consent).toEqual({
      record: { kind: 'none' },
      choices: [
        { tracker: 'ga', status: 'none', at: null, lapsesAt: null },
        { tracker: 'matomo', status: 'none', at: null, lapsesAt: null },
      ],
      arrivals: [],
      choicesWritten: [],
    });
    expect(data.cookies.find((c) => c.name === '_ga')).toMatchObject({
      category: 'audience',
      provider: { name: 'Google Analytics', source: 'catalogue' },
      consentRule: 'required',
      declaration: 'notInPortalCharte',
      declaredLifetime: { kind: 'fixed', source: 'vendor' },
      flags: ['undeclared', 'beyondCnil', 'needsConsent'],
      verdict: { kind: 'setBeforeChoice', choiceAt: null },
      alert: true,
    });
    expect(data.cookies.find((c) => c.name === 'sessionid')?.declaredLifetime).toEqual({
      kind: 'fixed',
      seconds: DAY,
      source: 'portalCharte',
      wording: '1 jour',
    });
    expect(data.cookies.find((c) => c.name === 'acme_visit')).toMatchObject({
      provider: { name: 'Acme', source: 'portalCharte' },
      purpose: { charte: 'Compte les visites' },
    });
    expect(data.charte).toMatchObject({
      source: 'portal',
      readAt: new Date(NOW - DAY).toISOString(),
      unreadRows: [['Google', '', 'Mesure']],
    });
    expect(JSON.stringify(data)).not.toMatch(/[\u00a0\u202f]/);
  });
});

describe('the exported Markdown', () => {
  it(
    'renders, through a real CommonMark parser, as text a reader can read: no markup leaks, ' + 'no stray backslash',
    () => {
      const html = rendered(reportToMarkdown(reportWithCharte(), t, 'fr'));
      expect(html).not.toMatch(/<img/);
      const text = visibleText(html);
      expect(text).toContain(HOSTILE);
      expect(text).toContain('Cookies de data.issy.com');
      expect(text).toContain("Mesure d'audience");
      expect(text).not.toMatch(/\\[.'()-]/);
      expect(html.match(/<tr>/g)).toHaveLength(1 + cookies.length);
      expect(text).toContain('Ligne illisible de la charte');
      expect(text).toContain('Déclarés mais absents (1) : django_language');
    },
  );

  it('keeps any text as text, whatever characters it holds', () => {
    for (const sample of [
      'a\nb<c>[d](e)',
      '*x* _y_ `z` ~~w~~ | &amp; \\',
      '# titre',
      '<script>alert(1)</script>',
      '[lien](javascript:alert(1))',
    ]) {
      const html = rendered(`| a |\n| --- |\n| ${markdownText(sample)} |`);
      expect(html).not.toMatch(/<(script|a|em|strong|code|del|h1)[ >]/);
      expect(visibleText(html)).toContain(sample.replace(/\n/g, ' '));
    }
  });
});
