import {
  loadBackups,
  loadSettings,
  mergePortals,
  SETTINGS_BACKUP_KEY,
  SETTINGS_KEY,
  storeSettings,
  withBackup,
  type LoadedSettings,
  type NewPortal,
} from '../core/portals/settings';
import type { PortalRule } from '../core/portals/domains';
import type { BrowserAdapter } from '../platform/adapter';
import { systemNow } from '../core/util/clock';

export async function readPortals(adapter: BrowserAdapter): Promise<LoadedSettings> {
  const [raw, backups] = await Promise.all([
    adapter.readStorage(SETTINGS_KEY),
    adapter.readStorage(SETTINGS_BACKUP_KEY),
  ]);
  return { ...loadSettings(raw), backups: loadBackups(backups).length };
}

/**
 * Saves the list; an unreadable stored value is first kept aside with the earlier ones, so nothing the user had is
 * lost.
 */
export async function writePortals(
  adapter: BrowserAdapter,
  rules: readonly PortalRule[],
  now: () => number = systemNow,
): Promise<void> {
  const raw = await adapter.readStorage(SETTINGS_KEY);
  if (loadSettings(raw).problem !== undefined) {
    await adapter.writeStorage(
      SETTINGS_BACKUP_KEY,
      withBackup(loadBackups(await adapter.readStorage(SETTINGS_BACKUP_KEY)), raw, now()),
    );
  }
  await adapter.writeStorage(SETTINGS_KEY, storeSettings(rules));
}

/** Adds portals (typed, from the directory, imported); one already known is switched on when the entry says so. */
export async function addPortals(
  adapter: BrowserAdapter,
  entries: readonly NewPortal[],
  now: () => number = systemNow,
): Promise<void> {
  const switchOn = new Set(entries.filter((entry) => entry.enabled).map((entry) => entry.pattern));
  const { rules } = await readPortals(adapter);
  const sites = new Map(entries.flatMap((entry) => (entry.site ? [[entry.pattern, entry.site] as const] : [])));
  // Switched on, and given its registrable domain when it had none: a portal added before learns its parents.
  const switched = rules.map((rule) =>
    switchOn.has(rule.pattern) ? { ...rule, enabled: true, site: rule.site ?? sites.get(rule.pattern) } : rule,
  );
  await writePortals(adapter, mergePortals(switched, entries), now);
}
