// Launches Debian's Chromium and Firefox ESR with the built extension, their traffic for the demo
// hosts sent to the local demo server. Shared by `npm start`, `npm run bench` and the E2E tests.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CHROMIUM, FIREFOX } from './debian-browsers.mjs';

export { CHROMIUM, FIREFOX };
const root = fileURLToPath(new URL('..', import.meta.url));
export const DIST = { chrome: join(root, 'dist/chrome'), firefox: join(root, 'dist/firefox') };
const GECKO_ID = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
/** Fixed so tests know the extension's pages' address in Firefox. */
export const FIREFOX_UUID = '6c1f0a3e-5d2b-4e8f-9a7c-0d5e3b2a1f40';

/** A missing browser is an error that says how to install it, never a silent skip. */
export function requireBrowser(path, aptPackage) {
  if (!existsSync(path)) throw new Error(`${path} is missing: install it with "apt-get install -y ${aptPackage}"`);
}

function requireBuild(dir) {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is not built: run "npm run build" first`);
}

/** Chromium's id for an unpacked extension: the first 32 hex digits of sha256(its absolute path), 0-f written a-p. */
export function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/**
 * What every Chromium of ours is launched with: the built extension alone, the demo hosts sent to the demo server,
 * French.
 */
export function chromiumArgs(server, extensions = [DIST.chrome]) {
  return [
    `--disable-extensions-except=${extensions.join(',')}`,
    `--load-extension=${extensions.join(',')}`,
    `--host-resolver-rules=${server.resolverRules}`,
    '--ignore-certificate-errors',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
    '--lang=fr',
  ];
}

export async function launchChromium({ server, headless = true, extraArgs = [], extensions = [DIST.chrome] }) {
  requireBrowser(CHROMIUM, 'chromium');
  requireBuild(DIST.chrome);
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'cookies-ods-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    ignoreHTTPSErrors: true,
    locale: 'fr-FR',
    // The extension speaks the browser's language: French, from Debian's chromium-l10n.
    env: { ...process.env, LANGUAGE: 'fr' },
    viewport: { width: 900, height: 900 },
    args: [
      ...chromiumArgs(server, extensions),
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-quic',
      ...extraArgs,
    ],
  });
  const extensionId = unpackedExtensionId(DIST.chrome);
  const ours = (worker) => new URL(worker.url()).host === extensionId;
  const worker =
    context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours }));
  return {
    name: 'chromium',
    context,
    worker,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    profile,
    /**
     * What Chrome does to our idle service worker: stopped now, started again by the next event.
     * Chrome answers once the worker is terminated; any later event may start a new one at once,
     * even under the same target id, so the answer is the proof, not the target list. True when it
     * stopped, or was not running (Chrome had already stopped it, idle). Another extension's, given its id.
     */
    async stopBackground(id = extensionId) {
      const cdp = await context.browser().newBrowserCDPSession();
      const { targetInfos } = await cdp.send('Target.getTargets');
      const workers = targetInfos.filter(
        (target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${id}/`),
      );
      const answers = await Promise.all(
        workers.map((target) => cdp.send('Target.closeTarget', { targetId: target.targetId })),
      );
      await cdp.detach();
      return answers.every((answer) => answer.success !== false);
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Every window is private when `browser.privatebrowsing.autostart` is on, and a temporary add-on is
 * not allowed there. No pref or driver option grants it: the test grants what the user's « Exécuter
 * dans les fenêtres privées » switch grants, from Firefox's own chrome realm (reached through BiDi,
 * which --remote-allow-system-access opens), then reloads the add-on so it takes effect.
 */
async function allowInPrivateWindows(browser) {
  await inFirefoxChrome(
    browser,
    `const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
    const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
    await ExtensionPermissions.add(${JSON.stringify(GECKO_ID)}, {
      permissions: ['internal:privateBrowsingAllowed'],
      origins: [],
    });
    await (await AddonManager.getAddonByID(${JSON.stringify(GECKO_ID)})).reload();`,
  );
}

/**
 * Runs an async function body in Firefox's own chrome realm, reached through BiDi (which
 * --remote-allow-system-access opens): what about:addons and about:debugging do, for tests only.
 */
export async function inFirefoxChrome(browser, body) {
  const [page] = await browser.pages();
  const bidi = page.mainFrame().browsingContext.userContext.browser.session;
  const { result } = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const answer = await bidi.send('script.evaluate', {
    expression: `(async () => { ${body} })()`,
    target: { context: result.contexts[0].context },
    awaitPromise: true,
  });
  if (answer.result.type !== 'success')
    throw new Error(`Firefox's chrome realm refused: ${JSON.stringify(answer.result)}`);
  return answer.result.result?.value;
}

/**
 * What about:debugging's « Terminate background script » does: the event page stops now, and the next
 * event starts it again. Forced: on a busy machine the page is often still answering a cookie event,
 * and Firefox would then only reset its idle timer — the test means the harsher case, a stop in the
 * middle of work. An event that arrives during the stop starts it again: asked again, a bounded number of times.
 */
