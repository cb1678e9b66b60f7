/**
 * One small interface over both browsers, so every E2E test runs the same steps in Chromium
 * (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi).
 */
import type { BrowserContext, Page as PlaywrightPage } from 'playwright-core';
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';
import { launchChromium, launchFirefox, renewFirefox, stopFirefoxBackground } from '../../scripts/browsers.mjs';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { createRequire } from 'node:module';
import type Browser from 'webextension-polyfill';
import type { DemoServer } from './demo';

export type BrowserKind = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserKind[] = ['chromium', 'firefox'];

export interface WebPage {
  url(): string;
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  waitFor(selector: string): Promise<void>;
  /** Waits until the page's text (all of `selector`) contains the given text. */
  waitForText(selector: string, text: string): Promise<void>;
  text(selector: string): Promise<string>;
  click(selector: string): Promise<void>;
  /** The whole page, or only the viewport (`fullPage: false`, for the stores' fixed sizes). */
  screenshot(path: string, fullPage?: boolean): Promise<void>;
  emulateDark(dark: boolean): Promise<void>;
  resize(width: number, height: number): Promise<void>;
  fill(selector: string, text: string): Promise<void>;
  upload(selector: string, file: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs axe-core in the page and returns its violations. */
  axeViolations(): Promise<Array<{ id: string; help: string; nodes: unknown[] }>>;
  close(): Promise<void>;
}

/** Every cookie of the browser, as the driver (not the extension) sees it, for before/after comparisons. */
export interface JarCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  partitioned: string;
}

export interface Session {
  kind: BrowserKind;
  visit(url: string): Promise<WebPage>;
  /** Opens an extension page (popup.html?tab=…, options.html) in a tab of its own. */
  openExtensionPage(path: string): Promise<WebPage>;
  /** Runs code where the extension's APIs are, handing it `browser` (Firefox) or `chrome` (Chromium). */
  ext<T, A>(fn: (api: ExtensionApi, arg: A) => Promise<T>, arg: A): Promise<T>;
  tabIdOf(url: string, storeId?: string): Promise<number>;
  /** Firefox only: a page in a new container (a WebDriver BiDi user context), with its own cookie store. */
  visitInContainer(url: string): Promise<WebPage>;
  allCookies(): Promise<JarCookie[]>;
  /**
   * What the browser itself would send with a request to any of these URLs, from its own jar:
   * Chromium answers through CDP `Network.getCookies`; Firefox's BiDi has no such question, so its
   * whole jar (`storage.getCookies`) is filtered by RFC 6265's domain, path and Secure rules.
   */
  sentTo(urls: string[]): Promise<JarCookie[]>;
  /**
   * Stops the extension's background as the browser does when it is idle: Chromium's service
   * worker is closed through CDP, Firefox's event page terminated as about:debugging does; the
   * next event starts either again, with nothing in memory.
   */
  stopBackground(): Promise<void>;
  close(): Promise<void>;
}

