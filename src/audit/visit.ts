/**
 * One controlled visit of a portal in a fresh browser context, as a visitor makes it: arrive, choose
 * through the portal's own banner (or not), open two more pages. The jar is read after each page
 * settles and right before and after the choice; every `Set-Cookie` header is read for the lifetime
 * it asks.
 */
import { setTimeout as pause } from 'node:timers/promises';
import type { BrowserContext, Cookie, Page, Request } from 'playwright-core';
import type { ChoiceHow, JarReading, PageSeen, RequestedLifetime, VisitKind, VisitRecord } from '../core/report/audit';
import { parseCharteTables } from '../core/charte/charte';
import { charteAddresses } from '../core/charte/charte-paths';
import type { StoredCharte } from '../core/charte/stored-charte';
import type { ObservedCookie } from '../core/cookies/cookie';
import { readBanner, type ControlRole } from '../page/banner';
import { watchConsentManager, type ConsentManagerWatch } from './autoconsent';
import { charteLinkInPage } from '../page/charte-link';
import { pageTables } from '../page/page-tables';
import { cleanDeep } from './clean';
import { pageReader, type PageReader } from './isolated';
import { guardNavigation, NotJudged, openPage, sameOriginLinks, type NavigationGuard } from './navigation';

export interface VisitOptions {
  /** Per page load. */
  timeoutMs: number;
  /** A page has settled when no request has been in flight for this long (trackers load after the page). */
  quietMs: number;
  /** When the portal's attempt ends (ms): a Retry-After that would outlast it is not waited for. */
  deadline: number;
  /** Why a portal is not judged, in the user's words. */
  say: { status: (status: number) => string; leftFor: (url: string) => string };
}

/**
 * The charte is read within this long at most (and a quarter of the portal's time): one that never answers leaves the
 * rest judged.
 */
const CHARTE_MS = 20_000;

/** How long a page may take to settle. */
const SETTLE_MS = 5_000;
/** How long a control may take to be clickable: a banner that animates in on a busy machine takes seconds. */
const CLICK_MS = 15_000;
const NEXT_PAGES = 2;
/** An address asked this often by one document is polled: its next requests do not hold the page open. */
const POLLED = 3;

function observed(cookie: Cookie): ObservedCookie {
  const session = cookie.expires === -1;
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    hostOnly: !cookie.domain.startsWith('.'),
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite === 'Strict' ? 'strict' : cookie.sameSite === 'Lax' ? 'lax' : 'no_restriction',
    session,
    ...(session ? {} : { expirationDate: cookie.expires }),
    storeId: 'audit',
  };
}

/**
 * The lifetime a `Set-Cookie` header asks, in seconds (Max-Age wins over Expires, RFC 6265 §5.3); null for a session
 * cookie.
 */
export function askedLifetime(
  header: string,
  answeredAt: number,
): { name: string; domain: string | null; seconds: number } | null {
  const [pair = '', ...attributes] = header.split(';');
  const name = pair.slice(0, Math.max(0, pair.indexOf('='))).trim();
  if (name === '') return null;
  const attribute = (key: string) =>
    attributes
      .map((part) => part.trim())
      .find((part) => part.toLowerCase().startsWith(`${key}=`))
      ?.slice(key.length + 1);
  const maxAge = attribute('max-age');
  const expires = attribute('expires');
  const seconds =
    maxAge !== undefined && /^-?\d+$/.test(maxAge)
      ? Number(maxAge)
      : expires !== undefined && !Number.isNaN(Date.parse(expires))
        ? (Date.parse(expires) - answeredAt) / 1000
        : null;
  if (seconds === null || seconds <= 0) return null;
  return { name, domain: attribute('domain')?.replace(/^\./, '').toLowerCase() ?? null, seconds: Math.round(seconds) };
}

/**
 * Waits until no request of the page has been in flight for `quietMs` (at most SETTLE_MS): what a
 * page or a click sets off — a tracker's script, its beacon — has then had its answer. An address
 * the same document has asked POLLED times already (a widget polling every second) no longer holds
 * it open: a tracker's first requests are what set it going, and each new page starts the count anew.
 */
