// The popup timed the way a user waits: from `chrome.action.openPopup()` on a portal tab until the
// cookies' rows are on screen, alternated in the same browser with an extension whose popup is
// static HTML showing as many rows — the floor that no script can beat.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, unpackedExtensionId } from '../browsers.mjs';
import { median } from './median.mjs';

export const STATIC_DIR = join(DIST.chrome, '..', '.bench-static');

/**
 * The floor: a Manifest V3 extension whose popup is plain HTML, styled with our own sheet, and whose worker only
 * answers a message.
 */
export function writeStaticExtension() {
  mkdirSync(STATIC_DIR, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'static popup',
    version: '1',
    action: { default_popup: 'popup-4.html' },
    background: { service_worker: 'worker.js' },
  };
  writeFileSync(join(STATIC_DIR, 'manifest.json'), JSON.stringify(manifest));
  // The least a stopped worker can do when asked: wake, and answer.
  writeFileSync(
    join(STATIC_DIR, 'worker.js'),
    'chrome.runtime.onMessage.addListener((message, sender, reply) => { reply({ ok: true }); });',
  );
  writeFileSync(join(STATIC_DIR, 'hub.html'), '<!doctype html><title>hub</title>');
  writeFileSync(join(STATIC_DIR, 'popup.css'), readFileSync(join(DIST.chrome, 'popup.css')));
  return STATIC_DIR;
}

/** A static popup with `count` rows, each as a cookie row of ours reads; its file name. */
function writeStaticPopup(count) {
  const row = (i) =>
    [
      '<li class="card cookie"><div class="row cookie-head">',
      `<code class="cookie-name" elementtiming="cookie-name">cookie_${i}</code>`,
      '<span class="muted provider">Fournisseur</span></div>',
      '<p class="purpose">À quoi il sert, en une phrase.</p>',
      '<p class="lifetimes"><span class="observed">expire dans 1 jour</span></p>',
      '<div class="row"><button type="button" class="link">Détails</button>',
      '<button type="button" class="link">Effacer</button></div></li>',
    ].join('');
  const rows = Array.from({ length: count }, (_, i) => row(i)).join('');
  const html = [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">',
    '<link rel="stylesheet" href="popup.css"><title>static</title></head>',
    `<body><main data-static><header><h1>data.example.fr</h1><p class="summary">${count} cookies</p></header>`,
    `<details open class="group"><summary><h2>Cookies</h2></summary><ul>${rows}</ul></details></main></body></html>`,
  ].join('');
  writeFileSync(join(STATIC_DIR, `popup-${count}.html`), html);
  return `popup-${count}.html`;
}

/**
 * In the popup, once attached: when the first row was painted (Element Timing, buffered, so it is
 * known even if the popup was drawn before we looked) and when the last row was drawn (our popup's
 * User Timing mark, made in the task after the frame that drew it; a static page lays out all its
 * rows for its first paint). Element Timing cannot time our last row: it only tells of what is
 * painted inside the window, and that row is below it. The mark comes once the browser drew the
 * frame, before the screen shows it, where paint timings count to the screen: it flatters our last
 * row by that delay — at 4 cookies, all drawn in the first frame, the mark precedes our own first
 * row's Element Timing by 20 to 30 ms. Epoch ms.
 */
const READ_TIMES = `new Promise((resolve) => {
  const times = { firstRow: undefined, lastRow: undefined };
  const done = () => {
    const mark = performance.getEntriesByName('cookies-ods:rows')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    times.lastRow ??= mark ? mark.startTime : document.querySelector('[data-static]') ? paint?.startTime : undefined;
    if (times.firstRow === undefined || times.lastRow === undefined) return;
    resolve({ firstRow: performance.timeOrigin + times.firstRow, lastRow: performance.timeOrigin + times.lastRow });
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.identifier === 'cookie-name') times.firstRow ??= entry.renderTime || entry.loadTime;
    done();
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver(done).observe({ type: 'mark', buffered: true });
  new PerformanceObserver(done).observe({ type: 'paint', buffered: true });
})`;

/**
 * Opens one popup from the given extension's worker, on the tab in front, and returns the delays
 * from the call to the first row painted and to the last row in the page.
 */
async function openOnce(observer, worker, extensionId) {
  const opened = observer.waitForTarget(
    (target) => target.url().startsWith(`chrome-extension://${extensionId}/popup`),
    { timeout: 20_000 },
  );
  const calledAt = await worker.evaluate(() => {
    const at = performance.timeOrigin + performance.now();
    void chrome.action.openPopup();
    return at;
  });
  const popup = await (await opened).asPage();
  const { firstRow, lastRow } = await popup.evaluate(READ_TIMES);
  await popup.close();
  return { firstRow: firstRow - calledAt, lastRow: lastRow - calledAt };
}

/**
 * Playwright does not show an extension's popup as a page: puppeteer, attached to the same browser
 * through the DevTools port, sees it as a target (e2e-notes.md).
 */
export async function popupObserver(profile) {
  const { default: puppeteer } = await import('puppeteer-core');
  const [port] = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n');
  return puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
}

/** The static extension's worker, with its popup set to as many rows as the portal has cookies. */
export async function staticWorker(context) {
  const id = unpackedExtensionId(STATIC_DIR);
  const mine = (worker) => new URL(worker.url()).host === id;
  const worker =
    context.serviceWorkers().find(mine) ?? (await context.waitForEvent('serviceworker', { predicate: mine }));
  return { worker, id };
}

/**
 * Medians of `runs` openings of each popup, alternated (ours, then static), on the portal tab `tab`
 * brought to front: `{ ours: { firstRow, lastRow }, floor: { firstRow, lastRow } }` in ms.
 */
export async function timeOpenings({ observer, ours, floor, tab, rows, runs }) {
  await floor.worker.evaluate((page) => chrome.action.setPopup({ popup: page }), writeStaticPopup(rows));
  const times = { ours: [], floor: [] };
  // Once: a popup closing gives the focus back to the tab, as it does for a user.
  await tab.bringToFront();
  for (let i = 0; i < runs + 2; i++) {
    const mine = await openOnce(observer, ours.worker, ours.id);
    const theirs = await openOnce(observer, floor.worker, floor.id);
    if (i >= 2) {
      times.ours.push(mine);
      times.floor.push(theirs);
    }
  }
  const medians = (list) => ({
    firstRow: median(list.map((t) => t.firstRow)),
    lastRow: median(list.map((t) => t.lastRow)),
  });
  return { ours: medians(times.ours), floor: medians(times.floor) };
}

export const removeStaticExtension = () => rmSync(STATIC_DIR, { recursive: true, force: true });
