// @vitest-environment happy-dom
import { charteAddresses } from '../../src/core/charte/charte-paths';
import fc from 'fast-check';
import { anyText } from '../helpers/any-text';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartePage } from '../../scripts/demo/pages.mjs';
import { parseCharteTables, parseLifetime } from '../../src/core/charte/charte';
import { cutAtDepth } from '../../src/core/util/html-bounds';
import { DAY, MONTH, WEEK } from '../../src/core/util/duration';
import { pageTables } from '../../src/page/page-tables';
import { declarationsIn } from '../../src/core/charte/stored-charte';

const dir = resolve(process.cwd(), 'scripts/demo/chartes');
const read = (file: string) => readFileSync(resolve(dir, file), 'utf8');
const parseHtml = (html: string) => parseCharteTables(pageTables(new DOMParser().parseFromString(html, 'text/html')));
const asPage = (file: string) => chartePage({ charte: read(file), title: file });
const ODS = ['cookies_preferences', 'csrftoken', 'django_language', 'sessionid'];

const real = (file: string) => parseHtml(read(`real/${file}`));
const rows = (file: string) =>
  real(file).cookies.map((c) => [c.provider, c.name, c.service ?? '', c.lifetimeWording ?? '', c.purpose ?? '']);

describe('the chartes of real portals, cell by cell', () => {
  it.each(['info-financiere.gouv.fr.html', 'datosabiertos.dipcas.es.html'])(
    '%s: « Supplier name | Cookie name | Duration | Function »',
    (file) => {
      expect(rows(file)).toEqual([
        [
          'Opendatasoft',
          'sessionid',
          '',
          '2 weeks by default',
          "Authentication: validate the user's identity on each request",
        ],
        ['Opendatasoft', 'csrftoken', '', 'Up to 12 months', 'Security: protects against CSRF attacks'],
        ['Opendatasoft', 'cookies_preferences', '', '6 months', "Stores the user's choices about cookies"],
        ['Opendatasoft', 'django_language', '', '12 months', 'Remembers the chosen language'],
      ]);
      expect(real(file).cookies.map((c) => c.lifetime)).toEqual([
        { kind: 'fixed', seconds: 2 * WEEK },
        { kind: 'upTo', seconds: 12 * MONTH },
        { kind: 'fixed', seconds: 6 * MONTH },
        { kind: 'fixed', seconds: 12 * MONTH },
      ]);
    },
  );

  const functional = [
    [
      'Opendatasoft',
      'sessionid',
      'Authentication (front and back office)',
      '',
      'Remember the user from one page to another',
    ],
    [
      'Opendatasoft',
      'csrftoken',
      'API calls and CSRF security (front and back office)',
      '',
      'Retrieve data through API calls',
    ],
    [
      'Opendatasoft',
      'cookies_preferences',
      'Choice of cookie preferences',
      '',
      "Store the user's choices about cookies",
    ],
    [
      'Opendatasoft',
      'django_language',
      'Language selection (front and back office)',
      '',
      'Remember the chosen language',
    ],
  ];
  it(
    'dashboard.paris: « Service provider’s name | Function and location | Cookie name(s) | Purposes », ' +
      'in two tables',
    () => {
      expect(rows('dashboard.paris.html')).toEqual([
        ...functional,
        ['Google Analytics', '_ga', 'Audience measurement (front office)', '', 'Distinguish visitors and count visits'],
        [
          'Google Analytics',
          '_ga_*',
          'Audience measurement (front office)',
          '',
          'Distinguish visitors and count visits',
        ],
      ]);
    },
  );
  it('www.odwb.be: the same layout, with Matomo', () => {
    expect(rows('www.odwb.be.html')).toEqual([
      ...functional,
      ['Matomo', '_pk_id', 'Audience measurement (front office)', '', 'Distinguish visitors anonymously'],
      ['Matomo', '_pk_ses', 'Audience measurement (front office)', '', 'Distinguish visitors anonymously'],
    ]);
  });
});