export async function stopFirefoxBackground(browser) {
  return inFirefoxChrome(
    browser,
    `const extension = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension;
    for (let attempt = 0; attempt < 50 && extension.backgroundState !== 'stopped'; attempt++) {
      if (extension.backgroundState === 'running')
        await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
      else await new Promise((settled) => setTimeout(settled, 50));
    }
    return String(extension.backgroundState);`,
  );
}

/**
 * How every Firefox of ours is launched, the warming one included: its traffic sent to the demo
 * server (nothing reaches a real address), French, the add-on's address fixed.
 */
function firefoxLaunchOptions({ server, temporary, headless = true, profile, prefs = {} }) {
  return {
    browser: 'firefox',
    executablePath: FIREFOX,
    // Firefox's remote settings would poll Mozilla's server through our proxy, a dozen times a
    // minute while it answers 404; the variable lets the pref below point it at nothing at all.
    env: { ...process.env, TMPDIR: temporary, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    headless,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    ...(profile ? { userDataDir: profile } : {}),
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // The same address after renewFirefox installs the add-on again.
      'extensions.webextensions.keepUuidOnUninstall': true,
      'extensions.webextOptionalPermissionPrompts': false,
      // French UI, from Debian's firefox-esr-l10n-fr.
      'intl.locale.requested': 'fr',
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'app.update.enabled': false,
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      ...prefs,
    },
  };
}

/**
 * A profile Firefox has already started once, to copy for each launch: a new profile costs Firefox
 * ~2 s of one core to create (its databases, its startup cache), more than a test file's tests in
 * Firefox often take. Nothing is visited and no add-on installed in it.
 */
export async function warmFirefoxProfile(dir, server) {
  requireBrowser(FIREFOX, 'firefox-esr');
  const { default: puppeteer } = await import('puppeteer-core');
  const temporary = mkdtempSync(join(tmpdir(), 'cookies-ods-firefox-tmp-'));
  try {
    await (await puppeteer.launch(firefoxLaunchOptions({ server, temporary, profile: dir }))).close();
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/** `profileTemplate`: a profile made by warmFirefoxProfile, copied for this launch alone (a new one otherwise). */
export async function launchFirefox({ server, headless = true, prefs = {}, profileTemplate }) {
  requireBrowser(FIREFOX, 'firefox-esr');
  requireBuild(DIST.firefox);
  const { default: puppeteer } = await import('puppeteer-core');
  // Firefox leaves files of its own in the temporary directory (remote-settings-startup-bundle-…): one of ours, removed
  // at close.
  const temporary = mkdtempSync(join(tmpdir(), 'cookies-ods-firefox-tmp-'));
  const profile = profileTemplate && join(temporary, 'profile');
  if (profile) cpSync(profileTemplate, profile, { recursive: true });
  const browser = await puppeteer.launch(firefoxLaunchOptions({ server, temporary, headless, profile, prefs }));
  await browser.installExtension(DIST.firefox);
  if (prefs['browser.privatebrowsing.autostart'] === true) await allowInPrivateWindows(browser);
  return {
    name: 'firefox',
    browser,
    extensionUrl: (path) => `moz-extension://${FIREFOX_UUID}/${path}`,
    close: async () => {
      await browser.close();
      rmSync(temporary, { recursive: true, force: true });
    },
    /** For a process on its way out, where nothing asynchronous finishes: the browser killed, its files removed. */
    killNow: () => {
      browser.process()?.kill('SIGKILL');
      rmSync(temporary, { recursive: true, force: true });
    },
  };
}

/**
 * A launched Firefox made as new for the next user, at a fraction of a launch's cost: every tab and
 * container closed, all site data cleared (cookies, storage, cache, permissions), the add-on
 * uninstalled (its storage and granted permissions go with it) and installed again, the proxy
 * pointed at `server`. What about:addons and « Effacer les données » do, from Firefox's chrome realm.
 */
export async function renewFirefox(launched, server) {
  const { browser } = launched;
  const blank = await browser.newPage();
  await Promise.all((await browser.pages()).filter((page) => page !== blank).map((page) => page.close()));
  await Promise.all(
    browser
      .browserContexts()
      .filter((context) => context !== browser.defaultBrowserContext())
      .map((context) => context.close()),
  );
  await browser.uninstallExtension(GECKO_ID);
  await inFirefoxChrome(
    browser,
    `Services.prefs.setIntPref('network.proxy.http_port', ${Number(server.port)});
    Services.prefs.setIntPref('network.proxy.ssl_port', ${Number(server.port)});
    await new Promise((cleared) => Services.clearData.deleteData(Ci.nsIClearDataService.CLEAR_ALL, cleared));`,
  );
  await browser.installExtension(DIST.firefox);
}
