/**
 * `observatory build RUNS_DIR --out SITE_DIR`: the whole site from the runs, each file written whole
 * (index.html, portals/<host>.html, changes.atom, data/*.csv and datapackage.json).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeWhole } from '../audit/results';
import type { Translate } from '../core/util/i18n';
import { changesFeed } from './feed';
import { changesOf, portalHistories, type Run } from './history';
import { openData } from './open-data';
import { FEED_FILE, indexPage, portalHistoryPage, portalPage } from './pages';

export interface SiteFigures {
  portals: number;
  changes: number;
}

export async function buildSite(runs: readonly Run[], out: string, t: Translate, baseUrl = ''): Promise<SiteFigures> {
  const histories = portalHistories(runs);
  const changes = changesOf(histories);
  await mkdir(join(out, 'portals'), { recursive: true });
  await mkdir(join(out, 'data'), { recursive: true });
  await writeWhole(join(out, 'index.html'), indexPage(runs, histories, t));
  for (const history of histories) await writeWhole(join(out, portalPage(history.host)), portalHistoryPage(history, t));
  await writeWhole(join(out, FEED_FILE), changesFeed(changes, runs, t, baseUrl));
  const data = openData(runs, histories, t);
  await writeWhole(join(out, 'data', 'history.csv'), data.history);
  await writeWhole(join(out, 'data', 'latest.csv'), data.latest);
  await writeWhole(join(out, 'data', 'datapackage.json'), data.datapackage);
  return { portals: histories.length, changes: changes.length };
}