function quietWatch(page: Page, quietMs: number): () => Promise<void> {
  const inFlight = new Set<Request>();
  const asked = new Map<string, number>();
  const addressOf = (request: Request) => request.url().replace(/[?#].*$/, '');
  let lastActivity = Date.now();
  const start = (request: Request) => {
    const address = addressOf(request);
    const times = (asked.get(address) ?? 0) + 1;
    asked.set(address, times);
    if (times > POLLED) return;
    inFlight.add(request);
    lastActivity = Date.now();
  };
  const end = (request: Request) => {
    if (inFlight.delete(request)) lastActivity = Date.now();
  };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) asked.clear();
  });
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  return async () => {
    const deadline = Date.now() + SETTLE_MS;
    for (;;) {
      const quietFor = inFlight.size === 0 ? Date.now() - lastActivity : 0;
      if (quietFor >= quietMs || Date.now() >= deadline) return;
      await pause(Math.max(10, Math.min(quietMs - quietFor, 50)));
    }
  };
}

async function readJar(context: BrowserContext): Promise<JarReading> {
  const at = Date.now();
  return { at, cookies: (await context.cookies()).map(observed) };
}

async function seePage(page: Page, reader: PageReader): Promise<PageSeen> {
  // What the page holds is cleaned and bounded here, before anything keeps it.
  const reading = cleanDeep(await reader.read(readBanner));
  const banner = reading.banner && {
    accept: reading.banner.accept,
    refuse: reading.banner.refuse,
    settings: reading.banner.settings,
  };
  return { url: page.url(), at: Date.now(), banner, manageControl: reading.manageControl };
}

const control = (page: Page, role: ControlRole | 'toggle') => page.locator(`[data-cookies-ods-control="${role}"]`);

/**
 * Refuses or accepts through the banner as a visitor would: the first layer's button by its words;
 * to refuse without one, the second layer with every toggle left off, then « Sauvegarder mes choix ».
 * Returns the control's words, or null when the banner offers no such way.
 */
async function choose(
  page: Page,
  reader: PageReader,
  kind: 'refuse' | 'accept',
  manager: ConsentManagerWatch,
  before: () => Promise<void>,
): Promise<{ control: string; how: ChoiceHow } | null> {
  const byWords = await chooseByWords(page, reader, kind, before);
  if (byWords !== null) return byWords;
  // The words were not enough: the manager's own rules, if autoconsent knows it. Only then is it run,
  // as it searches the page for hundreds of managers again and again.
  await manager.attach();
  await before();
  const through = await manager.act(kind === 'refuse' ? 'optOut' : 'optIn');
  return through === null ? null : { control: `autoconsent : ${through}`, how: 'autoconsent' };
}

async function chooseByWords(
  page: Page,
  reader: PageReader,
  kind: 'refuse' | 'accept',
  before: () => Promise<void>,
): Promise<{ control: string; how: ChoiceHow } | null> {
  const banner = async () => cleanDeep(await reader.read(readBanner)).banner;
  const first = await banner();
  if (!first) return null;
  const direct = kind === 'accept' ? first.accept : first.refuse;
  if (direct) {
    await before();
    await control(page, kind).first().click({ timeout: CLICK_MS });
    return { control: direct, how: kind === 'accept' ? 'acceptAll' : 'refuseAll' };
  }
  if (kind === 'accept' || (!first.settings && !first.save)) return null;
  if (!first.save) {
    await control(page, 'settings').first().click({ timeout: CLICK_MS });
    // The second layer is shown when the banner, read by its words as before, offers a save or a refusal.
    const deadline = Date.now() + SETTLE_MS;
    for (let shown = await banner(); Date.now() < deadline && !(shown?.save || shown?.refuse); shown = await banner())
      await pause(100);
  }
  const second = await banner();
  if (!second?.save && !second?.refuse) return null;
  if (second.refuse) {
    await before();
    await control(page, 'refuse').first().click({ timeout: CLICK_MS });
    return { control: second.refuse, how: 'refuseAll' };
  }
  for (const toggle of await control(page, 'toggle').all()) {
    if ((await toggle.getAttribute('aria-checked')) === 'true' || (await toggle.isChecked().catch(() => false)))
      await toggle.click({ timeout: CLICK_MS }).catch(() => undefined);
  }
  await before();
  await control(page, 'save').first().click({ timeout: CLICK_MS });
  return { control: second.save!, how: 'saveChoices' };
}

