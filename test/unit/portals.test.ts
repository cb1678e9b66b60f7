import { compileDirectory } from '../../scripts/data/directory.mjs';
import fc from 'fast-check';
import { anyText, anyWebAddress } from '../helpers/any-text';
import { describe, expect, it } from 'vitest';
import { searchDirectory, DIRECTORY_SIZE } from '../../src/core/portals/directory';
import { DIRECTORY } from 'virtual:ods-directory';
import { parseDomainInput } from '../../src/core/portals/domain-input';
import {
  builtInRules,
  normaliseHost,
  originsFor,
  revocableOrigins,
  type PortalRule,
} from '../../src/core/portals/domains';
import { readPortalImport, exportPortals } from '../../src/core/portals/portal-list';
import { loadSettings, mergePortals, storeSettings } from '../../src/core/portals/settings';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

describe('what the user types as a portal', () => {
  it.each([
    ['data.exemple.fr', 'data.exemple.fr', 'exemple.fr'],
    ['https://Data.Exemple.FR/explore/dataset/x/?q=1', 'data.exemple.fr', 'exemple.fr'],
    ['  data.exemple.fr.  ', 'data.exemple.fr', 'exemple.fr'],
    ['*.exemple.fr', '*.exemple.fr', 'exemple.fr'],
    ['data.ville-évry.fr', 'data.xn--ville-vry-g4a.fr', 'xn--ville-vry-g4a.fr'],
    ['data.exemple.fr:443', 'data.exemple.fr', 'exemple.fr'],
    ['data.education.gouv.fr', 'data.education.gouv.fr', 'education.gouv.fr'],
    // A bucket under a private public suffix is a site of its own.
    ['data.s3.amazonaws.com', 'data.s3.amazonaws.com', 'data.s3.amazonaws.com'],
    ['opendata.github.io', 'opendata.github.io', 'opendata.github.io'],
  ])('« %s » becomes %s, under %s', (input, pattern, site) => {
    expect(parseDomainInput(input)).toEqual({ ok: true, pattern, site });
  });

  it.each([
    ['', 'empty'],
    ['fr', 'publicSuffix'],
    ['gouv.fr', 'publicSuffix'],
    ['*.com', 'publicSuffix'],
    ['*.gouv.fr', 'publicSuffix'],
    ['192.168.1.10', 'ipAddress'],
    ['[::1]', 'ipAddress'],
    ['localhost', 'localhost'],
    ['portail.localhost', 'localhost'],
    ['pas un domaine', 'invalid'],
    ['-bad-.fr', 'invalid'],
    ['<script>.fr', 'invalid'],
    // The private section of the public-suffix list, as browsers scope cookies by it.
    ['github.io', 'publicSuffix'],
    ['*.netlify.app', 'publicSuffix'],
    ['*.herokuapp.com', 'publicSuffix'],
    ['blogspot.com', 'publicSuffix'],
    ['*.s3.amazonaws.com', 'publicSuffix'],
    // Names no public DNS answers.
    ['printer.local', 'notPublic'],
    ['intranet.corp', 'notPublic'],
    ['data.example', 'notPublic'],
    // An escaped host is not what was typed: `%41.fr` is not silently `a.fr`.
    ['%41.fr', 'invalid'],
  ])('refuses « %s » (%s)', (input, error) => {
    expect(parseDomainInput(input)).toEqual({ ok: false, error });
  });

  it('never throws: any string gives a valid pattern or a reason', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(100), anyWebAddress(), fc.domain()), (input) => {
        const result = parseDomainInput(input);
        if (result.ok) expect(parseDomainInput(result.pattern)).toEqual(result);
        else
          expect(['empty', 'invalid', 'publicSuffix', 'ipAddress', 'localhost', 'notPublic']).toContain(result.error);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('stored settings', () => {
  it('start from the built-in portals', () => {
    expect(loadSettings(undefined)).toEqual({ rules: builtInRules(), unreadable: [] });
  });

  it('round-trip: switched-off built-ins and the user’s own portals', () => {
    const rules = [
      ...builtInRules().map((r) => (r.pattern === 'data.issy.com' ? { ...r, enabled: false } : r)),
      { pattern: 'data.exemple.fr', enabled: true, builtIn: false },
    ];
    expect(loadSettings(storeSettings(rules)).rules).toEqual(rules);
  });

  it('keep every readable domain of a corrupted value and say so', () => {
    const loaded = loadSettings({
      version: 1,
      builtInOff: [],
      custom: [{ pattern: 'data.exemple.fr', enabled: true }, 42, { pattern: '<b>' }],
    });
    expect(loaded.problem).toBe('corrupted');
    expect(loaded.rules.map((r) => r.pattern)).toContain('data.exemple.fr');
    expect(loaded.unreadable).toEqual([42, { pattern: '<b>' }]);
  });

  it('say when the value comes from an unknown version, keeping what reads', () => {
    const loaded = loadSettings({ version: 9, custom: [{ pattern: 'data.exemple.fr', enabled: true }] });
    expect(loaded.problem).toBe('unknownVersion');
    expect(loaded.rules.map((r) => r.pattern)).toContain('data.exemple.fr');
  });

  it('never throw, whatever storage holds', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => void expect(loadSettings(raw).rules.length).toBeGreaterThanOrEqual(5)),
      { numRuns: 1000 },
    );
  });
});