/** RFC 6265 §5.4: whether a request to `url` carries this cookie (host-only cookies have no leading dot here). */
function wouldSend(cookie: JarCookie & { hostOnly: boolean }, url: URL): boolean {
  const domain = cookie.domain.replace(/^\./, '');
  const domainOk = cookie.hostOnly
    ? url.hostname === domain
    : url.hostname === domain || url.hostname.endsWith(`.${domain}`);
  const pathOk =
    url.pathname === cookie.path ||
    url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`);
  return domainOk && pathOk && (!cookie.secure || url.protocol === 'https:');
}

export type ExtensionApi = typeof Browser;

const TIMEOUT = 10_000;

/** A wait for a text that times out says what the page showed there instead: the one clue a failed run leaves. */
async function sayingWhatWasThere(
  waiting: Promise<unknown>,
  selector: string,
  text: string,
  shown: () => Promise<string[]>,
): Promise<void> {
  try {
    await waiting;
  } catch (error) {
    const there = await shown().catch(() => ['(la page ne répond plus)']);
    throw new Error(`« ${text} » attendu dans ${selector}, la page y montrait : ${JSON.stringify(there)}`, {
      cause: error,
    });
  }
}
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RUN_AXE =
  `(async () => { ${AXE_SOURCE}; const r = await axe.run(document, { resultTypes: ['violations'] }); ` +
  'return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) })); })()';

/** The call as source text: extension pages forbid eval, but the driver's own evaluate is allowed. */
function callWithApi<A>(fn: (api: ExtensionApi, arg: A) => unknown, arg: A): string {
  return `(${fn.toString()})(globalThis.browser ?? globalThis.chrome, ${JSON.stringify(arg)})`;
}

function wrapPlaywright(page: PlaywrightPage): WebPage {
  return {
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg),
    waitFor: async (selector) => void (await page.waitForSelector(selector, { timeout: TIMEOUT })),
    waitForText: (selector, text) =>
      sayingWhatWasThere(
        page.waitForFunction(
          ([s, t]) => [...document.querySelectorAll(s)].some((el) => el.textContent?.includes(t)),
          [selector, text] as const,
          { timeout: TIMEOUT },
        ),
        selector,
        text,
        () => page.locator(selector).allTextContents(),
      ),
    text: async (selector) => (await page.locator(selector).allTextContents()).join('\n'),
    click: (selector) => page.click(selector, { timeout: TIMEOUT }),
    screenshot: async (path, fullPage = true) => void (await page.screenshot({ path, fullPage })),
    emulateDark: (dark) => page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' }),
    resize: (width, height) => page.setViewportSize({ width, height }),
    fill: (selector, text) => page.fill(selector, text),
    upload: (selector, file) => page.setInputFiles(selector, file),
    reload: async () => void (await page.reload()),
    axeViolations: () => page.evaluate(RUN_AXE),
    close: () => page.close(),
  };
}

/** Run in the page: the centre of the element, once it is in view, has not moved for two frames and takes the click. */
function aimAt(selector: string): Promise<{ x: number; y: number } | null> {
  const element = document.querySelector(selector);
  if (!element) return Promise.resolve(null);
  element.scrollIntoView({ block: 'nearest' });
  const before = element.getBoundingClientRect();
  return new Promise((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const box = element.getBoundingClientRect();
        const still = ['x', 'y', 'width', 'height'].every((side) => box[side as 'x'] === before[side as 'x']);
        const x = box.x + box.width / 2;
        const y = box.y + box.height / 2;
        const hit = document.elementFromPoint(x, y);
        resolve(still && box.width > 0 && hit !== null && element.contains(hit) ? { x, y } : null);
      }),
    ),
  );
}

function wrapPuppeteer(page: PuppeteerPage): WebPage {
  return {
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (selector) => void (await page.waitForSelector(selector, { timeout: TIMEOUT })),
    waitForText: (selector, text) =>
      sayingWhatWasThere(
        page.waitForFunction(
          (s: string, t: string) => [...document.querySelectorAll(s)].some((el) => el.textContent?.includes(t)),
          { timeout: TIMEOUT },
          selector,
          text,
        ),
        selector,
        text,
        () => page.$$eval(selector, (els) => els.map((el) => el.textContent ?? '')),
      ),
    text: (selector) => page.$$eval(selector, (els) => els.map((el) => el.textContent ?? '').join('\n')),
    // Puppeteer clicks where the element was when asked; the popup draws its rows first and what sits above them a
    // moment later, so a click is aimed only once the element holds still and is what that point would hit, as
    // Playwright's clicks are.
    click: async (selector) => {
      const aim = await page.waitForFunction(aimAt, { timeout: TIMEOUT }, selector);
      const { x, y } = (await aim.jsonValue()) as { x: number; y: number };
      await page.mouse.click(x, y);
    },
    screenshot: async (path, fullPage = true) =>
      void (await page.screenshot({ path: path as `${string}.png`, fullPage })),
    // BiDi has no media emulation yet: switch the page's own dark rules on or off through the CSSOM instead.
    emulateDark: (dark) =>
      page.evaluate((on: boolean) => {
        for (const sheet of document.styleSheets)
          for (const rule of sheet.cssRules)
            if (
              rule instanceof CSSMediaRule &&
              /prefers-color-scheme:\s*dark|^all$|^not all$/.test(rule.media.mediaText)
            ) {
              rule.media.mediaText = on ? 'all' : 'not all';
            }
      }, dark),
    resize: (width, height) => page.setViewport({ width, height }),
    fill: async (selector, text) => {
      await page.click(selector, { count: 3 });
      await page.type(selector, text);
    },
    upload: async (selector, file) => {
      const input = await page.waitForSelector(selector);
      await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
    },
    // A reload through BiDi never reports an extension page as loaded: trigger it, then wait for the page itself.
    reload: async () => {
      await page.evaluate(() => location.reload());
      await page.waitForFunction(
        () => document.readyState === 'complete' && document.querySelector('#root')?.childElementCount,
        { timeout: TIMEOUT },
      );
    },
    axeViolations: () => page.evaluate(RUN_AXE) as never,
    close: () => page.close(),
  };
}

async function chromiumSession(server: DemoServer): Promise<Session> {
  const launched = await launchChromium({ server });
  const context: BrowserContext = launched.context;
  // Extension APIs are called from an extension page of our own: the service worker may be
  // stopped (and Playwright keeps a handle on the stopped one), a page stays.
  const hub = await context.newPage();
  await hub.goto(launched.extensionUrl('options.html'));
  const session: Session = {
    kind: 'chromium',
    async visit(url) {
      const page = await context.newPage();
      await page.goto(url);
      return wrapPlaywright(page);
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(launched.extensionUrl(path));
      return wrapPlaywright(page);
    },
    ext: (fn, arg) => hub.evaluate(callWithApi(fn, arg)) as never,
    async stopBackground() {
      if (!(await launched.stopBackground())) throw new Error('the service worker did not stop');
    },
    tabIdOf: (url, storeId) => findTab(session, url, storeId),
    visitInContainer: () => Promise.reject(new Error('Chromium has no containers; use Firefox')),
    allCookies: async () =>
      sortJar(
        (await context.cookies()).map((c) => ({
          name: c.name,
          value: c.value,
          domain: c.domain,
          path: c.path,
          expires: c.expires,
          httpOnly: c.httpOnly,
          secure: c.secure,
          sameSite: c.sameSite,
          partitioned: (c as { partitionKey?: string }).partitionKey ?? '',
        })),
      ),
    async sentTo(urls) {
      const page = await context.newPage();
      try {
        const cdp = await context.newCDPSession(page);
        type CdpCookie = {
          name: string;
          value: string;
          domain: string;
          path: string;
          expires: number;
          httpOnly: boolean;
          secure: boolean;
          sameSite?: string;
          partitionKey?: { topLevelSite: string; hasCrossSiteAncestor: boolean };
        };
        const toJar = (c: CdpCookie): JarCookie => ({
          name: c.name,
          value: c.value,
          domain: c.domain,
          path: c.path,
          expires: c.expires,
          httpOnly: c.httpOnly,
          secure: c.secure,
          sameSite: c.sameSite ?? '',
          partitioned: c.partitionKey?.topLevelSite ?? '',
        });
        const { cookies } = (await cdp.send('Network.getCookies', { urls })) as unknown as { cookies: CdpCookie[] };
        // Network.getCookies leaves out partitioned (CHIPS) cookies: those of the portal's own
        // partition, as a top-level visit has it, come from the whole jar.
        const { cookies: all } = (await cdp.send('Storage.getCookies', {})) as unknown as { cookies: CdpCookie[] };
        const partitioned = all.filter((c) => {
          const key = c.partitionKey;
          if (!key || key.hasCrossSiteAncestor) return false;
          const top = new URL(key.topLevelSite).hostname;
          return urls.some((address) => {
            const url = new URL(address);
            const underTop = url.hostname === top || url.hostname.endsWith(`.${top}`);
            return underTop && wouldSend({ ...toJar(c), hostOnly: !c.domain.startsWith('.') }, url);
          });
        });
        return sortJar([...cookies.filter((c) => !c.partitionKey), ...partitioned].map(toJar));
      } finally {
        await page.close();
      }
    },
    close: () => launched.close(),
  };
  return session;
}

type LaunchedFirefox = Awaited<ReturnType<typeof launchFirefox>>;
const launchFirefoxFor = (server: DemoServer, prefs: Record<string, unknown>) =>
  launchFirefox({ server, prefs, profileTemplate: inject('firefoxProfileTemplate') });

/**
 * The Firefox of every E2E file of this worker that asks for no preference of its own (the E2E
 * files of a worker run one after another in one process: vitest.config.ts), renewed for each:
 * a launch and a shutdown cost ~4.5 s of one core, a renewal 0.4–0.8 s. Killed when the worker is stopped.
 */
let shared: LaunchedFirefox | undefined;

async function sharedFirefox(server: DemoServer): Promise<LaunchedFirefox> {
  if (shared) {
    const renewed = await renewFirefox(shared, server).then(
      () => true,
      () => false,
    );
    if (renewed) return shared;
    // A previous file left it unusable (crashed): a new one, as for the first file.
    process.off('exit', shared.killNow);
    shared.killNow();
  } else {
    // Vitest stops a worker with SIGTERM, then SIGKILL half a second later.
    process.once('SIGTERM', () => process.exit(143));
  }
  shared = await launchFirefoxFor(server, {});
  process.once('exit', shared.killNow);
  return shared;
}

async function firefoxSession(server: DemoServer, prefs: Record<string, unknown>): Promise<Session> {
  const own = Object.keys(prefs).length > 0;
  const launched = own ? await launchFirefoxFor(server, prefs) : await sharedFirefox(server);
  const browser: PuppeteerBrowser = launched.browser;
  // Extension pages load through BiDi with wait "none": puppeteer's goto never sees them finish.
  const openExtension = async (path: string) => {
    const page = await browser.newPage();
    const frame = page.mainFrame() as unknown as {
      browsingContext: { navigate(url: string, wait: string): Promise<void> };
    };
    await frame.browsingContext.navigate(launched.extensionUrl(path), 'none');
    await page.waitForSelector('#root', { timeout: TIMEOUT });
    return page;
  };
  const hub = await openExtension('options.html');
  const session: Session = {
    kind: 'firefox',
    async visit(url) {
      const page = await browser.newPage();
      await page.goto(url);
      return wrapPuppeteer(page);
    },
    openExtensionPage: async (path) => wrapPuppeteer(await openExtension(path)),
    ext: (fn, arg) => hub.evaluate(callWithApi(fn, arg)) as never,
    tabIdOf: (url, storeId) => findTab(session, url, storeId),
    async visitInContainer(url) {
      const page = await (await browser.createBrowserContext()).newPage();
      await page.goto(url);
      return wrapPuppeteer(page);
    },
    allCookies: async () =>
      sortJar(
        (await browser.cookies()).map((c) => ({
          name: c.name,
          value: c.value,
          domain: c.domain,
          path: c.path,
          expires: c.expires,
          httpOnly: c.httpOnly === true,
          secure: c.secure,
          sameSite: String(c.sameSite),
          partitioned: JSON.stringify(c.partitionKey ?? ''),
        })),
      ),
    async sentTo(urls) {
      type BidiCookie = {
        name: string;
        value: { value: string };
        domain: string;
        path: string;
        expiry?: number;
        httpOnly: boolean;
        secure: boolean;
        sameSite: string;
      };
      const bidi = (
        hub.mainFrame() as unknown as {
          browsingContext: {
            userContext: {
              browser: { session: { send(method: string, params: unknown): Promise<{ result: unknown }> } };
            };
          };
        }
      ).browsingContext.userContext.browser.session;
      const found = new Map<string, JarCookie>();
      for (const url of urls.map((address) => new URL(address))) {
        // The storage partition of a top-level visit to that address: what a request from it may carry.
        const { result } = await bidi.send('storage.getCookies', {
          partition: { type: 'storageKey', sourceOrigin: url.origin },
        });
        for (const c of (result as { cookies: BidiCookie[] }).cookies) {
          const cookie = {
            name: c.name,
            value: c.value.value,
            domain: c.domain,
            path: c.path,
            expires: c.expiry ?? -1,
            httpOnly: c.httpOnly,
            secure: c.secure,
            sameSite: c.sameSite,
            partitioned: '',
          };
          if (wouldSend({ ...cookie, hostOnly: !c.domain.startsWith('.') }, url))
            found.set(`${c.name}\0${c.domain}\0${c.path}`, cookie);
        }
      }
      return sortJar([...found.values()]);
    },
    async stopBackground() {
      const state = await stopFirefoxBackground(browser);
      if (state !== 'stopped') throw new Error(`the event page did not stop (${state})`);
    },
    // The shared Firefox stays for the worker's next file, which renews it.
    close: async () => (own ? launched.close() : undefined),
  };
  return session;
}

function sortJar(cookies: JarCookie[]): JarCookie[] {
  return cookies.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function findTab(session: Session, url: string, storeId?: string): Promise<number> {
  const id = await session.ext(
    async (api, [wanted, store]) => {
      const tabs = await api.tabs.query({});
      return tabs.find((tab) => tab.url === wanted && (store === null || tab.cookieStoreId === store))?.id;
    },
    [url, storeId ?? null] as const,
  );
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

/** `firefoxPrefs` set extra Firefox preferences (first-party isolation, say); Chromium has none to set. */
export function startSession(
  kind: BrowserKind,
  server: DemoServer,
  firefoxPrefs: Record<string, unknown> = {},
): Promise<Session> {
  return kind === 'chromium' ? chromiumSession(server) : firefoxSession(server, firefoxPrefs);
}
