// `npm run bench`: the figures the issues ask for, measured on this machine, printed as a table.
// Report building in Node; popup opening, clearing and bundle sizes in headless Debian Chromium.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { DIST, launchChromium } from './browsers.mjs';
import { startDemoServer } from './demo/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
const rows = [];
const report = (what, value, goal = '') => rows.push([what, value, goal]);

// 1. The site report, in Node.
const benchFile = `${root}dist/.bench-report.mjs`;
await build({ entryPoints: [`${root}scripts/bench/report.ts`], bundle: true, format: 'esm', platform: 'node', outfile: benchFile, logLevel: 'warning' });
const { benchReport } = await import(benchFile);
rmSync(benchFile);
for (const count of [180, 10_000]) report(`site report, ${count} cookies (median of 50)`, fmt(median(benchReport(count, 50))), count === 10_000 ? '≤ 5 ms' : '');

// 2. Bundle sizes.
const gz = (files) => files.reduce((sum, file) => sum + gzipSync(readFileSync(`${DIST.chrome}/${file}`), { level: 9 }).length, 0);
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB (${bytes} B)`;
const pages = JSON.parse(readFileSync(`${root}dist/pages-meta.json`, 'utf8'));
const relative = (path) => path.split('/.bundle/')[1];
/** A page's script and every chunk it imports statically: what the browser loads before the page runs. */
function atOpen(outputs, path, seen = new Set()) {
  if (seen.has(path)) return seen;
  seen.add(path);
  for (const imported of outputs[path].imports) if (imported.kind === 'import-statement') atOpen(outputs, imported.path, seen);
  return seen;
}
for (const page of ['popup', 'options']) {
  const outputs = pages[page];
  const entry = Object.keys(outputs).find((path) => path.endsWith(`/${page}.js`));
  const open = atOpen(outputs, entry);
  const later = Object.keys(outputs).filter((path) => path.endsWith('.js') && !open.has(path));
  report(`${page} JS+CSS at open, gzip`, kB(gz([...[...open].map(relative), `${page}.css`])), page === 'popup' ? '≤ 15 kB' : '');
  if (later.length > 0) report(`  ${page} code loaded on a click, gzip`, kB(gz(later.map(relative))));
}
report('background JS, gzip', kB(gz(['background.js'])), '≤ 8 kB');

// 3. Popup opening and clearing, in Chromium against the demo portal.
writeFileSync(`${DIST.chrome}/bench-blank.html`, '<!doctype html><title>blank</title>');
// A second floor: the same page with one script that adds one row. Starting any script in an
// extension page costs its own time (the extension APIs are bound first), which a blank page never pays.
writeFileSync(`${DIST.chrome}/bench-script.html`, '<!doctype html><title>script</title><script src="bench-script.js"></script>');
writeFileSync(`${DIST.chrome}/bench-script.js`, "document.addEventListener('DOMContentLoaded', () => document.body.append(Object.assign(document.createElement('div'), { className: 'cookie' })));");
const server = await startDemoServer();
const chromium = await launchChromium({ server });
const { context, worker } = chromium;

async function portalWith(host, count) {
  const page = await context.newPage();
  await page.goto(`https://${host}/`);
  const extra = Array.from({ length: count - 4 }, (_, i) => `bench_${i}=${'v'.repeat(20)}; Path=/; Max-Age=86400; Secure`);
  for (let i = 0; i < extra.length; i += 60) {
    const query = new URLSearchParams(extra.slice(i, i + 60).map((c) => ['c', c])).toString();
    await page.evaluate(async (q) => void (await fetch(`/demo/set-cookies?${q}`)), query);
  }
  return worker.evaluate(async (url) => (await chrome.tabs.query({ url })).at(0)?.id, `https://${host}/`);
}

/**
 * From navigation start to the moment the page is ready, on the page's own clock: a blank page when
 * its DOM is loaded, the popup when all its explained rows are in the DOM (seen by a MutationObserver).
 */
async function openTimes(path, rows, runs = 25) {
  const times = [];
  for (let i = 0; i < runs + 3; i++) {
    const page = await context.newPage();
    await page.addInitScript((count) => {
      const done = () => (window.readyAt ??= performance.now());
      if (count === 0) document.addEventListener('DOMContentLoaded', done);
      else new MutationObserver(() => document.querySelectorAll('.cookie').length >= count && done()).observe(document, { childList: true, subtree: true });
    }, rows);
    await page.goto(chromium.extensionUrl(path), { waitUntil: 'commit' });
    const ms = await (await page.waitForFunction(() => window.readyAt)).jsonValue();
    if (i >= 3) times.push(ms);
    await page.close();
  }
  return median(times);
}

const blank = await openTimes('bench-blank.html', 0);
report('blank extension page (floor), median of 25', fmt(blank));
const scripted = await openTimes('bench-script.html', 1);
report('extension page with one script adding one row, median of 25', fmt(scripted));
for (const [host, count] of [['data.issy.com', 4], ['data.ville-soissons.fr', 50], ['aix-en-provence.opendatasoft.com', 180]]) {
  const tabId = await portalWith(host, count);
  const ms = await openTimes(`popup.html?tab=${tabId}`, count);
  report(`popup, ${count} cookies explained, median of 25`, `${fmt(ms)} (${(ms / blank).toFixed(2)}× blank, ${(ms / scripted).toFixed(2)}× scripted)`, count === 180 ? '≤ 1.15× blank' : '');
}

// 4. Clearing 180 cookies through the background, every removal checked.
const hub = await context.newPage();
await hub.goto(chromium.extensionUrl('bench-blank.html'));
const clearTimes = [];
for (let i = 0; i < 7; i++) {
  const tabId = await portalWith('aix-en-provence.opendatasoft.com', 180);
  clearTimes.push(
    await hub.evaluate(async (id) => {
      const view = await chrome.runtime.sendMessage({ type: 'siteView', tabId: id });
      const cookies = view.report.groups.flatMap((group) => group.cookies.map((item) => item.cookie));
      const started = performance.now();
      const outcome = await chrome.runtime.sendMessage({ type: 'removeCookies', cookies });
      if (outcome.done.length !== 180) throw new Error(`removed ${outcome.done.length} of ${cookies.length}`);
      return performance.now() - started;
    }, tabId),
  );
}
report('clearing 180 cookies (verified), median of 7', fmt(median(clearTimes)), '≤ 300 ms');

await chromium.close();
await server.close();
for (const file of ['bench-blank.html', 'bench-script.html', 'bench-script.js']) rmSync(`${DIST.chrome}/${file}`);

const width = Math.max(...rows.map(([what]) => what.length));
console.log(`\nCookies ODS benchmark — ${new Date().toISOString()}, node ${process.version}\n`);
for (const [what, value, goal] of rows) console.log(`${what.padEnd(width)}  ${value.padEnd(40)}  ${goal}`);
