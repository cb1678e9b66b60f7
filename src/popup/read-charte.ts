import { parseCharteTables } from '../core/charte';
import type { StoredCharte } from '../core/compare';
import { pageTables } from '../page/page-tables';
import type { BrowserAdapter } from '../platform/adapter';
import type { Send } from '../protocol';

/** No charte page is anywhere near this; past it, the rest is not read. */
const MAX_PAGE = 5_000_000;

/**
 * Fetches the portal's charte (the user just clicked for it), reads it inert through DOMParser, and
 * hands the result to the background, which keeps it. Loaded only on that click, so the popup opens without it.
 */
export async function readPortalCharte(adapter: BrowserAdapter, send: Send, host: string, origin: string, nowMs: number): Promise<void> {
  const url = `${origin}/terms/cookies-policy/`;
  const page = await adapter.fetchPage(url);
  if (page.status !== 200) throw new Error(`HTTP ${page.status}`);
  const document = new DOMParser().parseFromString(page.text.slice(0, MAX_PAGE), 'text/html');
  const charte: StoredCharte = { ...parseCharteTables(pageTables(document)), url, readAt: nowMs, source: 'fetched' };
  await send({ type: 'saveCharte', host, charte });
}
