// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { compileOcd, OCD_CSV } from '../../scripts/ocd.mjs';
import { startBackground } from '../../src/background/background';
import { builtInRules } from '../../src/core/portals/domains';
import { everyCookie, type ExplainedCookie, type SiteReport } from '../../src/core/report/site-report';
import { matchCookie } from '../../src/core/catalogue/match';
import { openCookieLookup } from '../../src/core/catalogue/open-cookies';
import { buildSiteReport } from '../../src/core/report/build-site-report';
import { cookieSentences } from '../../src/core/report/wording';
import { CookieRow } from '../../src/popup/CookieRow';
import type { SiteView } from '../../src/protocol';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { translatorFor } from '../helpers/translate';
import { aVisit } from '../helpers/visit';

const NOW = Date.UTC(2026, 10, 30, 10);
const t = translatorFor('fr');
const compiled = compileOcd();
const lookup = openCookieLookup(compiled.lookup);
const CITY = 'data.ville-exemple.fr';
const fromCity = (name: string, value = 'x') =>
  aCookie({ name, value, domain: '.ville-exemple.fr', hostOnly: false, expirationDate: NOW / 1000 + 86_400 * 90 });
const rules = [...builtInRules(), { pattern: CITY, enabled: true, builtIn: false, site: 'ville-exemple.fr' }];
const row = (report: SiteReport, name: string) =>
  everyCookie(report).find((item) => item.cookie.name === name) as ExplainedCookie;

afterEach(cleanup);

