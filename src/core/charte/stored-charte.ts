import type { CatalogueEntry } from '../catalogue/catalogue';
import type { DeclaredCookie, ParsedCharte, UnreadRow } from './charte';

/** A portal's charte as the extension keeps it: what it declares, and when it was read. */
export interface StoredCharte extends ParsedCharte {
  url: string;
  readAt: number;
  source: 'fetched' | 'page';
}

/** `_ga_*` in a charte declares every `_ga_…` cookie; any other name declares itself only. */
function matchesWildcard(declaredName: string, cookieName: string): boolean {
  const [head = '', ...rest] = declaredName.split('*');
  return (
    cookieName.startsWith(head) &&
    cookieName.endsWith(rest.at(-1) ?? '') &&
    cookieName.length >= declaredName.length - 1
  );
}

/**
 * The names by which a charte may declare a catalogue family: its exact names and the stems of its
 * prefixes (`_pk_id` for `_pk_id.<site>.<hash>`), as chartes write them.
 */
function familyStems(entry: CatalogueEntry): string[] {
  return entry.names.flatMap((pattern) =>
    'exact' in pattern ? [pattern.exact] : [pattern.prefix, pattern.prefix.replace(/[._-]+$/, '')],
  );
}

/**
 * Every line of the charte that declares a cookie: its exact name, a family pattern (`_ga_*`), or
 * the stem of the catalogue family it belongs to (`_pk_id` declares `_pk_id.3.c0ff`).
 */
export function declarationsIn(
  charte: Pick<ParsedCharte, 'cookies'>,
): (name: string, entry: CatalogueEntry | undefined) => DeclaredCookie[] {
  const exact = new Map<string, DeclaredCookie[]>();
  const patterns: DeclaredCookie[] = [];
  for (const declared of charte.cookies) {
    if (declared.name.includes('*')) patterns.push(declared);
    else exact.set(declared.name, [...(exact.get(declared.name) ?? []), declared]);
  }
  return (name, entry) => {
    const found = new Set(exact.get(name));
    for (const stem of entry ? familyStems(entry) : [])
      for (const declared of exact.get(stem) ?? []) found.add(declared);
    for (const declared of patterns) if (matchesWildcard(declared.name, name)) found.add(declared);
    return [...found];
  };
}

export const charteKey = (host: string) => `charte:${host}`;

const MAX_DECLARED = 2_000;

/** Reads what the cache holds back into a charte, or null: a damaged entry is dropped, never trusted. */
export function loadStoredCharte(raw: unknown): StoredCharte | null {
  const value = raw as Partial<StoredCharte> | null;
  if (typeof value !== 'object' || value === null || !Array.isArray(value.cookies) || !Array.isArray(value.unread))
    return null;
  if (typeof value.url !== 'string' || (value.source !== 'fetched' && value.source !== 'page')) return null;
  if (typeof value.readAt !== 'number' || !Number.isFinite(new Date(value.readAt).getTime())) return null;
  const cookies = value.cookies
    .slice(0, MAX_DECLARED)
    .filter(
      (c): c is DeclaredCookie =>
        typeof c?.name === 'string' && typeof c.provider === 'string' && typeof c.lifetime?.kind === 'string',
    );
  const unread = value.unread
    .slice(0, MAX_DECLARED)
    .filter(
      (row): row is UnreadRow => Array.isArray(row?.cells) && row.cells.every((cell) => typeof cell === 'string'),
    );
  const cutRows = Number.isSafeInteger(value.cutRows) && (value.cutRows as number) > 0 ? (value.cutRows as number) : 0;
  return { cookies, unread, cutRows, url: value.url, readAt: value.readAt, source: value.source };
}
