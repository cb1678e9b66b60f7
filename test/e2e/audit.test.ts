import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFeed } from '@rowanmanning/feed-parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import datapackage from 'datapackage';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalResult } from '../../src/audit/results';
import { AUDIT_SUFFIX as SUFFIX, runAudit, runObservatory, stopAudits } from './audit-run';
import { startDemoServer, type DemoServer } from './demo';
import { CHROMIUM } from '../../scripts/debian-browsers.mjs';

const RULE_IDS = [
  'consent-before-trackers',
  'refusal-honoured',
  'refuse-as-easy',
  'tracker-lifetime',
  'choice-remembered',
  'charte-complete',
  'withdraw-anywhere',
];
/** What the audit must find on each demo portal, rule by rule, in RULE_IDS' order. */
const EXPECTED: Record<string, string> = {
  conforme: '✔ ✔ ✔ ✔ ✔ ✔ ✔',
  arrivee: '✘ ✘ ✔ ✔ ✔ ✔ ✔', // Matomo from the arrival, and written again on the pages after « Tout refuser »
  'refus-ignore': '✔ ✘ ✔ ✔ ✔ ✔ ✔',
  'sans-refus': '✔ ✔ ✘ ✔ ✔ ✔ ✔', // refused on the second layer, toggle unticked, « Sauvegarder mes choix »
  'longue-duree': '✔ ✔ ✔ ✘ ✔ ✔ ✔',
  'charte-incomplete': '✔ ✔ ✔ ✔ ✔ ✘ ✔',
  'sans-gestion': '✔ ✔ ✔ ✔ ✔ ✔ ✘',
};
const MARK = { pass: '✔', fail: '✘', unknown: '?' } as const;
const UNREACHABLE = `injoignable${SUFFIX}`;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * A file of the reports opened as a reader opens it; `alone()` says whether it asked for nothing but itself and has
 * no accessibility violation (axe-core, run in it).
 */
async function openReport(browser: Browser, file: string) {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const address = pathToFileURL(file).href;
  await page.goto(address);
  const alone = async () => ({
    violations: await page.evaluate(
      `(async () => { ${AXE_SOURCE}; ` +
        `return (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => v.id); })()`,
    ),
    requests,
  });
  return { page, address, alone };
}

const readAudit = (out: string) =>
  JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { tool: string; portals: PortalResult[] };

