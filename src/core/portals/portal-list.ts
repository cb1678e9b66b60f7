import type { NewPortal } from './settings';
import { parseDomainInput, type DomainInputError } from './domain-input';
import type { PortalRule } from './domains';

export const EXPORT_FORMAT = 'cookies-ods/portals';

export interface PortalExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  portals: Array<{ pattern: string; enabled: boolean }>;
}

/** Said before the file is read: past these, nothing is read and nothing changes. */
export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_MAX_ENTRIES = 5_000;

export type RefusalReason = DomainInputError | 'duplicate' | 'badEntry' | 'badEnabled';

export type ImportReport =
  | { ok: false; error: 'notJson' | 'wrongShape' | 'tooLarge' | 'tooMany' }
  | { ok: true; accepted: NewPortal[]; refused: Array<{ entry: string; error: RefusalReason }> };

export function exportPortals(rules: readonly PortalRule[]): PortalExport {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    portals: rules.filter((rule) => !rule.builtIn).map(({ pattern, enabled }) => ({ pattern, enabled })),
  };
}

/**
 * Reads an exported file (or a plain list of domains), entry by entry, with strict types (an
 * `enabled` that is not true or false is refused, not guessed); one already in the list, or twice
 * in the file, is said to be a duplicate. Linear in the number of entries; nothing is applied here.
 */
export function readPortalImport(text: string, known: ReadonlySet<string> = new Set()): ImportReport {
  if (text.length > IMPORT_MAX_BYTES) return { ok: false, error: 'tooLarge' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'notJson' };
  }
  const entries = Array.isArray(data) ? data : (data as { portals?: unknown } | null)?.portals;
  if (!Array.isArray(entries)) return { ok: false, error: 'wrongShape' };
  if (entries.length > IMPORT_MAX_ENTRIES) return { ok: false, error: 'tooMany' };
  const accepted: NewPortal[] = [];
  const refused: Array<{ entry: string; error: RefusalReason }> = [];
  const seen = new Set(known);
  for (const entry of entries) {
    const object =
      typeof entry === 'object' && entry !== null && !Array.isArray(entry)
        ? (entry as { pattern?: unknown; enabled?: unknown })
        : null;
    const raw = typeof entry === 'string' ? entry : object?.pattern;
    const shown = typeof raw === 'string' ? raw : (JSON.stringify(entry) ?? String(entry));
    if (typeof raw !== 'string') {
      refused.push({ entry: shown, error: 'badEntry' });
      continue;
    }
    if (object && object.enabled !== undefined && typeof object.enabled !== 'boolean') {
      refused.push({ entry: shown, error: 'badEnabled' });
      continue;
    }
    const parsed = parseDomainInput(raw);
    if (!parsed.ok) refused.push({ entry: shown, error: parsed.error });
    else if (seen.has(parsed.pattern)) refused.push({ entry: shown, error: 'duplicate' });
    else {
      seen.add(parsed.pattern);
      accepted.push({ pattern: parsed.pattern, site: parsed.site, enabled: object?.enabled !== false });
    }
  }
  return { ok: true, accepted, refused };
}
