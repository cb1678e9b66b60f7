// The extension in Debian's Chromium against the demo server, beside the floor's minimal extension: what the popup,
// clearing, import, storm and wake benches share.
import { DIST, launchChromium, unpackedExtensionId } from '../browsers.mjs';
import { startDemoServer } from '../demo/server.mjs';
import { popupObserver, removeStaticExtension, STATIC_DIR, staticWorker, writeStaticExtension } from './open-popup.mjs';

export async function openExtension({ observePopups }) {
  const server = await startDemoServer();
  writeStaticExtension();
  const chromium = await launchChromium({
    server,
    extensions: [DIST.chrome, STATIC_DIR],
    extraArgs: ['--remote-debugging-port=0'],
  });
  let observer = null;
  // A measure that fails still closes the browser: its profile goes, nothing is left in /tmp. A session closed
  // already leaves it to the next one.
  const onFailure = async (error) => {
    await close().catch(() => undefined);
    console.error(error);
    process.exit(1);
  };
  process.once('uncaughtException', onFailure);
  async function close() {
    process.off('uncaughtException', onFailure);
    await observer?.disconnect();
    await chromium.close();
    removeStaticExtension();
    await server.close();
  }
  const { context, worker } = chromium;
  const floor = await staticWorker(context);
  observer = observePopups ? await popupObserver(chromium.profile) : null;
  const hub = await context.newPage();
  await hub.goto(chromium.extensionUrl('options.html'));

  /** A demo portal's page with `count` cookies: its own four, and more set by its server. */
  async function portalWith(host, count) {
    const page = await context.newPage();
    await page.goto(`https://${host}/`);
    const extra = Array.from(
      { length: count - 4 },
      (_, i) => `bench_${i}=${'v'.repeat(20)}; Path=/; Max-Age=86400; Secure`,
    );
    for (let i = 0; i < extra.length; i += 60) {
      const query = new URLSearchParams(extra.slice(i, i + 60).map((c) => ['c', c])).toString();
      await page.evaluate(async (q) => void (await fetch(`/demo/set-cookies?${q}`)), query);
    }
    return page;
  }

  const tabIdOf = (page) => worker.evaluate(async (url) => (await chrome.tabs.query({ url })).at(0)?.id, page.url());

  return {
    chromium,
    context,
    hub,
    observer,
    floor,
    ours: { worker, id: unpackedExtensionId(DIST.chrome) },
    portalWith,
    tabIdOf,
    close,
  };
}