describe('cookies-ods-audit on the demo portals', () => {
  let server: DemoServer;
  let out: string;
  let first: { code: number | null; output: string };
  const portals = [...Object.keys(EXPECTED).map((behaviour) => `${behaviour}${SUFFIX}`), `https://${UNREACHABLE}:1/`];

  beforeAll(async () => {
    server = await startDemoServer();
    out = mkdtempSync(join(tmpdir(), 'cookies-ods-audit-'));
    first = await runAudit(server, out, portals);
    // Eight portals, three visits each, four at a time, on two cores that other tests share.
  }, 240_000);
  afterAll(async () => {
    await stopAudits();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it(
    'judges every rule of every demo portal as expected, ' +
      'and says an unreachable one is unreachable without stopping',
    () => {
      // Exit 1: one portal could not be audited (0 would tell a script all is well).
      expect(first.code).toBe(1);
      expect(first.output).toContain('7 portails audités, injoignables ou en échec : 1.');
      const results = readAudit(out).portals;
      const found = Object.fromEntries(
        results
          .filter((result) => result.host !== UNREACHABLE)
          .map((result) => [result.host.replace(SUFFIX, ''), result.rules.map((rule) => MARK[rule.status]).join(' ')]),
      );
      expect(found).toEqual(EXPECTED);
      for (const result of results) expect(result.rules.map((rule) => rule.id)).toEqual(RULE_IDS);

      const unreachable = results.find((result) => result.host === UNREACHABLE);
      expect(unreachable).toMatchObject({ outcome: 'unreachable', visits: null });
      expect(unreachable?.rules.every((rule) => rule.status === 'unknown' && rule.why === 'unreachable')).toBe(true);
      expect(first.output).toMatch(new RegExp(`\\[\\d/8\\] ${UNREACHABLE.replace(/\./g, '\\.')} : Injoignable`));
      expect(first.output).toMatch(/\[8\/8\] .* · écoulé .* · reste environ .* · échecs : 1/);
    },
  );

  it(
    'names its evidence: the tracker set before any choice, the 25-month lifetime asked, ' +
      'the cookie the charte leaves out, the second layer used to refuse',
    () => {
      const byHost = new Map(readAudit(out).portals.map((result) => [result.host.replace(SUFFIX, ''), result]));
      const rule = (behaviour: string, id: string) => byHost.get(behaviour)!.rules.find((judged) => judged.id === id)!;
      expect(
        rule('arrivee', 'consent-before-trackers')
          .evidence.cookies.map((cookie) => cookie.name)
          .sort(),
      ).toEqual(['_pk_id.7.a1b2', '_pk_ses.7.a1b2']);
      const long = rule('longue-duree', 'tracker-lifetime').evidence.cookies.find(
        (cookie) => cookie.name === '_pk_id.7.a1b2',
      );
      expect(long?.requestedSeconds).toBeGreaterThan(24 * 30 * 86400);
      // The browser keeps it 400 days at most, whatever the portal asked.
      expect(long?.secondsLeft).toBeLessThanOrEqual(400 * 86400);
      expect(rule('charte-incomplete', 'charte-complete').evidence.undeclared?.sort()).toEqual([
        '_pk_id.7.a1b2',
        '_pk_ses.7.a1b2',
      ]);
      expect(rule('sans-refus', 'refuse-as-easy').evidence.banner).toEqual({
        accept: 'Tout accepter',
        refuse: null,
        settings: 'Personnaliser',
      });
      expect(byHost.get('sans-refus')!.visits!.refuse.choice).toMatchObject({
        control: 'Sauvegarder mes choix',
        how: 'saveChoices',
      });
      const timeline = byHost.get('arrivee')!.visits!.refuse.timeline.map((event) => event.kind);
      expect(timeline.indexOf('tracker')).toBeLessThan(timeline.indexOf('choice'));
      // Politeness: the visits name the tool, and nothing else was asked of the demo server.
      const asked = server.log.filter((entry) => entry.host.endsWith(SUFFIX));
      expect(new Set(asked.map((entry) => entry.path))).toEqual(
        new Set(['/', '/explore/', '/pages/a-propos/', '/terms/cookies-policy/', '/matomo.php']),
      );
    },
  );

  it('writes audit.json as README documents it (docs/audit.schema.json), and audit.md with the same verdicts', () => {
    const ajv = new Ajv({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync('docs/audit.schema.json', 'utf8')) as object);
    const file = readAudit(out);
    expect(validate(file) ? [] : validate.errors).toEqual([]);
    // A schema that accepts anything proves nothing: a result with a rule missing is refused.
    expect(validate({ ...file, portals: [{ ...file.portals[0], rules: file.portals[0]!.rules.slice(1) }] })).toBe(
      false,
    );
    const markdown = readFileSync(join(out, 'audit.md'), 'utf8');
    expect(markdown).toContain('| arrivee.audit-demo.fr | ✘ | ✘ | ✔ | ✔ | ✔ | ✔ | ✔ |');
    expect(markdown).toContain('clic sur « Tout refuser »');
  });

  describe('audit.html', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-first-run', '--disable-background-networking'],
      });
    });
    afterAll(async () => browser?.close());

    it(
      'stands alone and accessible: no request, axe 0; the table sorts and filters, a cell opens its evidence, ' +
        'each portal has its timeline',
      async () => {
        const { page, address, alone } = await openReport(browser, join(out, 'audit.html'));
        expect(await page.locator('tbody tr').count()).toBe(8);
        expect(await page.locator('article ol.timeline li').count()).toBeGreaterThan(8 * 3);
        expect(
          await page.locator('article[id$="arrivee-audit-demo-fr"] li[data-kind="tracker"]').first().textContent(),
        ).toContain('_pk_');

        await page.getByRole('button', { name: 'Aucun traceur avant votre choix' }).click();
        expect(await page.locator('tbody tr').first().getAttribute('data-host')).toBe(`arrivee${SUFFIX}`);
        await page.locator('tbody tr').first().locator('td').first().locator('summary').click();
        expect(await page.locator('tbody tr').first().locator('td').first().textContent()).toContain('_pk_id.7.a1b2');

        await page.getByLabel('Filtrer les portails').fill('sans-');
        await expect.poll(() => page.locator('tbody tr:visible').count()).toBe(2);
        expect(await page.locator('#count').textContent()).toBe('2 portails affichés sur 8');
        await page.getByLabel('Filtrer les portails').fill('');
        await page.getByLabel('Seulement les portails avec une règle non respectée').check();
        await expect.poll(() => page.locator('tbody tr:visible').count()).toBe(6);

        expect(await alone()).toEqual({ violations: [], requests: [address] });
      },
    );
  });

  it(
    'resumes: a rerun with the same directory redoes no portal already audited, ' +
      'and tries the unreachable one again',
    async () => {
      const file = (host: string) => join(out, 'portals', `${host}.json`);
      const hosts = readAudit(out).portals.map((result) => result.host);
      const audited = hosts.filter((host) => host !== UNREACHABLE);
      const before = audited.map((host) => statSync(file(host)).mtimeMs);
      const triedAt = readAudit(out).portals.find((result) => result.host === UNREACHABLE)!.auditedAt;
      const again = await runAudit(server, out, portals);
      expect(again.code).toBe(1);
      expect(again.output).toContain('7 portails déjà audités dans ce dossier : ils ne sont pas refaits.');
      expect(again.output).toContain('1 portails injoignables ou en échec la dernière fois : ils sont retentés.');
      expect(audited.map((host) => statSync(file(host)).mtimeMs)).toEqual(before);
      expect(readAudit(out).portals.map((result) => result.host)).toEqual(hosts);
      expect(readAudit(out).portals.find((result) => result.host === UNREACHABLE)!.auditedAt > triedAt).toBe(true);
    },
  );

  describe('the observatory, from this run and a later one where one portal changed', () => {
    let runs: string;
    let site: string;
    let browser: Browser;
    beforeAll(async () => {
      runs = mkdtempSync(join(tmpdir(), 'cookies-ods-runs-'));
      site = mkdtempSync(join(tmpdir(), 'cookies-ods-site-'));
      cpSync(out, join(runs, '1'), { recursive: true });
      // A week later, the compliant portal records « Tout refuser » and sets Matomo anyway.
      server.setAuditBehaviour(`conforme${SUFFIX}`, 'refus-ignore');
      const second = await runAudit(server, join(runs, '2'), [`conforme${SUFFIX}`, `sans-gestion${SUFFIX}`]);
      expect(second.code).toBe(0);
      const built = await runObservatory(['build', runs, '--out', site]);
      expect(built.output).toMatch(/Observatoire écrit dans .* : 2 passages, 8 portails, 1 changements/);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-first-run', '--disable-background-networking'],
      });
    }, 120_000);
    afterAll(async () => {
      await stopAudits();
      await browser?.close();
      for (const dir of [runs, site]) if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it(
      'feeds exactly that change, shows it on the portal’s page, ' + 'and keeps one row per portal × rule × run',
      async () => {
        const feed = parseFeed(readFileSync(join(site, 'changes.atom'), 'utf8'));
        expect(feed.items.map((item) => item.title)).toEqual([
          `conforme${SUFFIX} — Votre refus est respecté : respectée → non respectée`,
        ]);
        const page = readFileSync(join(site, 'portals', `conforme${SUFFIX}.html`), 'utf8');
        expect(page).toMatch(/Votre refus est respecté<br><small>non respectée depuis le \d+ \S+ \d{4}/);
        const history = parse(readFileSync(join(site, 'data/history.csv'), 'utf8'), { columns: true }) as Array<
          Record<string, string>
        >;
        expect(history).toHaveLength(8 * 7 * 2);
        expect(history.filter((row) => row.run === '2' && row.status !== 'absent').map((row) => row.host)).toEqual([
          ...Array(7).fill(`conforme${SUFFIX}`),
          ...Array(7).fill(`sans-gestion${SUFFIX}`),
        ]);
        const described = await datapackage.Package.load(join(site, 'data/datapackage.json'));
        expect(described.errors.map(String)).toEqual([]);
        for (const resource of described.resources) await expect(resource.read({ cast: true })).resolves.toBeDefined();
      },
    );

    it(
      'opens index.html with no request and axe 0, its trend readable as text, ' +
        'its portals linked to their history',
      async () => {
        const { page, address, alone } = await openReport(browser, join(site, 'index.html'));
        expect(await page.locator('table[aria-labelledby="rules-title"] tbody tr').count()).toBe(8);
        expect(await page.locator('figure.trend').count()).toBe(7);
        // Run 1: refused but tracked on arrivee and refus-ignore (5 of 7 judged); run 2: conforme now ignores it.
        expect(
          await page
            .getByRole('img', {
              name: new RegExp(
                String.raw`^Votre refus est respecté : 50\s%\sau dernier passage \(1 portails sur 2 jugés\), ` +
                  String.raw`71\s%\sau premier`,
              ),
            })
            .count(),
        ).toBe(1);
        expect(await alone()).toEqual({ violations: [], requests: [address] });
        await page.getByRole('link', { name: `conforme${SUFFIX}` }).click();
        await expect.poll(() => page.url()).toMatch(/portals\/conforme\.audit-demo\.fr\.html$/);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`conforme${SUFFIX}`);
      },
    );
  });
});

