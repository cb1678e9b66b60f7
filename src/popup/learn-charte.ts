import { parseCharteTables } from '../core/charte/charte';
import type { StoredCharte } from '../core/charte/stored-charte';
import { pageTables } from '../page/page-tables';
import type { PageAdapter } from '../platform/adapter';
import type { Send } from '../protocol';

/**
 * The popup opened on a portal's own charte page reads the charte from that page: no request of
 * the extension's own. A page with no cookie table leaves what was learnt before untouched.
 * Loaded only on such a page.
 */
export async function learnCharteFromPage(
  adapter: PageAdapter,
  send: Send,
  page: { tabId: number; host: string; url: string },
  nowMs: number,
): Promise<boolean> {
  const read = await adapter.runInTab(page.tabId, pageTables).catch(() => undefined);
  if (!Array.isArray(read?.tables)) return false;
  const parsed = parseCharteTables(read);
  if (parsed.cookies.length === 0) return false;
  const charte: StoredCharte = { ...parsed, url: page.url, readAt: nowMs, source: 'page' };
  return (await send({ type: 'saveCharte', host: page.host, charte })).saved;
}
