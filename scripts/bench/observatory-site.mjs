// `npm run bench -- observatory`: the observatory's site from a year of weekly runs of the directory
// (scripts/bench/observatory.ts).
import { fileURLToPath } from 'node:url';
import { importBuilt } from './built-module.mjs';
import { median } from './median.mjs';
import { report } from './table.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function benchObservatorySite() {
  const { benchObservatory } = await importBuilt('observatory.ts');
  const figures = benchObservatory(`${root}bin/cookies-ods-observatory.mjs`);
  const MB = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
  const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
  report('observatory build, 52 runs × 270 portals (median of 3)', seconds(median(figures.build)), '≤ 10 s');
  report(
    '  floor: reading and parsing the 52 audit.json (median of 3)',
    `${seconds(median(figures.floor))} (build ${(median(figures.build) / median(figures.floor)).toFixed(1)}×)`,
  );
  report('  the runs read (52 audit.json)', MB(figures.runsBytes));
  report('  index.html', MB(figures.indexBytes), '≤ 1 MB');
  report('  largest portal page', MB(figures.largestPortalPage));
  report('  whole site', MB(figures.siteBytes));
  report('  changes.atom entries', String(figures.feedEntries));
}
