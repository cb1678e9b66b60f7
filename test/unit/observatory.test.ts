import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parse } from 'csv-parse/sync';
import datapackage from 'datapackage';
import { afterEach, describe, expect, it } from 'vitest';
import { writeReports } from '../../src/audit/write-reports';
import { saveResult, TOOL, type PortalResult } from '../../src/audit/results';
import { readRuns } from '../../src/observatory/runs';
import { buildSite } from '../../src/observatory/site';
import { audited, unreachable } from '../helpers/audited';
import { translatorFor } from '../helpers/translate';

const t = translatorFor('fr');
const DAY = 86_400_000;
const MONDAY = Date.UTC(2026, 11, 7, 3);
const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cookies-ods-observatory-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A run folder as the audit leaves it: its portal files and its three reports. */
async function writeRun(runs: string, name: string, results: PortalResult[], reports = true) {
  const out = join(runs, name);
  mkdirSync(out, { recursive: true });
  for (const result of results) await saveResult(out, result);
  if (reports) await writeReports(out, results, t, TOOL);
}

const read = (site: string, file: string) => readFileSync(join(site, file), 'utf8');
const csv = (text: string) => parse(text, { columns: true }) as Array<Record<string, string>>;

/**
 * Three portals over two weekly runs: `change` starts tracking before any choice, `gone` leaves the list, `down` stops
 * answering.
 */
async function twoRuns() {
  const runs = folder();
  await writeRun(runs, '2026-12-07', [
    audited('change.exemple.fr', MONDAY, false),
    audited('steady.exemple.fr', MONDAY + 1000, true),
    audited('gone.exemple.fr', MONDAY + 2000, false),
    audited('down.exemple.fr', MONDAY + 3000, true),
  ]);
  // Its reports were not written (the run was stopped): the portal files are the run.
  await writeRun(
    runs,
    '2026-12-14',
    [
      audited('change.exemple.fr', MONDAY + 7 * DAY, true),
      audited('steady.exemple.fr', MONDAY + 7 * DAY + 1000, true),
      unreachable('down.exemple.fr', MONDAY + 7 * DAY + 2000),
    ],
    false,
  );
  const site = folder();
  const { runs: ordered } = await readRuns(runs);
  await buildSite(ordered, site, t, 'https://observatoire.exemple.fr/');
  return { runs, site };
}

