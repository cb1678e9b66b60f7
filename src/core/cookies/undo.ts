import type { ObservedCookie } from './cookie';

/** One removal made from the popup, kept so it can be undone for as long as the browser stays open. */
export interface UndoEntry {
  id: string;
  host: string;
  at: number;
  cookies: ObservedCookie[];
}

export const UNDO_KEY = 'undo:history';
/**
 * Hosts that had removals to undo, kept on this machine: when the browser closes, session storage
 * goes with the history, and the popup can say so instead of showing nothing.
 */
export const UNDO_HOSTS_KEY = 'undo:hosts';
/** A history, not an archive: enough to undo a session's mistakes, small enough for session storage. */
export const MAX_ENTRIES = 30;
export const MAX_UNDO_COOKIES = 2_000;
/** Session storage holds 10 MB for the whole extension; cookies of 4 kB with long paths fill it fast. */
export const MAX_UNDO_BYTES = 4_000_000;
const MAX_HOSTS = 200;

/** What an entry weighs in storage, as browsers count it: its JSON in UTF-8. */
const bytesOf = (entry: UndoEntry) => new TextEncoder().encode(JSON.stringify(entry)).length;

const isCookie = (value: unknown): value is ObservedCookie => {
  const c = value as Partial<ObservedCookie> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.name === 'string' &&
    typeof c.value === 'string' &&
    typeof c.domain === 'string' &&
    typeof c.path === 'string' &&
    typeof c.storeId === 'string'
  );
};

/** The stored history, newest first; anything damaged is dropped, the rest kept. */
export function loadHistory(raw: unknown): UndoEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((value: Partial<UndoEntry> | null) => {
    if (
      typeof value !== 'object' ||
      value === null ||
      typeof value.id !== 'string' ||
      typeof value.host !== 'string' ||
      typeof value.at !== 'number'
    )
      return [];
    const cookies = Array.isArray(value.cookies) ? value.cookies.filter(isCookie) : [];
    return cookies.length > 0 ? [{ id: value.id, host: value.host, at: value.at, cookies }] : [];
  });
}

/**
 * Adds the newest removal in front; the oldest go once the history is past its bounds. Null when
 * the removal alone is past them: then it cannot be undone, and must not be made.
 */
export function withRemoval(history: readonly UndoEntry[], entry: UndoEntry): UndoEntry[] | null {
  if (entry.cookies.length > MAX_UNDO_COOKIES || bytesOf(entry) > MAX_UNDO_BYTES) return null;
  const kept: UndoEntry[] = [];
  let cookies = 0;
  let bytes = 0;
  for (const item of [entry, ...history]) {
    const size = bytesOf(item);
    if (
      kept.length === MAX_ENTRIES ||
      cookies + item.cookies.length > MAX_UNDO_COOKIES ||
      bytes + size > MAX_UNDO_BYTES
    )
      break;
    kept.push(item);
    cookies += item.cookies.length;
    bytes += size;
  }
  return kept;
}

/** The hosts whose removals could be undone, with this one; read back from storage, never trusted. */
export function withHost(raw: unknown, host: string): string[] {
  const hosts = Array.isArray(raw)
    ? raw.filter((item): item is string => typeof item === 'string' && item !== host)
    : [];
  return [host, ...hosts].slice(0, MAX_HOSTS);
}