describe('import and export', () => {
  it('reads an export back', () => {
    const rules = mergePortals(builtInRules(), [{ pattern: 'data.exemple.fr', enabled: false }]);
    expect(readPortalImport(JSON.stringify(exportPortals(rules)))).toEqual({
      ok: true,
      accepted: [{ pattern: 'data.exemple.fr', site: 'exemple.fr', enabled: false }],
      refused: [],
    });
  });

  it('refuses entry by entry, with the reason', () => {
    const report = readPortalImport(JSON.stringify(['data.a.fr', 'fr', 12, 'localhost']));
    expect(report).toEqual({
      ok: true,
      accepted: [{ pattern: 'data.a.fr', site: 'a.fr', enabled: true }],
      refused: [
        { entry: 'fr', error: 'publicSuffix' },
        { entry: '12', error: 'badEntry' },
        { entry: 'localhost', error: 'localhost' },
      ],
    });
  });

  it('refuses a file that is not a list at all', () => {
    expect(readPortalImport('{oops')).toEqual({ ok: false, error: 'notJson' });
    expect(readPortalImport('{"a":1}')).toEqual({ ok: false, error: 'wrongShape' });
  });

  it('merges duplicates instead of repeating them', () => {
    const once = mergePortals(builtInRules(), [{ pattern: 'data.a.fr', enabled: true }]);
    expect(
      mergePortals(once, [
        { pattern: 'data.a.fr', enabled: true },
        { pattern: 'data.issy.com', enabled: true },
      ]),
    ).toEqual(once);
  });
});

describe('the directory of French portals', () => {
  it('ships every portal of data/ods-portals-fr.tsv, each a host the extension takes, once', () => {
    expect(DIRECTORY_SIZE).toBe(270);
    const domains = DIRECTORY.map(([domain]) => domain);
    expect(domains.filter((domain) => normaliseHost(domain) !== domain)).toEqual([]);
    expect(new Set(domains).size).toBe(domains.length);
  });

  it('refuses at build a directory row that is not a domain and a publisher', () => {
    expect(() => compileDirectory('domain\tpublisher\ndata.ville.fr\n')).toThrow(/line 2: two columns, neither empty/);
    expect(compileDirectory('domain\tpublisher\ndata.ville.fr\tVille\n')).toEqual([['data.ville.fr', 'Ville']]);
  });

  it('finds portals by town or region, whatever the accents and case', () => {
    expect(searchDirectory('Rennes').some((entry) => /rennes/i.test(entry.domain + entry.publisher))).toBe(true);
    const regions = searchDirectory('région', 100);
    expect(regions.length).toBeGreaterThan(5);
    expect(regions.every((entry) => /r[ée]gion/i.test(entry.publisher + entry.domain))).toBe(true);
  });
});