// The audit on portals whose banner is a city's real consent manager, unmodified from npm
// (scripts/demo/audit-managers.mjs): tarteaucitron.js 1.34, Orejime 3.2.1 in its standard and DSFR themes.

/** Rule by rule, in the order of RULES: what the visits prove. */
const MANAGED: Record<string, { rules: string; manager: string }> = {
  'tac-refus-ignore': { rules: '✔ ✘ ✔ ✔ ✔ ✔ ✔', manager: 'tarteaucitron' },
  // Icons for words: no refusal a visitor can read on the first layer, so « refuse as easy » is not
  // judged; the refusal itself is made through tarteaucitron's own controls (autoconsent), and honoured.
  'tac-icones': { rules: '✔ ✔ ? ✔ ✔ ✔ ✔', manager: 'tarteaucitron' },
  'orejime-conforme': { rules: '✔ ✔ ✔ ✔ ✔ ✔ ✔', manager: 'Orejime' },
  'orejime-dsfr': { rules: '✔ ✔ ✔ ✔ ✔ ✔ ✔', manager: 'Orejime' },
};

describe('cookies-ods-audit on portals run by tarteaucitron and Orejime', () => {
  let server: DemoServer;
  let out: string;
  let run: { code: number | null; output: string };
  let byHost: Map<string, PortalResult>;

  // Its own run, after the first describe's in this file: two audits at once would share two cores.
  beforeAll(async () => {
    server = await startDemoServer();
    out = mkdtempSync(join(tmpdir(), 'cookies-ods-audit-managers-'));
    run = await runAudit(
      server,
      out,
      Object.keys(MANAGED).map((behaviour) => `${behaviour}${SUFFIX}`),
    );
    const file = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { portals: PortalResult[] };
    byHost = new Map(file.portals.map((result) => [result.host.replace(SUFFIX, ''), result]));
  }, 240_000);
  afterAll(async () => {
    await stopAudits();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('judges every rule the visits prove, and names each portal’s consent manager', () => {
    expect(run.code).toBe(0);
    const found = Object.fromEntries(
      [...byHost].map(([behaviour, result]) => [
        behaviour,
        { rules: result.rules.map((rule) => MARK[rule.status]).join(' '), manager: result.consentManager },
      ]),
    );
    expect(found).toEqual(MANAGED);
    const ajv = new Ajv({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync('docs/audit.schema.json', 'utf8')) as object);
    expect(validate(JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'))) ? [] : validate.errors).toEqual([]);
    expect(readFileSync(join(out, 'audit.html'), 'utf8')).toContain('Gestionnaire de consentement : tarteaucitron');
  });

  it('refuses through each banner’s own button, and through autoconsent when the words are icons', () => {
    expect(byHost.get('tac-refus-ignore')!.visits!.refuse.choice).toMatchObject({
      control: 'Tout refuser',
      how: 'refuseAll',
    });
    expect(byHost.get('orejime-conforme')!.visits!.refuse.choice).toMatchObject({
      control: 'Refuser',
      how: 'refuseAll',
    });
    expect(byHost.get('orejime-dsfr')!.visits!.refuse.choice).toMatchObject({ how: 'refuseAll' });
    expect(byHost.get('tac-icones')!.visits!.refuse.choice).toMatchObject({ how: 'autoconsent' });
  });

  it('the evidence of a refusal not honoured is Google Analytics written after the click', () => {
    const result = byHost.get('tac-refus-ignore')!;
    const refusal = result.rules.find((rule) => rule.id === 'refusal-honoured')!;
    const clicked = result.visits!.refuse.choice!.at;
    // tarteaucitron purges `_ga` of a refused service as it goes; `_ga_<id>` stays, written again on each page.
    // (orejime-refus-ignore, the same with Orejime, is left to the demo: one audit round of four portals here.)
    expect(refusal.evidence.cookies.length).toBeGreaterThan(0);
    for (const cookie of refusal.evidence.cookies) {
      expect(cookie.name).toMatch(/^_ga/);
      expect(cookie.seenAt).toBeGreaterThan(clicked);
    }
  });
});