describe('the Open Cookie Database, behind our catalogue', () => {
  it('counts every row of the CSV as kept, merged or dropped with its reason: nothing dropped silently', () => {
    const rows =
      readFileSync(OCD_CSV, 'utf8').match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12},/gm) ?? [];
    const { stats } = compiled;
    expect(stats.rows).toBe(rows.length);
    expect(stats.kept + stats.merged + stats.dropped.length).toBe(stats.rows);
    expect(stats.kept).toBeGreaterThan(2_000);
    for (const dropped of stats.dropped) expect(dropped.reason).not.toBe('');
  });

  it('finds by prefix exactly what a scan of every prefix, longest first, finds', () => {
    const { exact, prefixes, entries } = compiled.lookup;
    const longestFirst = Object.keys(prefixes).sort((a, b) => b.length - a.length);
    const scan = (name: string) => {
      if (Object.hasOwn(exact, name)) return entries[exact[name]!];
      const prefix = longestFirst.find((candidate) => name.startsWith(candidate));
      return prefix === undefined ? undefined : entries[prefixes[prefix]!];
    };
    for (const prefix of longestFirst) {
      for (const name of [prefix, `${prefix}3456789`, prefix.slice(0, -1), `x${prefix}`])
        expect(lookup(name)?.platform, name).toBe((scan(name) as string[] | undefined)?.[0]);
    }
  });

  it('never wins where our catalogue knows the name: every name both know is explained by the catalogue', () => {
    const both = Object.keys(compiled.lookup.exact).filter((name) => matchCookie(name, true) !== undefined);
    expect(both).toEqual(expect.arrayContaining(['sessionid', 'django_language', '_pk_cvar', '_ga']));

    const asked: string[] = [];
    const report = buildSiteReport({
      host: 'data.issy.com',
      cookies: both.map((name) => aCookie({ name })),
      rules: builtInRules(),
      nowMs: NOW,
      openCookies: (name) => {
        asked.push(name);
        return lookup(name);
      },
    });
    // Not even asked: a name the catalogue knows costs no read of the database's rows.
    expect(asked).toEqual([]);
    for (const item of everyCookie(report)) {
      expect(item.provider?.source, item.cookie.name).toBe('catalogue');
      expect(item.reference, item.cookie.name).toBeNull();
    }
    // The database's errors stay out: sessionid is not Instagram's, django_language lasts 12 months not a session.
    expect(row(report, 'sessionid').provider?.name).toBe('Opendatasoft');
  });

  it(
    'explains the city’s trackers a custom-domain portal receives: platform, French category, usual retention, ' +
      'English description marked, the controller’s page',
    () => {
      const names = ['_fbp', '_hjSessionUser_3456789', 'atuserid', '__cf_bm', '_ga_ABCDEF1234'];
      const report = buildSiteReport({
        host: CITY,
        cookies: names.map((name) => fromCity(name)),
        rules,
        nowMs: NOW,
        openCookies: lookup,
      });
      const fbp = cookieSentences(row(report, '_fbp'), t, 'fr');
      expect(fbp.provider).toBe('Déposé par Facebook');
      expect(fbp.reference?.category).toBe('Catégorie : Publicité et ciblage');
      expect(fbp.reference?.source).toBe('source : Open Cookie Database');
      expect(fbp.reference?.privacy?.url).toMatch(/^https:\/\//);
      expect(fbp.purposeLang).toBe('en');
      expect(fbp.lifetime).toMatch(/^Durée habituelle selon l'Open Cookie Database : 4\s+mois$/);
      expect(row(report, '_fbp').consentRule).toBe('required');

      const hotjar = cookieSentences(row(report, '_hjSessionUser_3456789'), t, 'fr');
      expect(hotjar.provider).toBe('Déposé par Hotjar');
      expect(hotjar.reference?.category).toBe('Catégorie : Fonctionnement');
      const cloudflare = cookieSentences(row(report, '__cf_bm'), t, 'fr');
      expect(cloudflare.lifetime?.replace(/\s/g, ' ')).toBe(
        "Durée habituelle selon l'Open Cookie Database : le temps de la session",
      );
      // Known to our catalogue: ours speaks.
      expect(row(report, 'atuserid').provider?.source).toBe('catalogue');
      expect(row(report, '_ga_ABCDEF1234').provider?.source).toBe('catalogue');
      // _fbp, atuserid and _ga_<container> need consent; Hotjar and Cloudflare are filed Functional: not said.
      expect(report.counts.askingConsent).toBe(3);
    },
  );

  it(
    'holds a tracker the banner does not name against « Tout refuser », ' +
      'and says when no choice was offered for it',
    () => {
      const refusedAll = aVisit(NOW, lookup).arrive();
      refusedAll.wait(1_000);
      refusedAll.choose({ ga: false, matomo: false, timestamp: Math.floor(NOW / 1000) + 1 });
      refusedAll.wait(1_000);
      refusedAll.set('_fbp', { value: `fb.1.${NOW + 2_000}.123` });
      const despite = row(refusedAll.report(), '_fbp');
      expect(despite.verdict?.kind).toBe('setDespiteRefusal');
      expect(cookieSentences(despite, t, 'fr').verdict?.alert).toBe(true);

      const gaOnly = aVisit(NOW, lookup).arrive();
      gaOnly.wait(1_000);
      gaOnly.choose({ ga: true, timestamp: Math.floor(NOW / 1000) + 1 });
      gaOnly.set('_fbp');
      const unoffered = cookieSentences(row(gaOnly.report(), '_fbp'), t, 'fr');
      expect(unoffered.verdict?.text).toBe('Aucun choix proposé pour ce traceur par le bandeau du portail');
      expect(unoffered.verdict?.alert).toBe(false);
    },
  );

  it('shows the English description as English, and links the controller’s page, in the popup’s row', () => {
    const report = buildSiteReport({ host: CITY, cookies: [fromCity('_fbp')], rules, nowMs: NOW, openCookies: lookup });
    const { container } = render(
      <ul>
        <CookieRow
          item={row(report, '_fbp')}
          t={t}
          locale="fr"
          detailsId="d"
          Details={null}
          open={false}
          onToggle={() => undefined}
          onDelete={() => undefined}
        />
      </ul>,
    );
    expect(container.querySelector('.purpose [lang="en"]')?.textContent).not.toBe('');
    expect(container.querySelector('.purpose')?.textContent).toContain('(description en anglais)');
    expect(container.querySelector('.reference a')?.getAttribute('href')).toMatch(/^https:\/\//);
  });

  it(
    'is read from the package only when a site has a cookie our catalogue does not know, ' +
      'and only the shard that holds it',
    async () => {
      const browser = new FakeBrowser(
        [aCookie({ name: 'sessionid' }), aCookie({ name: 'csrftoken' })],
        ['data.issy.com'],
      );
      browser.tabs.set(3, { id: 3, url: 'https://data.issy.com/', storeId: '0' });
      const background = startBackground(browser, t, () => NOW);
      await background.handlers.siteView({ tabId: 3 });
      expect(browser.packagedReads).toEqual([]);
      browser.siteSets(aCookie({ name: '_fbp' }));
      const view = (await background.handlers.siteView({ tabId: 3 })) as Extract<SiteView, { kind: 'site' }>;
      // Its names are in the background: the one read is the shard of sixteen that holds Facebook's row.
      expect(browser.packagedReads).toEqual([expect.stringMatching(/^open-cookie-database-\d+\.json$/)]);
      expect(everyCookie(view.report!).find((item) => item.cookie.name === '_fbp')?.provider?.name).toBe('Facebook');
      // A name the database does not know either costs no read at all.
      browser.siteSets(aCookie({ name: 'acme_visit' }));
      await background.handlers.siteView({ tabId: 3 });
      expect(browser.packagedReads).toHaveLength(1);
      background.stop();
    },
  );

  it('names the vendor Huwise (ex-Opendatasoft) on huwise.com portals', () => {
    const report = buildSiteReport({
      host: 'demo.huwise.com',
      cookies: [aCookie({ name: 'sessionid', domain: 'demo.huwise.com' })],
      rules: builtInRules(),
      nowMs: NOW,
    });
    expect(row(report, 'sessionid').provider?.name).toBe('Huwise (ex-Opendatasoft)');
  });
});