describe('reading a charte page', () => {
  it('tells the provider column by what it holds when its header word is unknown', () => {
    const parsed = parseHtml(`<table><tr><th>Société</th><th>Cookie name</th><th>Rôle</th></tr>
      <tr><td>Opendatasoft</td><td>sessionid</td><td>Connexion</td></tr>
      <tr><td>Google Analytics</td><td>_ga</td><td>Mesure</td></tr></table>`);
    expect(parsed.cookies.map((c) => [c.provider, c.name, c.purpose])).toEqual([
      ['Opendatasoft', 'sessionid', 'Connexion'],
      ['Google Analytics', '_ga', 'Mesure'],
    ]);
  });

  it('reads a table that continues the previous one without repeating its header', () => {
    const parsed = parseHtml(`<table><tr><th>Provider</th><th>Cookie name</th></tr>
      <tr><td>Opendatasoft</td><td>sessionid</td></tr></table>
      <p>Audience</p><table><tr><td>Matomo</td><td>_pk_id</td></tr></table>
      <table><tr><td>a</td><td>b</td><td>c</td></tr></table>`);
    expect(parsed.cookies.map((c) => [c.provider, c.name])).toEqual([
      ['Opendatasoft', 'sessionid'],
      ['Matomo', '_pk_id'],
    ]);
  });

  it.each(readdirSync(dir).filter((f) => f.endsWith('.txt')))('%s, as the portal publishes it', (file) => {
    const parsed = parseHtml(asPage(file));
    expect(parsed.unread).toEqual([]);
    expect(parsed.cookies.map((c) => c.name).sort()).toEqual(ODS);
    expect(new Set(parsed.cookies.map((c) => c.provider))).toEqual(new Set(['Opendatasoft']));
  });

  it('reads the older template’s lifetimes and purposes', () => {
    const session = parseHtml(asPage('data.ville-soissons.fr.txt')).cookies.find((c) => c.name === 'sessionid');
    expect(session).toMatchObject({
      lifetimeWording: '2 semaines par défaut',
      lifetime: { kind: 'fixed', seconds: 2 * WEEK },
    });
    expect(session?.purpose).toContain('Authentification');
  });

  it('reads the newer template’s service and location, with no lifetime', () => {
    const language = parseHtml(asPage('data.issy.com.txt')).cookies.find((c) => c.name === 'django_language');
    expect(language).toMatchObject({
      service: 'Sélection de la langue (front et back office)',
      lifetime: { kind: 'unknown' },
    });
  });

  it('reads the English page', () => {
    const parsed = parseHtml(asPage('variants/english.txt'));
    expect(parsed.cookies.map((c) => c.name).sort()).toEqual(ODS);
    expect(parsed.cookies.find((c) => c.name === 'csrftoken')?.lifetime).toEqual({ kind: 'upTo', seconds: 12 * MONTH });
  });

  it('reads every table of a charte that declares analytics too', () => {
    const names = parseHtml(asPage('variants/matomo.txt')).cookies.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([...ODS, '_pk_id', '_pk_ses']));
  });

  it('reports the rows it cannot read instead of dropping them', () => {
    const html = `<table><tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Finalités</th></tr>
      <tr><td>Opendatasoft</td><td>sessionid</td><td>Connexion</td></tr>
      <tr><td>Matomo</td><td></td><td>Mesure</td></tr>
      <tr><td>Google</td><td>voir la liste (ci-dessous)</td><td>Mesure</td></tr>
      <tr><td>X</td></tr></table>`;
    const parsed = parseHtml(html);
    expect(parsed.cookies.map((c) => c.name)).toEqual(['sessionid']);
    expect(parsed.unread.map((row) => row.reason)).toEqual(['noName', 'badName', 'noName']);
  });

  it('reads a cell that lists several cookies, and families written with a placeholder', () => {
    const html = `<table><tr><th>Émetteur</th><th>Nom des cookies</th><th>Durée de conservation</th><th>Objet</th></tr>
      <tr><td>Google</td><td>_ga_&lt;ID&gt; et _gid</td><td>13 mois</td><td>Mesure</td></tr>
      <tr><td>Matomo</td><td>_pk_id.*, _pk_ses.*</td><td>Fermeture du navigateur</td><td>Mesure</td></tr></table>`;
    expect(parseHtml(html).cookies.map((c) => [c.name, c.provider, c.lifetime.kind])).toEqual([
      ['_ga_*', 'Google', 'fixed'],
      ['_gid', 'Google', 'fixed'],
      ['_pk_id.*', 'Matomo', 'session'],
      ['_pk_ses.*', 'Matomo', 'session'],
    ]);
  });

  it('reads back a row published as paragraphs after its table, and no prose', () => {
    const table = `<table>
      <tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Durée de vie</th><th>Fonction</th></tr>
      <tr><td>Opendatasoft</td><td>sessionid</td><td>2 semaines</td><td>Connexion</td></tr></table>`;
    const split = parseHtml(
      `${table}<p>Opendatasoft</p><p>django_language</p><p>12 mois</p><p>Langue</p><h2>Suite</h2>`,
    );
    expect(split.cookies.map((c) => [c.name, c.lifetimeWording])).toEqual([
      ['sessionid', '2 semaines'],
      ['django_language', '12 mois'],
    ]);
    const joined = parseHtml(`<div>${table}</div><p>Opendatasoft django_language 12 mois</p><p>Langue</p>`);
    expect(joined.cookies.map((c) => [c.name, c.purpose])).toEqual([
      ['sessionid', 'Connexion'],
      ['django_language', 'Langue'],
    ]);
    const prose = parseHtml(`${table}<p>Opendatasoft utilise aussi des outils de mesure d'audience.</p>`);
    expect(prose.cookies.map((c) => c.name)).toEqual(['sessionid']);
  });

  it('ignores tables that are not cookie tables', () => {
    expect(
      parseHtml('<table><tr><th>Jeu de données</th><th>Mise à jour</th></tr><tr><td>a</td><td>b</td></tr></table>'),
    ).toEqual({ cookies: [], unread: [], cutRows: 0 });
  });
});