describe('the permissions a portal needs', () => {
  it('are the portal with its subdomains, and each bare parent up to its registrable domain', () => {
    expect(originsFor({ pattern: 'data.ville.fr', site: 'ville.fr' })).toEqual([
      '*://*.data.ville.fr/*',
      '*://ville.fr/*',
    ]);
    expect(originsFor({ pattern: 'a.b.data.education.gouv.fr', site: 'education.gouv.fr' })).toEqual([
      '*://*.a.b.data.education.gouv.fr/*',
      '*://b.data.education.gouv.fr/*',
      '*://data.education.gouv.fr/*',
      '*://education.gouv.fr/*',
    ]);
    expect(originsFor({ pattern: '*.opendatasoft.com', site: 'opendatasoft.com' })).toEqual([
      '*://*.opendatasoft.com/*',
    ]);
    expect(originsFor({ pattern: 'data.ville.fr' })).toEqual(['*://*.data.ville.fr/*']);
  });

  it('are what the manifest holds for the built-in portals', () => {
    const manifest = JSON.parse(readFileSync(resolve(process.cwd(), 'manifest.json'), 'utf8')) as {
      host_permissions: string[];
    };
    expect(manifest.host_permissions).toEqual(builtInRules().flatMap(originsFor));
  });

  it('give back nothing another switched-on portal still needs', () => {
    const geo: PortalRule = { pattern: 'geo.ville.fr', enabled: true, builtIn: false, site: 'ville.fr' };
    const data: PortalRule = { pattern: 'data.ville.fr', enabled: true, builtIn: false, site: 'ville.fr' };
    expect(revocableOrigins(data, [geo])).toEqual(['*://*.data.ville.fr/*']);
    expect(revocableOrigins(data, [{ ...geo, enabled: false }])).toEqual(['*://*.data.ville.fr/*', '*://ville.fr/*']);
    expect(
      revocableOrigins(data, [{ pattern: '*.ville.fr', enabled: true, builtIn: false, site: 'ville.fr' }]),
    ).toEqual([]);
  });

  it('keep a stored registrable domain only when the portal is under it', () => {
    const { rules } = loadSettings({
      version: 1,
      custom: [
        { pattern: 'data.a.fr', enabled: true, site: 'a.fr' },
        { pattern: 'data.b.fr', enabled: true, site: 'evil.com' },
      ],
    });
    expect(rules.filter((rule) => !rule.builtIn).map((rule) => rule.site)).toEqual(['a.fr', undefined]);
  });
});

describe('the directory, as publishers write their names', () => {
  /** Words the registry wrote without their accents; a name must never hold them that way. */
  const UNACCENTED = new RegExp(
    String.raw`\b(Region|Departement|Metropole|Ministere|Education|legale|Communaute|Agglomeration|Reunion|Etudes|` +
      String.raw`Evaluation|francais|Societe|Energie|Developpement|Ile-de-France)\b`,
  );

  it('has no name in capitals, no word missing its accents, no English name', () => {
    for (const [domain, publisher] of DIRECTORY) {
      // Acronyms are capitals (URSSAF, EDF SEI, ODRÉ); two long words in capitals are a name shouted.
      const shouted = publisher
        .replace(/\([^)]*\)/g, '')
        .split(/[\s'’,:-]+/)
        .filter((word) => word.length >= 4 && word === word.toUpperCase() && /\p{L}/u.test(word));
      expect(shouted.length, `${domain}: ${publisher}`).toBeLessThan(2);
      expect(publisher, domain).not.toMatch(UNACCENTED);
      expect(publisher, domain).not.toMatch(/\b(City of|Local Government|Department|Ministry|Authority|The )\b/);
    }
  });

  it('tells every entry apart: no two share both name and domain, and each button names its domain', () => {
    expect(new Set(DIRECTORY.map(([domain]) => domain)).size).toBe(DIRECTORY.length);
  });
});
