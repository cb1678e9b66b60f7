import { parseCharteTables, type ParsedCharte } from '../core/charte/charte';
import { charteAddresses } from '../core/charte/charte-paths';
import type { StoredCharte } from '../core/charte/stored-charte';
import { cutAtDepth } from '../core/util/html-bounds';
import { webAddress } from '../core/util/web-address';
import { charteLinkInPage } from '../page/charte-link';
import { pageTables } from '../page/page-tables';
import type { MessageKey, Translate } from '../core/util/i18n';
import type { PageAdapter } from '../platform/adapter';
import type { Send } from '../protocol';

/** No charte page is anywhere near this; past it, the rest is not read. */
const MAX_PAGE = 2_000_000;

export type CharteFailure =
  | { reason: 'network' | 'timeout' | 'notHtml' | 'noTable' | 'redirect' | 'storage' }
  | { reason: 'status'; status: number };

/** Why no charte could be read, in a form the popup words in French. */
export class CharteReadError extends Error {
  constructor(readonly failure: CharteFailure) {
    super(failure.reason);
  }
}

/** From least to most telling: a page that is there but holds no cookie table says the most. */
const TELLING: ReadonlyArray<CharteFailure['reason']> = [
  'status',
  'network',
  'timeout',
  'notHtml',
  'redirect',
  'noTable',
];

interface Portal {
  tabId: number;
  host: string;
  origin: string;
}

/**
 * Finds the portal's charte the way a visitor would (the link on the open page, then the usual
 * addresses), reads it inert and bounded, and hands the first one with a cookie table to the
 * background. A page without one never replaces what was read before. Loaded on the user's click only.
 */
export async function readPortalCharte(
  adapter: PageAdapter,
  send: Send,
  portal: Portal,
  nowMs: number,
): Promise<{ url: string }> {
  const written = await adapter.runInTab(portal.tabId, charteLinkInPage).catch(() => undefined);
  const candidates = charteAddresses(`${portal.origin}/`, written);
  let failure: CharteFailure | undefined;
  for (const url of candidates) {
    const read = await readOne(adapter, url, portal.origin);
    if ('reason' in read) {
      // Of all the addresses tried, the answer that tells the visitor the most is the one said.
      if (failure === undefined || TELLING.indexOf(read.reason) > TELLING.indexOf(failure.reason)) failure = read;
      continue;
    }
    const charte: StoredCharte = { ...read, url, readAt: nowMs, source: 'fetched' };
    const { saved } = await send({ type: 'saveCharte', host: portal.host, charte });
    if (!saved) throw new CharteReadError({ reason: 'storage' });
    return { url };
  }
  throw new CharteReadError(failure ?? { reason: 'noTable' });
}

async function readOne(adapter: PageAdapter, url: string, origin: string): Promise<ParsedCharte | CharteFailure> {
  let page: Awaited<ReturnType<PageAdapter['fetchPage']>>;
  try {
    page = await adapter.fetchPage(url, MAX_PAGE);
  } catch (cause) {
    return { reason: cause instanceof Error && cause.name === 'TimeoutError' ? 'timeout' : 'network' };
  }
  // Redirects are never followed (the fetch says so): the next hop could be another site.
  if (page.redirected || webAddress(page.url || url)?.origin !== origin) return { reason: 'redirect' };
  if (page.status !== 200) return { reason: 'status', status: page.status };
  if (!/^\s*text\/html\b/i.test(page.contentType)) return { reason: 'notHtml' };
  const document = new DOMParser().parseFromString(cutAtDepth(page.text).html, 'text/html');
  const parsed = parseCharteTables(pageTables(document));
  return parsed.cookies.length > 0 ? parsed : { reason: 'noTable' };
}

const FAILURE_TEXT: Readonly<Record<CharteFailure['reason'], MessageKey>> = {
  network: 'charteErrorNetwork',
  timeout: 'charteErrorTimeout',
  status: 'charteErrorStatus',
  notHtml: 'charteErrorNotHtml',
  redirect: 'charteErrorRedirect',
  storage: 'charteErrorStorage',
  noTable: 'charteErrorNoTable',
};

/** The failure in French (or English), saying that what was read before is kept, when it was. */
export function failureText(cause: unknown, t: Translate, keptPrevious: boolean): string {
  const failure: CharteFailure = cause instanceof CharteReadError ? cause.failure : { reason: 'network' };
  const detail = failure.reason === 'status' ? String(failure.status) : '';
  const text = t(FAILURE_TEXT[failure.reason], detail);
  return keptPrevious ? `${text} ${t('charteKeptPrevious')}` : text;
}
