/**
 * Where a visit may go, decided in Node from the addresses the browser reports — never from what a
 * page's own scripts return: only http(s) pages of the portal's own origin. A redirect between
 * names of the same portal (the platform's `x.opendatasoft.com` sending to `data.ville.fr`, or the
 * `www.` form of the same name) is followed and said; a redirect to another site is stopped before
 * its page is opened, and the portal is not judged.
 */
import { setTimeout as pause } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { NonRetryableError } from '@crawlee/playwright';
import { sameOriginLink, webAddress } from '../core/util/web-address';
import { clean } from './clean';
import type { PageReader } from './isolated';

/** The platform's own names: a portal there may send its visitors to its own domain. */
const PLATFORM = /(^|\.)(opendatasoft|huwise)\.com$/;
/** A server's Retry-After is honoured up to this long (and within the visit's time limit). */
export const LONGEST_RETRY_AFTER_MS = 30_000;
/** What a page may offer as links: more is not read. */
const MOST_LINKS = 500;

const bare = (host: string) => host.toLowerCase().replace(/^www\./, '');

/** Whether a redirect from `from` to `to` stays on the same portal. */
export function samePortal(from: string, to: string): boolean {
  return bare(from) === bare(to) || PLATFORM.test(from);
}

/** Why a portal is not judged: the message says it in the visitor's words, and it is never retried at once. */
export class NotJudged extends NonRetryableError {}

/**
 * Watches a page's top-level navigations: the first that leaves the portal is stopped, and said by
 * the visit's next step. Returns the host the visits landed on, once a same-portal redirect was followed.
 */
export interface NavigationGuard {
  /** The portal's host the visit is on: the start, or where a same-portal redirect led. */
  host: () => string;
  /** The address outside the portal a navigation tried to reach since last asked, if one did. */
  takeLeftFor: () => string | null;
}

export async function guardNavigation(
  { cdp, mainFrame: main }: PageReader,
  startHost: string,
): Promise<NavigationGuard> {
  let host = startHost;
  let leftFor: string | null = null;
  // Chromium's own interception, of documents only: unlike Playwright's routes, it stops each hop of
  // a redirect before it is asked for, and costs the page's other requests nothing.
  cdp.on('Fetch.requestPaused', (event) => {
    const url = webAddress(event.request.url);
    const redirect = event.redirectedRequestId !== undefined || event.responseStatusCode !== undefined;
    const ok =
      event.frameId !== main ||
      (url !== null && (url.hostname === host || (redirect && samePortal(host, url.hostname))));
    if (ok && event.frameId === main && url) host = url.hostname;
    if (!ok) leftFor ??= clean(event.request.url, 300);
    const answer = ok
      ? cdp.send('Fetch.continueRequest', { requestId: event.requestId })
      : cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
    answer.catch(() => undefined);
  });
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }],
  });
  const takeLeftFor = () => {
    const away = leftFor;
    leftFor = null;
    return away;
  };
  return { host: () => host, takeLeftFor };
}

/** The seconds a `Retry-After` header asks (a number, or an HTTP date), in ms; null when it asks nothing readable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | null {
  if (header === undefined) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/**
 * Opens one page of the portal: an HTTP error is « non jugé » with its status, a 429 or 503 asked
 * once more after the server's Retry-After when that fits in the time left — never hammered.
 */
export async function openPage(
  page: Page,
  url: string,
  guard: NavigationGuard,
  options: { timeoutMs: number; deadline: number },
  say: { status: (status: number) => string; leftFor: (url: string) => string },
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const response = await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs }).catch((error: Error) => {
      const away = guard.takeLeftFor();
      if (away !== null) throw new NotJudged(say.leftFor(away));
      throw error;
    });
    const away = guard.takeLeftFor();
    if (away !== null) throw new NotJudged(say.leftFor(away));
    const status = response?.status() ?? 200;
    if (status < 400) return;
    const wait =
      status === 429 || status === 503
        ? retryAfterMs((await response?.headerValue('retry-after').catch(() => null)) ?? undefined, Date.now())
        : null;
    if (
      attempt > 0 ||
      wait === null ||
      wait > LONGEST_RETRY_AFTER_MS ||
      Date.now() + wait + options.timeoutMs / 4 > options.deadline
    )
      throw new NotJudged(say.status(status));
    await pause(wait);
  }
}

/** The page's links, read as plain strings, kept only when Node finds them pages of the same origin. */
export async function sameOriginLinks(page: Page, reader: PageReader, origin: string): Promise<URL[]> {
  const hrefs: unknown = await reader
    .read(
      (most) =>
        [...document.querySelectorAll('a[href]')].slice(0, most).map((link) => String(link.getAttribute('href'))),
      MOST_LINKS,
    )
    .catch(() => []);
  if (!Array.isArray(hrefs)) return [];
  return hrefs.slice(0, MOST_LINKS).flatMap((href) => sameOriginLink(href, page.url(), origin) ?? []);
}