describe('the observatory site', () => {
  it(
    'feeds exactly what changed between two audits of a portal: ' +
      'neither a portal missing from a run nor an unreachable one is a change',
    async () => {
      const { site } = await twoRuns();
      const feed = parseFeed(read(site, 'changes.atom'));
      expect(feed.meta.type).toBe('atom');
      expect(feed.items.map((item) => item.title)).toEqual([
        'change.exemple.fr — Aucun traceur avant votre choix : respectée → non respectée',
      ]);
      const [entry] = feed.items;
      expect(entry!.url).toBe('https://observatoire.exemple.fr/portals/change.exemple.fr.html');
      expect(entry!.description ?? entry!.content).toContain(
        'respectée à l’audit du 7 décembre 2026'.replace('’', "'"),
      );
      expect(new Date(entry!.updated!).toISOString()).toBe(new Date(MONDAY + 7 * DAY).toISOString());
    },
  );

  it('keeps its feed entries as they were when rebuilt, and a third run adds only its own change', async () => {
    const { runs, site } = await twoRuns();
    const first = parseFeed(read(site, 'changes.atom')).items.map((item) => item.id);
    await writeRun(runs, '2026-12-21', [audited('change.exemple.fr', MONDAY + 14 * DAY, false)]);
    const again = folder();
    await buildSite((await readRuns(runs)).runs, again, t);
    const ids = parseFeed(read(again, 'changes.atom')).items.map((item) => item.id);
    expect(ids).toHaveLength(2);
    expect(ids.slice(1)).toEqual(first);
  });

  it(
    "opens each portal's page on its rules, one mark per run, " + 'and says since when the current status holds',
    async () => {
      const { site } = await twoRuns();
      const page = read(site, 'portals/change.exemple.fr.html');
      expect(page).toContain('non respectée depuis le 14 décembre 2026');
      expect(page).toContain('respectée depuis le 7 décembre 2026'); // the other rules held throughout
      expect(page.match(/<tr>/g)).toHaveLength(1 + 7);
      expect(read(site, 'portals/gone.exemple.fr.html')).toContain('non audité');
      expect(read(site, 'portals/down.exemple.fr.html')).toContain('non audité : injoignable ou en échec');
      expect(readdirSync(join(site, 'portals')).sort()).toEqual([
        'change.exemple.fr.html',
        'down.exemple.fr.html',
        'gone.exemple.fr.html',
        'steady.exemple.fr.html',
      ]);
      const index = read(site, 'index.html');
      // Run 1: 2 of 4 portals set nothing before a choice; run 2: 0 of 2 judged (down is not judged).
      expect(index).toMatch(
        new RegExp(
          String.raw`Aucun traceur avant votre choix</strong> — 0\s%\sau dernier passage \(0 portails sur 2 jugés\), ` +
            String.raw`50\s%\sau premier`,
        ),
      );
      expect(index).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
    },
  );

  it(
    'publishes history.csv (one row per portal × rule × run) and latest.csv, ' +
      'described by a Data Package that validates and types every row',
    async () => {
      const { site } = await twoRuns();
      const history = csv(read(site, 'data/history.csv'));
      expect(history).toHaveLength(4 * 7 * 2);
      const row = (host: string, run: string, rule = 'consent-before-trackers') =>
        history.find((line) => line.host === host && line.run === run && line.rule === rule);
      expect(row('gone.exemple.fr', '2026-12-14')).toMatchObject({
        status: 'absent',
        audited_at: '',
        status_label: 'non audité',
      });
      expect(row('down.exemple.fr', '2026-12-14')).toMatchObject({ status: 'unreachable', why: 'unreachable' });
      expect(row('change.exemple.fr', '2026-12-14')).toMatchObject({
        status: 'fail',
        audited_at: '2026-12-14T03:00:00Z',
        evidence: 'Cookies : _ga',
      });
      const latest = csv(read(site, 'data/latest.csv'));
      expect(latest).toHaveLength(4 * 7);
      expect(
        latest.find((line) => line.host === 'down.exemple.fr' && line.rule === 'consent-before-trackers'),
      ).toMatchObject({ status: 'fail', since: '2026-12-07T03:00:03Z' });

      const described = await datapackage.Package.load(join(site, 'data/datapackage.json'));
      expect(described.errors.map(String)).toEqual([]);
      expect(described.valid).toBe(true);
      for (const resource of described.resources) await expect(resource.read({ cast: true })).resolves.toBeDefined();
      // The check is real: a status outside the schema's list is refused.
      writeFileSync(join(site, 'data/latest.csv'), read(site, 'data/latest.csv').replace('"fail"', '"peut-être"'));
      const broken = await datapackage.Package.load(join(site, 'data/datapackage.json'));
      await expect(broken.getResource('latest').read({ cast: true })).rejects.toThrow();
    },
  );

  it('orders runs of the same day by their audit times, not by their folder names', async () => {
    const runs = folder();
    await writeRun(runs, 'b-matin', [audited('ville.exemple.fr', MONDAY, true)]);
    await writeRun(runs, 'a-soir', [audited('ville.exemple.fr', MONDAY + 12 * 3600_000, false)]);
    const { runs: ordered } = await readRuns(runs);
    expect(ordered.map((run) => run.id)).toEqual(['b-matin', 'a-soir']);
    const site = folder();
    await buildSite(ordered, site, t);
    expect(parseFeed(read(site, 'changes.atom')).items.map((item) => item.title)).toEqual([
      'ville.exemple.fr — Aucun traceur avant votre choix : non respectée → respectée',
    ]);
  });
});
