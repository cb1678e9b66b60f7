import { sameOriginLink } from '../util/web-address';

/**
 * Where Opendatasoft portals publish their charte when the page does not link it: most at the first
 * address, some (the English layout) at the second. The popup, its link and the reader use these;
 * apart from the charte's reader, so that the popup's first paint carries none of it.
 */
export const CHARTE_PATHS = ['/terms/cookies-policy/', '/terms/cookies-information/'] as const;

/** Whether the page open is one of the charte's usual addresses, with or without its final slash. */
export const isChartePath = (pathname: string) => CHARTE_PATHS.some((path) => pathname.startsWith(path.slice(0, -1)));

/**
 * Where a visitor finds the charte from a page, in order: the page's own link (whatever the page wrote, kept only
 * when it is an http(s) address of the portal's origin), then the usual addresses. The one finder,
 * for the popup's reader and the command-line audit.
 */
export function charteAddresses(page: string, linked: unknown): string[] {
  const origin = new URL(page).origin;
  const own = sameOriginLink(linked, page, origin);
  return [...new Set([...(own ? [own.href] : []), ...CHARTE_PATHS.map((path) => `${origin}${path}`)])];
}
