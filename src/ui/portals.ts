import { originsFor } from '../core/domains';
import { loadSettings, mergePortals, SETTINGS_BACKUP_KEY, SETTINGS_KEY, storeSettings, type LoadedSettings } from '../core/settings';
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
 * Asks for the hosts' permission at once, while the click still counts as the user's gesture, and
 * records the portals without waiting for the answer: a dismissed or pending prompt loses nothing,
 * the portal simply shows as awaiting access. Resolves once saved, with the browser's answer to come.
 */
export async function enablePortals(adapter: BrowserAdapter, patterns: readonly string[]): Promise<{ granted: Promise<boolean> }> {
  const granted = adapter.requestOrigins(patterns.flatMap(originsFor)).catch(() => false);
  const { rules } = await readPortals(adapter);
  const switchedOn = rules.map((rule) => (patterns.includes(rule.pattern) ? { ...rule, enabled: true } : rule));
  await writePortals(adapter, mergePortals(switchedOn, patterns.map((pattern) => ({ pattern, enabled: true }))));
  return { granted };
}
