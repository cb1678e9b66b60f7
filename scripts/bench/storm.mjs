// `npm run bench -- storm`: ten portal tabs each writing about 100 cookies a second (50 names each, rewritten),
// for a bounded time, against the loopback demo server only. Seven of them share opendatasoft.com,
// past Chromium's 180 cookies a site: it evicts and takes back cookies all the time. The popup's
// slowdown must stay near the static popup's, and the journal must hold every first appearance.
// Medians of 21: with two cores saturated, medians of 11 moved by ±30 % from one run to the next.
import { timeOpenings } from './open-popup.mjs';
import { fmt, report } from './table.mjs';

export async function benchStorm({ context, hub, observer, ours, floor }) {
  const STORM_HOSTS = [
    'data.issy.com',
    'data.ville-soissons.fr',
    'data.ville-cesson.fr',
    'valenciennesmetro.opendatasoft.com',
    'metropole-demo.opendatasoft.com',
    'english-demo.opendatasoft.com',
    'consent-demo.opendatasoft.com',
    'dashboard-demo.opendatasoft.com',
    'demo.my.opendatasoft.com',
    'aix-en-provence.opendatasoft.com',
  ];
  const STORM_MS = 100_000;
  const ROUNDS = 21;
  const JOURNAL_COUNT_MS = 5_000;
  const stormTabs = [];
  for (const [index, host] of STORM_HOSTS.entries()) {
    const page = await context.newPage();
    await page.goto(`https://${host}/`);
    stormTabs.push({ page, host, index });
  }
  const measured = () => timeOpenings({ observer, ours, floor, tab: stormTabs[1].page, rows: 4, runs: ROUNDS });
  const idle = await measured();
  const stormStarted = performance.now();
  const writes = Promise.all(
    stormTabs.map(({ page, index }) =>
      page.evaluate(
        ([tab, ms]) =>
          new Promise((done) => {
            let count = 0;
            const started = performance.now();
            const timer = setInterval(() => {
              document.cookie = `storm_${tab}_${count % 50}=${count}; Path=/; Max-Age=3600; Secure`;
              count++;
              if (performance.now() - started > ms) {
                clearInterval(timer);
                done(count);
              }
            }, 10);
          }),
        [index, STORM_MS],
      ),
    ),
  );
  await new Promise((done) => setTimeout(done, 2000));
  // With the floor under the same load: how much slower any extension page that asks the background opens while the
  // browser is this busy.
  const stormy = await measured();
  // How often the journal is written, counted after the measure by a page that hears session
  // storage: a listener there would have slowed the popup that shares its process.
  const journalWrites = await hub.evaluate(async (ms) => {
    let count = 0;
    const counting = (changes) => Object.keys(changes).some((key) => key.startsWith('journal:')) && count++;
    chrome.storage.session.onChanged.addListener(counting);
    await new Promise((done) => setTimeout(done, ms));
    chrome.storage.session.onChanged.removeListener(counting);
    return count;
  }, JOURNAL_COUNT_MS);
  const stormStillOn = performance.now() - stormStarted < STORM_MS;
  const written = (await writes).reduce((sum, count) => sum + count, 0);
  await new Promise((done) => setTimeout(done, 1000));
  const journaled = await hub.evaluate(async () => {
    const stored = (await chrome.storage.session.get('journal:0'))['journal:0'];
    return Object.values(stored?.cookies ?? {}).filter((times) => times.name.startsWith('storm_')).length;
  });
  report(
    `storm: ${written} cookie writes in ${STORM_MS / 1000} s from 10 tabs`,
    `${Math.round(written / (STORM_MS / 1000))} writes/s`,
  );
  if (!stormStillOn) throw new Error('the storm ended before the popup was measured: lengthen STORM_MS');
  const oursSlower = stormy.ours.firstRow / idle.ours.firstRow;
  const staticSlower = stormy.floor.firstRow / idle.floor.firstRow;
  report(
    `  popup's first row from openPopup(), idle → under the storm, median of ${ROUNDS}`,
    `${fmt(idle.ours.firstRow)} → ${fmt(stormy.ours.firstRow)} (${oursSlower.toFixed(2)}×)`,
  );
  report(
    '  static popup (floor), idle → under the storm',
    `${fmt(idle.floor.firstRow)} → ${fmt(stormy.floor.firstRow)} (${staticSlower.toFixed(2)}×)`,
  );
  report("  popup's slowdown / static popup's slowdown", `${(oursSlower / staticSlower).toFixed(2)}×`, '≤ 1.2×');
  report(
    `  journal writes, counted for ${JOURNAL_COUNT_MS / 1000} s under the storm`,
    `${(journalWrites / (JOURNAL_COUNT_MS / 1000)).toFixed(1)} a second`,
  );
  report(
    '  first appearances in the journal',
    `${journaled} of ${STORM_HOSTS.length * 50}`,
    `${STORM_HOSTS.length * 50}`,
  );
}
