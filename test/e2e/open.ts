import { afterEach } from 'vitest';
import type { Session, WebPage } from './session';

/**
 * Visits a portal and opens the popup for its tab, once all is drawn (the rows, then what follows them): each test
 * opens its own.
 */
export async function openPortal(
  session: Session,
  host: string,
): Promise<{ portal: WebPage; popup: WebPage; tabId: number }> {
  const portal = await session.visit(`https://${host}/`);
  const tabId = await session.tabIdOf(portal.url());
  const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.waitFor('.cookie');
  await popup.waitFor('footer');
  return { portal, popup, tabId };
}

/**
 * For a describe block whose tests open portals: each test closes what it opened (a portal whose
 * trackers write every 2 s would otherwise wake the background of the tests after it, in the
 * middle of what they measure), and reads a tab's badge as the toolbar shows it.
 */
export function closedAfterEach(browser: { readonly session: Session }) {
  const opened: WebPage[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((page) => page.close().catch(() => undefined)));
  });
  return {
    openPortal: async (host: string) => {
      const pages = await openPortal(browser.session, host);
      opened.push(pages.portal, pages.popup);
      return pages;
    },
    /** A page opened otherwise, closed after the test all the same. */
    keep: (page: WebPage) => void opened.push(page),
    badge: (tabId: number) => browser.session.ext((api, id) => api.action.getBadgeText({ tabId: id }), tabId),
  };
}