describe('hostile or broken pages', () => {
  it('runs no script and no handler from the page', () => {
    const html = `<script>globalThis.pwned = 1</script><img src=x onerror="globalThis.pwned = 2">
      <table><tr><th>Nom du cookie</th></tr><tr><td>ok<script>globalThis.pwned = 3</script></td></tr></table>`;
    const parsed = parseHtml(html);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    expect(parsed.cookies.map((c) => c.name)).toEqual(['ok']);
  });

  // The 5 MB page and 5 000 levels of nesting are read by the real browsers' DOMParser in the E2E tests.
  it('survives deep nesting and broken tables', () => {
    // happy-dom recurses per level; the real browsers take 5 000 levels in the E2E tests.
    const deep = `${'<div>'.repeat(800)}<table><tr><th>Nom du cookie<tr><td>sessionid${'</div>'.repeat(800)}`;
    expect(parseHtml(deep).cookies.map((c) => c.name)).toEqual(['sessionid']);
    const broken = '<table><tr><th>Nom du cookie</th><th>Durée de vie<tr><td>csrftoken<td>12 mois<tr><td>';
    expect(parseHtml(broken).cookies).toMatchObject([
      { name: 'csrftoken', lifetime: { kind: 'fixed', seconds: 12 * MONTH } },
    ]);
    const rows = (count: number) => '<tr><td>Opendatasoft</td><td>sessionid</td></tr>'.repeat(count);
    const long = parseHtml(`<table><tr><th>Nom du prestataire</th><th>Nom du cookie</th></tr>${rows(600)}</table>`);
    expect(long).toMatchObject({ cutRows: 0 });
    expect(long.cookies).toHaveLength(600);
    // Past the reading limit (2 000 rows in all), what is not read is counted, never dropped silently.
    const huge = parseHtml(`<table><tr><th>Nom du prestataire</th><th>Nom du cookie</th></tr>${rows(2500)}</table>`);
    expect(huge.cookies).toHaveLength(1999);
    expect(huge.cutRows).toBe(501);
  });

  it('a placeholder name declares nothing, and a cookie far down a long table is still declared', () => {
    const row = (name: string) => `<tr><td>${name}</td><td>Opendatasoft</td></tr>`;
    const table = (names: string[]) =>
      `<table><tr><th>Nom du cookie</th><th>Fournisseur</th></tr>${names.map(row).join('')}</table>`;
    const placeholders = parseHtml(table(['&lt;nom du cookie&gt;', '{cookie}', '*', '_ga_&lt;ID&gt;']));
    expect(placeholders.cookies.map((cookie) => cookie.name)).toEqual(['_ga_*']);
    expect(placeholders.unread.map((row) => [row.cells[0], row.reason])).toEqual([
      ['<nom du cookie>', 'placeholder'],
      ['{cookie}', 'placeholder'],
      ['*', 'placeholder'],
    ]);
    const declares = declarationsIn(placeholders);
    expect(declares('_fbp', undefined)).toEqual([]);
    expect(declares('_ga_ABC123', undefined).map((cookie) => cookie.name)).toEqual(['_ga_*']);
    const many = parseHtml(table([...Array.from({ length: 552 }, (_, i) => `cookie_${i}`), '_ga']));
    expect(many.cookies.at(-1)?.name).toBe('_ga');
  });

  it('never throws on arbitrary tables', () => {
    const cell = anyText(40);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }), { maxLength: 4 }),
        (tables) => {
          const parsed = parseCharteTables({ tables, cutRows: 0 });
          for (const cookie of parsed.cookies) expect(cookie.name).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('declared lifetimes in words', () => {
  it.each([
    ['2 semaines par défaut', { kind: 'fixed', seconds: 2 * WEEK }],
    [
      'Token réinitialisé aléatoirement entre 2 requêtes ou 2 sessions. 12 mois maximum.',
      { kind: 'upTo', seconds: 12 * MONTH },
    ],
    ['13 months', { kind: 'fixed', seconds: 13 * MONTH }],
    ['1 jour', { kind: 'fixed', seconds: DAY }],
    ['Session', { kind: 'session' }],
    ['Variable', { kind: 'unknown' }],
  ])('« %s »', (wording, expected) => {
    expect(parseLifetime(wording)).toEqual(expected);
  });
});

describe('bounding the work a charte page can ask for', () => {
  it('leaves a real charte whole, and cuts a page where it nests deeper than any charte', () => {
    const page = asPage('data.issy.com.txt');
    expect(cutAtDepth(page)).toEqual({ html: page, cut: false });
    const deep = `<table><tr><th>Nom du cookie</th></tr><tr><td>sessionid</td></tr></table>${'<div>'.repeat(200_000)}x`;
    const { html, cut } = cutAtDepth(deep);
    expect(cut).toBe(true);
    expect(html.length).toBeLessThan(300 * 5 + 100);
    expect(parseHtml(html).cookies.map((c) => c.name)).toEqual(['sessionid']);
  });

  it('never lets the depth of what it keeps pass the bound, whatever the markup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('<div>', '</div>', '<br>', '<img/>', '<p>', 'text', '<span class="a">', '</span>'), {
          maxLength: 600,
        }),
        (parts) => {
          const { html } = cutAtDepth(parts.join(''), 50);
          let depth = 0;
          let deepest = 0;
          for (const [, closing, name, selfClosing] of html.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
            if (closing) depth = Math.max(0, depth - 1);
            else if (!selfClosing && !['br', 'img'].includes(name ?? '')) depth++;
            deepest = Math.max(deepest, depth);
          }
          expect(deepest).toBeLessThanOrEqual(50);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the one charte-address finder, for the popup and the audit', () => {
  it('keeps the page’s link only when it is an http(s) page of the portal, then the usual addresses, once each', () => {
    const usual = ['https://data.ville.fr/terms/cookies-policy/', 'https://data.ville.fr/terms/cookies-information/'];
    expect(charteAddresses('https://data.ville.fr/explore/', '../pages/cookies/')).toEqual([
      'https://data.ville.fr/pages/cookies/',
      ...usual,
    ]);
    expect(charteAddresses('https://data.ville.fr/', '/terms/cookies-policy/')).toEqual(usual);
    for (const hostile of [
      'https://ailleurs.fr/charte',
      'javascript:alert(1)',
      'file:///etc/shadow',
      'x'.repeat(3000),
      42,
      null,
    ]) {
      expect(charteAddresses('https://data.ville.fr/', hostile)).toEqual(usual);
    }
  });
});
