import type { Session, WebPage } from './session';

/** Visits a portal and opens the popup for its tab, once its rows are there: each test opens its own. */
export async function openPortal(session: Session, host: string): Promise<{ portal: WebPage; popup: WebPage; tabId: number }> {
  const portal = await session.visit(`https://${host}/`);
  const tabId = await session.tabIdOf(portal.url());
  const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.waitFor('.cookie');
  return { portal, popup, tabId };
}
