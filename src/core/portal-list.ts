import type { NewPortal } from './settings';
import { parseDomainInput, type DomainInputError } from './domain-input';
import type { PortalRule } from './domains';

export const EXPORT_FORMAT = 'cookies-ods/portals';

export interface PortalExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  portals: Array<{ pattern: string; enabled: boolean }>;
}

export type ImportReport =
  | { ok: false; error: 'notJson' | 'wrongShape' }
  | { ok: true; accepted: NewPortal[]; refused: Array<{ entry: string; error: DomainInputError }> };

export function exportPortals(rules: readonly PortalRule[]): PortalExport {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    portals: rules.filter((rule) => !rule.builtIn).map(({ pattern, enabled }) => ({ pattern, enabled })),
  };
}

/** Reads an exported file (or a plain list of domains), entry by entry; nothing is applied here. */
export function readPortalImport(text: string): ImportReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'notJson' };
  }
  const entries = Array.isArray(data) ? data : (data as { portals?: unknown } | null)?.portals;
  if (!Array.isArray(entries)) return { ok: false, error: 'wrongShape' };
  const accepted: NewPortal[] = [];
  const refused: Array<{ entry: string; error: DomainInputError }> = [];
  for (const entry of entries) {
    const raw = typeof entry === 'string' ? entry : (entry as { pattern?: unknown } | null)?.pattern;
    const parsed = typeof raw === 'string' ? parseDomainInput(raw) : ({ ok: false, error: 'invalid' } as const);
    if (parsed.ok) accepted.push({ pattern: parsed.pattern, site: parsed.site, enabled: (entry as { enabled?: unknown }).enabled !== false });
    else refused.push({ entry: typeof raw === 'string' ? raw : JSON.stringify(entry) ?? String(entry), error: parsed.error });
  }
  return { ok: true, accepted, refused };
}
