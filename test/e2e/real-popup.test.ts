/**
 * The real toolbar popup, opened the way a keyboard user opens it: the action's shortcut, pressed
 * in a headful Chromium on a virtual display. Only that user gesture grants `activeTab`, which the
 * popup needs to look at a site the extension does not know (`chrome.action.openPopup()` grants nothing).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHROMIUM, chromiumArgs, requireBrowser } from '../../scripts/browsers.mjs';
import { startDemoServer, type DemoServer } from './demo';

const SHORTCUT = 'alt+shift+k';

/** A free X display of our own, so the test needs no display from the machine. */
async function startDisplay(): Promise<{ display: string; stop: () => void }> {
  requireBrowser('/usr/bin/Xvfb', 'xvfb');
  requireBrowser('/usr/bin/xdotool', 'xdotool');
  let number = 90;
  while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number++;
  const display = `:${number}`;
  const xvfb: ChildProcess = spawn('Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  const stop = () => xvfb.kill();
  // Stopped on any failure too: a display left running keeps its lock and socket in /tmp.
  process.once('exit', stop);
  await vi
    .waitFor(
      () => {
        if (!existsSync(`/tmp/.X11-unix/X${number}`)) throw new Error('Xvfb did not start');
      },
      { timeout: 10_000, interval: 50 },
    )
    .catch((error: unknown) => {
      stop();
      throw error;
    });
  return { display, stop };
}

describe('the real toolbar popup, opened with its keyboard shortcut, in chromium', () => {
  let server: DemoServer;
  let screen: { display: string; stop: () => void };
  let browser: Browser;
  let worker: WebWorker;
  let extensionId: string;
  let profile: string;

  beforeAll(async () => {
    requireBrowser(CHROMIUM, 'chromium');
    [server, screen] = await Promise.all([startDemoServer(), startDisplay()]);
    profile = mkdtempSync(join(tmpdir(), 'cookies-ods-real-popup-'));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: false,
      userDataDir: profile,
      acceptInsecureCerts: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      env: { ...process.env, DISPLAY: screen.display, LANGUAGE: 'fr' },
      // Playwright adds --no-sandbox by itself (needed as root); puppeteer does not.
      args: [...chromiumArgs(server), '--no-sandbox', '--window-size=1200,850'],
    });
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    );
    extensionId = new URL(target.url()).host;
    worker = (await target.worker()) as WebWorker;
  });

  afterAll(async () => {
    try {
      await browser?.close();
      await server?.close();
    } finally {
      screen?.stop();
      if (profile) rmSync(profile, { recursive: true, force: true });
    }
  });

  /** Shows the site in the one tab, presses the shortcut as a user would, and attaches to the popup that opens. */
  async function popupOn(url: string): Promise<Page> {
    const [tab] = await browser.pages();
    await tab!.goto(url);
    await tab!.bringToFront();
    const opened = browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${extensionId}/popup.html`), {
      timeout: 10_000,
    });
    execFileSync('xdotool', ['key', '--clearmodifiers', SHORTCUT], {
      env: { ...process.env, DISPLAY: screen.display },
    });
    const popup = (await (await opened).asPage()) as Page;
    await popup.waitForSelector('main:not([aria-busy])', { timeout: 10_000 });
    return popup;
  }
  const text = (popup: Page, selector: string) => popup.$eval(selector, (el) => el.textContent ?? '');
  const detected = async (popup: Page) => {
    // Drawn after the rows (a chunk of its own), then searching: the answer is the text that follows.
    await popup.waitForFunction(
      () => {
        const said = document.querySelector('.detected')?.textContent;
        return said !== undefined && said !== null && !said.startsWith('Recherche');
      },
      { timeout: 10_000 },
    );
    return text(popup, '.detected');
  };

  it('explains a known portal’s cookies, finding the tab by itself', async () => {
    const popup = await popupOn('https://data.issy.com/');
    await popup.waitForSelector('[data-cookie="sessionid"]');
    expect(await text(popup, '.site-host')).toBe('data.issy.com');
    await popup.close();
  });

  it('does not take a page that embeds Opendatasoft widgets for a portal', async () => {
    const popup = await popupOn('https://blog.exemple.fr/');
    expect(await text(popup, '.portal-status')).toBe("Ce site n'est pas un portail Opendatasoft connu.");
    expect(await detected(popup)).toBe("Aucun signe d'un portail Opendatasoft sur cette page.");
    await popup.close();
  });

  it(
    'recognises an unknown custom-domain portal by its own frame, ' +
      'and « Ajouter ce site » records it with its registrable domain',
    async () => {
      const popup = await popupOn('https://data.exemple-portail.fr/');
      expect(await detected(popup)).toBe('Ce site semble être un portail Opendatasoft.');
      // The permission prompt then takes the focus and closes the popup, maybe before the click's
      // mouse-up is through: the portal is saved all the same.
      await popup.click('.add-portal').catch((error: unknown) => {
        if (!/Target closed/.test(String(error))) throw error;
      });
      const stored = async () =>
        JSON.parse(
          String(
            await worker.evaluate(
              'chrome.storage.sync.get("portals").then((s) => JSON.stringify(s.portals?.custom ?? []))',
            ),
          ),
        ) as unknown;
      await expect
        .poll(stored, { timeout: 10_000 })
        .toEqual([{ pattern: 'data.exemple-portail.fr', enabled: true, site: 'exemple-portail.fr' }]);
      const again = await popupOn('https://data.exemple-portail.fr/');
      expect(await text(again, '.portal-status')).toBe('Portail Opendatasoft reconnu');
      expect(await text(again, '.not-portal')).toContain("L'extension n'a pas encore accès aux cookies de ce site.");
      await again.close();
    },
  );
});
