import type { ObservedCookie } from './cookie';

/** One removal made from the popup, kept so it can be undone for as long as the browser stays open. */
export interface UndoEntry {
  id: string;
  host: string;
  at: number;
  cookies: ObservedCookie[];
}

export const UNDO_KEY = 'undo:history';
/** A history, not an archive: enough to undo a session's mistakes, small enough for session storage. */
export const MAX_ENTRIES = 30;
export const MAX_COOKIES = 2_000;

const isCookie = (value: unknown): value is ObservedCookie => {
  const c = value as Partial<ObservedCookie> | null;
  return typeof c === 'object' && c !== null && typeof c.name === 'string' && typeof c.value === 'string' && typeof c.domain === 'string' && typeof c.path === 'string' && typeof c.storeId === 'string';
};

/** The stored history, newest first; anything damaged is dropped, the rest kept. */
export function loadHistory(raw: unknown): UndoEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((value: Partial<UndoEntry> | null) => {
    if (typeof value !== 'object' || value === null || typeof value.id !== 'string' || typeof value.host !== 'string' || typeof value.at !== 'number') return [];
    const cookies = Array.isArray(value.cookies) ? value.cookies.filter(isCookie) : [];
    return cookies.length > 0 ? [{ id: value.id, host: value.host, at: value.at, cookies }] : [];
  });
}

/** Adds the newest removal in front; the oldest go once the history is past its bounds. */
export function withRemoval(history: readonly UndoEntry[], entry: UndoEntry): UndoEntry[] {
  const kept: UndoEntry[] = [];
  let cookies = 0;
  for (const item of [entry, ...history]) {
    if (kept.length === MAX_ENTRIES || cookies + item.cookies.length > MAX_COOKIES) break;
    kept.push(item);
    cookies += item.cookies.length;
  }
  return kept;
}
