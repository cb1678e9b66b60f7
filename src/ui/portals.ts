import { originsFor } from '../core/domains';
import { loadSettings, SETTINGS_BACKUP_KEY, SETTINGS_KEY, storeSettings, type LoadedSettings } from '../core/settings';
import type { PortalRule } from '../core/domains';
import type { BrowserAdapter } from '../platform/adapter';

export async function readPortals(adapter: BrowserAdapter): Promise<LoadedSettings> {
  return loadSettings(await adapter.readStorage(SETTINGS_KEY));
}

/** Saves the list; an unreadable stored value is first kept aside, so nothing the user had is lost. */
export async function writePortals(adapter: BrowserAdapter, rules: readonly PortalRule[]): Promise<void> {
  const raw = await adapter.readStorage(SETTINGS_KEY);
  if (loadSettings(raw).problem !== undefined && (await adapter.readStorage(SETTINGS_BACKUP_KEY)) === undefined) {
    await adapter.writeStorage(SETTINGS_BACKUP_KEY, raw);
  }
  await adapter.writeStorage(SETTINGS_KEY, storeSettings(rules));
}

/**
 * Asks for the host permission first, while the click still counts as a user gesture, then records
 * the portal. A refused permission still records it, shown as awaiting access.
 */
export async function addPortal(adapter: BrowserAdapter, pattern: string): Promise<boolean> {
  const granted = await adapter.requestOrigins(originsFor(pattern)).catch(() => false);
  const { rules } = await readPortals(adapter);
  const others = rules.filter((rule) => rule.pattern !== pattern);
  await writePortals(adapter, [...others, { pattern, enabled: true, builtIn: false }]);
  return granted;
}
