import { originsFor } from '../core/domains';
import type { NewPortal } from '../core/settings';
import type { BrowserAdapter } from '../platform/adapter';
import type { Send } from '../protocol';

/**
 * Asks for the hosts' permission at once, while the click still counts as the user's gesture, and
 * has the background record the portals without waiting for the answer: a dismissed or pending
 * prompt loses nothing, the portal simply shows as awaiting access. Resolves once saved, with the
 * browser's answer to come.
 */
export async function enablePortals(adapter: BrowserAdapter, send: Send, portals: ReadonlyArray<Omit<NewPortal, 'enabled'>>): Promise<{ granted: Promise<boolean> }> {
  const granted = adapter.requestOrigins(portals.flatMap(originsFor)).catch(() => false);
  await send({ type: 'addPortals', entries: portals.map((portal) => ({ ...portal, enabled: true })) });
  return { granted };
}
