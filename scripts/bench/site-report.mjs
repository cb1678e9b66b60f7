// `npm run bench -- report`: the site report and the journal's writes, in Node (scripts/bench/report.ts).
import { importBuilt } from './built-module.mjs';
import { median } from './median.mjs';
import { fmt, report } from './table.mjs';

export async function benchSiteReport() {
  const { benchReport, benchJournal } = await importBuilt('report.ts');
  for (const count of [180, 10_000])
    report(
      `site report, ${count} cookies (median of 50)`,
      fmt(median(benchReport(count, 50))),
      count === 10_000 ? '≤ 5 ms' : '',
    );
  for (const [known, burst] of [
    [500, 15],
    [3000, 150],
  ]) {
    report(
      `journal write per cookie event (${known} known, bursts of ${burst})`,
      `${(median(benchJournal(known, burst, 30)) * 1000).toFixed(1)} µs`,
    );
  }
}
