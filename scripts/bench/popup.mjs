// `npm run bench -- popup`: the toolbar popup from the click (`chrome.action.openPopup()`) to its rows, against a
// static popup of as many rows.
import { timeOpenings } from './open-popup.mjs';
import { fmt, ratio, report } from './table.mjs';

export async function benchPopup({ context, observer, ours, floor, portalWith }) {
  for (const [host, count] of [
    ['data.issy.com', 4],
    ['data.ville-soissons.fr', 50],
    ['aix-en-provence.opendatasoft.com', 180],
    ['data.ville-cesson.fr', 1000],
  ]) {
    const tab = await portalWith(host, count);
    // Chromium keeps at most 180 cookies a site (its per-domain limit): past that, what it kept is what a visitor can
    // have.
    const kept = (await context.cookies(tab.url())).length;
    const runs = count === 1000 ? 5 : 9;
    const times = await timeOpenings({ observer, ours, floor, tab, rows: kept, runs });
    const asked = kept === count ? `${count} cookies` : `${count} cookies set, ${kept} kept by Chromium`;
    report(
      `popup from openPopup(), ${asked}: first row (static popup), median of ${runs}`,
      `${fmt(times.ours.firstRow)} (${fmt(times.floor.firstRow)}): ${ratio(times.ours.firstRow, times.floor.firstRow)}`,
      count === 1000 ? '≤ 1.5×' : '≤ 1.10×',
    );
    report(
      `  last row in the page (static popup)`,
      `${fmt(times.ours.lastRow)} (${fmt(times.floor.lastRow)}): ${ratio(times.ours.lastRow, times.floor.lastRow)}`,
      count === 180 ? '≤ 1.3×' : '',
    );
    await tab.close();
  }
}
