// `npm run bench -- import`: 5 000 portals imported in the options page, the page opened again with them, and the site
// view with them against the built-in eight.
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmt, ratio, report } from './table.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The background's site view for a tab, asked by an extension page, median of 31 (ms). */
function siteViewTime(hub, tabId) {
  return hub.evaluate(async (id) => {
    const times = [];
    for (let i = 0; i < 31; i++) {
      const started = performance.now();
      await chrome.runtime.sendMessage({ type: 'siteView', tabId: id });
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[15];
  }, tabId);
}

export async function benchImport({ chromium, context, hub, portalWith, tabIdOf }) {
  const portalTab = await portalWith('data.ville-soissons.fr', 50);
  const tabId = await tabIdOf(portalTab);
  const builtInOnly = await siteViewTime(hub, tabId);
  const file = `${root}dist/.bench-import.json`;
  writeFileSync(
    file,
    JSON.stringify({
      portals: Array.from({ length: 5000 }, (_, i) => ({ pattern: `data.ville-${i}.fr`, enabled: true })),
    }),
  );
  const options = await context.newPage();
  await options.goto(chromium.extensionUrl('options.html'));
  await options.waitForSelector('.portal');
  const started = Date.now();
  await options.setInputFiles('input.import', file);
  await options.waitForFunction(() => document.querySelectorAll('.portal').length >= 5005, null, {
    timeout: 120_000,
  });
  report('import of 5 000 portals, until listed', fmt(Date.now() - started), '≤ 2 s');
  const reopened = await context.newPage();
  const reopenStarted = Date.now();
  await reopened.goto(chromium.extensionUrl('options.html'));
  await reopened.waitForFunction(() => document.querySelectorAll('.portal').length >= 5005, null, {
    timeout: 120_000,
  });
  report('  options page opened again with them', fmt(Date.now() - reopenStarted));
  const withImported = await siteViewTime(hub, tabId);
  report(
    '  site view of a 50-cookie portal, 8 portals known → 5 008',
    `${fmt(builtInOnly)} → ${fmt(withImported)} (${ratio(withImported, builtInOnly)})`,
    'the same',
  );
  await portalTab.close();
  await hub.evaluate(async () => {
    await chrome.storage.sync.remove('portals');
    await chrome.storage.local.remove('portals');
  });
  await options.close();
  await reopened.close();
  rmSync(file);
}