/** Two more pages of the same portal, as a visitor follows its links; the charte when nothing else is linked. */
async function nextPages(page: Page, reader: PageReader): Promise<string[]> {
  const here = new URL(page.url());
  const links = (await sameOriginLinks(page, reader, here.origin))
    .filter((url) => url.pathname !== here.pathname && !/logout|deconnexion|\.(pdf|csv|zip|xlsx?)$/i.test(url.pathname))
    .map((url) => `${url.origin}${url.pathname}${url.search}`);
  const unique = [...new Set(links)];
  const isCharte = (url: string) => /\/terms\/cookies-/.test(url);
  return [...unique.filter((url) => !isCharte(url)), ...unique.filter(isCharte)].slice(0, NEXT_PAGES);
}

/**
 * One visit, on a page alone in its fresh context; the arriving one also reads the charte, from the
 * page it arrived on, after its last reading.
 */
export async function visitPortal(
  page: Page,
  url: string,
  kind: VisitKind,
  options: VisitOptions,
): Promise<{ visit: VisitRecord; charte: StoredCharte | null; host: string }> {
  const context = page.context();
  const requested: RequestedLifetime[] = [];
  const heard: Array<Promise<void>> = [];
  context.on('response', (response) => {
    const at = Date.now();
    heard.push(
      response
        .headerValues('set-cookie')
        .then((headers) => {
          const host = new URL(response.url()).hostname;
          for (const header of headers.flatMap((value) => value.split('\n'))) {
            const asked = askedLifetime(header, at);
            if (asked) requested.push({ name: asked.name, domain: asked.domain ?? host, seconds: asked.seconds });
          }
        })
        .catch(() => undefined),
    );
  });
  const readings: JarReading[] = [];
  const pages: PageSeen[] = [];
  let choice: VisitRecord['choice'] = null;
  const startedAt = Date.now();
  const settle = quietWatch(page, options.quietMs);
  const manager = await watchConsentManager(page);
  const reader = await pageReader(page);
  const guard = await guardNavigation(reader, new URL(url).hostname);
  await openPage(page, url, guard, options, options.say);
  await settle();
  pages.push(await seePage(page, reader));
  readings.push(await readJar(context));
  if (kind !== 'arrive') {
    const chosen = await choose(page, reader, kind, manager, async () => void readings.push(await readJar(context)));
    if (chosen) {
      const at = Date.now();
      await settle();
      readings.push(await readJar(context));
      choice = { ...chosen, at };
    }
    for (const next of await nextPages(page, reader)) {
      // A page of the portal that answers an error, or sends elsewhere, is not one a visitor reads on: the visit ends
      // there.
      const opened = await openPage(page, next, guard, options, options.say).then(
        () => true,
        (error: Error) => (error instanceof NotJudged ? false : Promise.reject(error)),
      );
      if (!opened) break;
      await settle();
      pages.push(await seePage(page, reader));
      readings.push(await readJar(context));
    }
  }
  await Promise.all(heard);
  const charte =
    kind === 'arrive'
      ? await readCharteWithin(
          page,
          reader,
          guard,
          Math.min(CHARTE_MS, options.timeoutMs * 0.75, Math.max(0, options.deadline - Date.now())),
        )
      : null;
  return {
    visit: { kind, startedAt, readings, choice, pages, requested, manager: manager.manager() },
    charte,
    host: guard.host(),
  };
}

/** The charte, or null when it takes longer than `ms`: « charte non lue », and the rest judged. */
async function readCharteWithin(
  page: Page,
  reader: PageReader,
  guard: NavigationGuard,
  ms: number,
): Promise<StoredCharte | null> {
  if (ms < 1_000) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([readCharte(page, reader, guard, ms), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The portal's charte, found where a visitor finds it (the page's link, else the usual addresses) and read as the
 * extension reads it.
 */
async function readCharte(
  page: Page,
  reader: PageReader,
  guard: NavigationGuard,
  timeoutMs: number,
): Promise<StoredCharte | null> {
  const origin = new URL(page.url()).origin;
  const linked: unknown = await reader.read(charteLinkInPage as () => string | null).catch(() => null);
  for (const address of charteAddresses(page.url(), linked)) {
    const answer = await page.goto(address, { waitUntil: 'domcontentloaded', timeout: timeoutMs }).catch(() => null);
    // A charte that sends elsewhere is not this portal's.
    if (guard.takeLeftFor() !== null || !answer?.ok() || new URL(page.url()).origin !== origin) continue;
    const parsed = parseCharteTables(cleanDeep(await reader.read(pageTables as () => ReturnType<typeof pageTables>)));
    if (parsed.cookies.length > 0) return { ...parsed, url: page.url(), readAt: Date.now(), source: 'page' };
  }
  return null;
}
