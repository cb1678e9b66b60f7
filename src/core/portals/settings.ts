import { BUILT_IN_PATTERNS, builtInRules, normaliseHost, type PortalRule } from './domains';

export const SETTINGS_KEY = 'portals';
/** Where each unreadable stored value is kept before anything is written over it. */
export const SETTINGS_BACKUP_KEY = 'portals.unreadable';
/** Unreadable originals kept, newest last; past this the oldest goes, and the options page says so. */
export const MAX_BACKUPS = 5;

export interface Backup {
  at: number;
  value: unknown;
}

/** The kept originals; a single value stored by an earlier version counts as one. */
export function loadBackups(raw: unknown): Backup[] {
  if (raw === undefined || raw === null) return [];
  const list =
    Array.isArray(raw) && raw.every((item) => typeof item === 'object' && item !== null && 'value' in item)
      ? (raw as Backup[])
      : [{ at: 0, value: raw }];
  return list.slice(-MAX_BACKUPS);
}

/** Keeps one more unreadable original, unless it is the one kept last; never more than MAX_BACKUPS. */
export function withBackup(backups: readonly Backup[], value: unknown, at: number): Backup[] {
  const last = backups.at(-1);
  if (last && JSON.stringify(last.value) === JSON.stringify(value)) return [...backups];
  return [...backups, { at, value }].slice(-MAX_BACKUPS);
}
export const SETTINGS_VERSION = 1;

export interface StoredSettings {
  version: typeof SETTINGS_VERSION;
  /** Built-in portals the user switched off; built-ins are never deleted. */
  builtInOff: string[];
  custom: Array<{ pattern: string; enabled: boolean; site?: string }>;
}

export type SettingsProblem = 'corrupted' | 'unknownVersion';

export interface LoadedSettings {
  rules: PortalRule[];
  /** Set when what was stored could not be read whole: the page says so. */
  problem?: SettingsProblem;
  /** Entries that were stored but could not be read. */
  unreadable: unknown[];
  /** How many unreadable originals are kept aside. */
  backups?: number;
}

function isValidPattern(pattern: unknown): pattern is string {
  if (typeof pattern !== 'string') return false;
  const host = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  return host.includes('.') && normaliseHost(host) === host;
}

/** A stored registrable domain is believed only when the portal really is under it. */
function isSiteOf(site: unknown, pattern: string): site is string {
  const host = pattern.replace(/^\*\./, '');
  return typeof site === 'string' && normaliseHost(site) === site && (host === site || host.endsWith(`.${site}`));
}

/** Reads whatever storage holds, keeping every entry it can; never throws. */
export function loadSettings(raw: unknown): LoadedSettings {
  if (raw === undefined || raw === null) return { rules: builtInRules(), unreadable: [] };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { rules: builtInRules(), problem: 'corrupted', unreadable: [raw] };
  const stored = raw as Partial<Record<keyof StoredSettings, unknown>>;
  const unreadable: unknown[] = [];
  const off = Array.isArray(stored.builtInOff) ? stored.builtInOff : [];
  const custom = Array.isArray(stored.custom) ? stored.custom : [];
  const rules = builtInRules().map((rule) => ({ ...rule, enabled: !off.includes(rule.pattern) }));
  const seen = new Set<string>(BUILT_IN_PATTERNS);
  for (const entry of custom) {
    const pattern = (entry as { pattern?: unknown } | null)?.pattern;
    if (!isValidPattern(pattern)) unreadable.push(entry);
    else if (!seen.has(pattern)) {
      seen.add(pattern);
      const { enabled, site } = entry as { enabled?: unknown; site?: unknown };
      const rule: PortalRule = { pattern, enabled: enabled !== false, builtIn: false };
      if (isSiteOf(site, pattern)) rule.site = site;
      rules.push(rule);
    }
  }
  const shapeBroken =
    !Array.isArray(stored.custom) || (stored.builtInOff !== undefined && !Array.isArray(stored.builtInOff));
  const problem: SettingsProblem | undefined =
    stored.version !== SETTINGS_VERSION && stored.version !== undefined
      ? 'unknownVersion'
      : shapeBroken || unreadable.length > 0
        ? 'corrupted'
        : undefined;
  return problem ? { rules, problem, unreadable } : { rules, unreadable };
}

export function storeSettings(rules: readonly PortalRule[]): StoredSettings {
  return {
    version: SETTINGS_VERSION,
    builtInOff: rules.filter((rule) => rule.builtIn && !rule.enabled).map((rule) => rule.pattern),
    custom: rules
      .filter((rule) => !rule.builtIn)
      .map(({ pattern, enabled, site }) => (site === undefined ? { pattern, enabled } : { pattern, enabled, site })),
  };
}

export type NewPortal = { pattern: string; enabled: boolean; site?: string };

/** Adds portals to the list; one already there keeps its place, and duplicates are merged. */
export function mergePortals(rules: readonly PortalRule[], added: readonly NewPortal[]): PortalRule[] {
  const merged = [...rules];
  const known = new Set(rules.map((rule) => rule.pattern));
  for (const { pattern, enabled, site } of added) {
    if (known.has(pattern)) continue;
    known.add(pattern);
    merged.push(
      isSiteOf(site, pattern) ? { pattern, enabled, builtIn: false, site } : { pattern, enabled, builtIn: false },
    );
  }
  return merged;
}
