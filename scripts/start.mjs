// `npm start`: builds, serves the demo portal, and opens Chromium with the extension on a demo portal.
// Headless (`npm start -- --headless`, or no display): writes artifacts/popup.png and artifacts/options.png, then
// exits.
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { launchChromium } from './browsers.mjs';
import { startDemoServer } from './demo/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const asked = process.argv.includes('--headless');
const headless = asked || !process.env.DISPLAY;
if (headless && !asked)
  console.log(
    "Pas d'écran ici (DISPLAY n'est pas défini) : Chromium tourne sans fenêtre et les captures vont dans artifacts/." +
      ' / No display: running headless, screenshots in artifacts/.',
  );
// The portal whose analytics start before any choice: the popup shows at once what it is for.
const PORTAL = 'https://arrivee-demo.opendatasoft.com/';

execFileSync(process.execPath, [`${root}scripts/build.mjs`], { stdio: 'inherit' });
const server = await startDemoServer();
const chromium = await launchChromium({ server, headless });
const portal = await chromium.context.newPage();
await portal.goto(PORTAL);

if (!headless) {
  console.log(
    `Chromium est ouvert sur ${PORTAL} avec l'extension : cliquez sur son icône (ou Alt+Maj+K). Ctrl-C pour arrêter.`,
  );
  const stop = async () => {
    await chromium.close();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  chromium.context.on('close', stop);
} else {
  mkdirSync(`${root}artifacts`, { recursive: true });
  const tabId = await chromium.worker.evaluate(async (url) => (await chrome.tabs.query({ url })).at(0)?.id, PORTAL);
  const shots = [
    [`popup.html?tab=${tabId}`, 'popup.png', { width: 380, height: 600 }, '.cookie'],
    ['options.html', 'options.png', { width: 900, height: 900 }, '.portal'],
  ];
  for (const [path, file, viewport, ready] of shots) {
    const page = await chromium.context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(chromium.extensionUrl(path));
    await page.waitForSelector(ready);
    await page.screenshot({ path: `${root}artifacts/${file}`, fullPage: true });
    console.log(`capture écrite : artifacts/${file}`);
  }
  await chromium.close();
  await server.close();
}
