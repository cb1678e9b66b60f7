import { originsFor } from '../core/portals/domains';
import type { NewPortal } from '../core/portals/settings';
import type { PageAdapter } from '../platform/adapter';
import type { Send } from '../protocol';

/**
 * Has the background record the portals, then asks for the hosts' permission in the same moment,
 * while the click still counts as the user's gesture: a dismissed or pending prompt loses nothing,
 * the portal simply shows as awaiting access. The record leaves first, because the prompt may close
 * the toolbar popup at once. Resolves once saved, with the browser's answer to come.
 */
export async function enablePortals(
  adapter: PageAdapter,
  send: Send,
  portals: ReadonlyArray<Omit<NewPortal, 'enabled'>>,
): Promise<{ granted: Promise<boolean> }> {
  const saved = send({ type: 'addPortals', entries: portals.map((portal) => ({ ...portal, enabled: true })) });
  const granted = adapter.requestOrigins(portals.flatMap(originsFor)).catch(() => false);
  await saved;
  return { granted };
}
