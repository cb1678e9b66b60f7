/** Longer than any address a page has reason to write: past it, a link is not followed. */
const MOST_ADDRESS_CHARS = 2_000;

/** An address as the browser would open it, or null when it is not an http(s) one. */
export function webAddress(text: string, base?: string): URL | null {
  const url = URL.canParse(text, base) ? new URL(text, base) : null;
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : null;
}

/**
 * A link as a page wrote it, whatever it wrote, read from the page's address and kept only when it is an http(s)
 * address of `origin` (the page's own unless said): decided here, never by what the page's scripts return.
 */
export function sameOriginLink(linked: unknown, page: string, origin = new URL(page).origin): URL | null {
  if (typeof linked !== 'string' || linked.length > MOST_ADDRESS_CHARS) return null;
  const url = webAddress(linked, page);
  return url && url.origin === origin ? url : null;
}
