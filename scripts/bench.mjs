// `npm run bench`: the figures the issues ask for, measured on this machine, printed as a table.
// Report building in Node; popup opening, clearing and bundle sizes in headless Debian Chromium.
// `npm run bench -- storm` runs only the named sections (report, sizes, popup, clear, import, storm,
// observatory, audit). The audit's (270 portals, twice: about half an hour) runs only when named.
import { benchAudit } from './bench/audit.mjs';
import { benchBundleSizes } from './bench/bundle-sizes.mjs';
import { benchClearing } from './bench/clearing.mjs';
import { openExtension } from './bench/extension.mjs';
import { benchImport } from './bench/import.mjs';
import { benchObservatorySite } from './bench/observatory-site.mjs';
import { benchPopup } from './bench/popup.mjs';
import { benchSiteReport } from './bench/site-report.mjs';
import { benchStorm } from './bench/storm.mjs';
import { printTable } from './bench/table.mjs';
import { benchWake } from './bench/wake.mjs';

const chosen = process.argv.slice(2);
const wanted = (section) => (chosen.length === 0 && section !== 'audit') || chosen.includes(section);

if (wanted('report')) await benchSiteReport();
if (wanted('sizes')) benchBundleSizes();
if (wanted('observatory')) await benchObservatorySite();
if (wanted('audit')) await benchAudit();

// The extension's sections share one Chromium. The wake has one of its own, fresh: it stops the worker the others
// drive, and their tabs and journal would weigh on it.
const inBrowser = [
  ['popup', benchPopup],
  ['clear', benchClearing],
  ['import', benchImport],
  ['storm', benchStorm],
].filter(([section]) => wanted(section));
if (inBrowser.length > 0) {
  const extension = await openExtension({ observePopups: wanted('popup') || wanted('storm') });
  for (const [, bench] of inBrowser) await bench(extension);
  await extension.close();
}
if (wanted('sizes')) {
  const extension = await openExtension({ observePopups: false });
  await benchWake(extension);
  await extension.close();
}

printTable();
