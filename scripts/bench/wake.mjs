// `npm run bench -- sizes`, in the browser: what the background's bytes cost there. A shard of the Open Cookie
// Database read from the package; the background woken by a question, as the popup finds it after the browser
// stopped it idle, against a minimal extension's stopped worker woken by one message.
import { STATIC_DIR } from './open-popup.mjs';
import { unpackedExtensionId } from '../browsers.mjs';
import { median } from './median.mjs';
import { fmt, report } from './table.mjs';

export async function benchWake({ chromium, context, hub, portalWith, tabIdOf }) {
  const loads = await hub.evaluate(async () => {
    const times = [];
    for (let i = 0; i < 9; i++) {
      const started = performance.now();
      const read = async (file) => (await fetch(chrome.runtime.getURL(file), { cache: 'no-store' })).json();
      const rows = await read('open-cookie-database-0.json');
      if (!Array.isArray(rows)) throw new Error('no rows');
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[4];
  });
  report('  one shard, read and parsed from the package, median of 9', fmt(loads));
  const portalTab = await portalWith('data.ville-soissons.fr', 50);
  const tabId = await tabIdOf(portalTab);
  const ask = () =>
    hub.evaluate(async (id) => {
      const started = performance.now();
      const { value } = await chrome.runtime.sendMessage({ type: 'siteView', tabId: id });
      if (!(value?.report?.counts.total >= 50)) throw new Error('no view of the portal');
      return performance.now() - started;
    }, tabId);
  // The floor, asked alternately in the same Chromium: a minimal MV3 extension's stopped worker
  // woken by one message (the static popup's extension: its worker only answers).
  // Asked from a page of its own, as our site view is asked from ours.
  const minimal = unpackedExtensionId(STATIC_DIR);
  const minimalHub = await context.newPage();
  await minimalHub.goto(`chrome-extension://${minimal}/hub.html`);
  const askMinimal = () =>
    minimalHub.evaluate(async () => {
      const started = performance.now();
      const answer = await chrome.runtime.sendMessage({});
      if (!answer?.ok) throw new Error('the minimal extension did not answer');
      return performance.now() - started;
    });
  // Our background asked about a page that is no site: its script woken, nothing read.
  const hubTab = await tabIdOf(hub);
  const askNothing = () =>
    hub.evaluate(async (id) => {
      const started = performance.now();
      const { value } = await chrome.runtime.sendMessage({ type: 'siteView', tabId: id });
      if (value?.kind !== 'noSite') throw new Error('an extension page is no site');
      return performance.now() - started;
    }, hubTab);
  // Medians of 21, alternated: a wake's time moves by a few milliseconds from one to the next, as much as the
  // difference measured.
  const WAKES = 21;
  const [cold, warm, floor, nothing] = [[], [], [], []];
  for (let i = 0; i < WAKES; i++) {
    if (!(await chromium.stopBackground(minimal))) throw new Error('the minimal background did not stop');
    floor.push(await askMinimal());
    if (!(await chromium.stopBackground())) throw new Error('the background did not stop');
    nothing.push(await askNothing());
    if (!(await chromium.stopBackground())) throw new Error('the background did not stop');
    cold.push(await ask());
    warm.push(await ask());
  }
  report(
    `site view of a 50-cookie portal, background stopped → running, median of ${WAKES}`,
    `${fmt(median(cold))} → ${fmt(median(warm))}`,
  );
  report("  a minimal extension's stopped worker answering one message (floor)", fmt(median(floor)));
  report('  our stopped background asked about no site (its start alone)', fmt(median(nothing)));
  report('  cold site view / floor', `${(median(cold) / median(floor)).toFixed(2)}×`, '≤ 2×');
  await minimalHub.close();
  await portalTab.close();
}
