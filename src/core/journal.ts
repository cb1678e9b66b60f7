import { cookieHost, cookieKey, type ObservedCookie } from './cookie';

/**
 * What the background saw happen on the portals, per cookie store, for as long as the browser
 * stays open: when the visitor arrived on a portal, when each cookie first appeared, last changed
 * or went, and when a consent record was written. Kept in session storage, bounded.
 */
export interface CookieTimes {
  name: string;
  firstSeen: number;
  lastChanged: number;
  /** Set when the cookie went, cleared when it came back. */
  removedAt?: number;
}

export interface Journal {
  cookies: Map<string, CookieTimes>;
  /** Portal host → times of the visitor's arrivals (page loads), oldest first. */
  arrivals: Map<string, number[]>;
  /** Portal host → times the consent record was written, oldest first. */
  choices: Map<string, number[]>;
}

export type JournalEvent =
  | { kind: 'cookie'; at: number; removed: boolean; cookie: ObservedCookie; recordsConsent: boolean }
  | { kind: 'arrival'; at: number; host: string };

export const journalKey = (storeId: string) => `journal:${storeId}`;
/** Enough for every cookie of many portals in one session; past it the oldest-changed go first. */
export const MAX_COOKIES = 3_000;
export const MAX_TIMES = 20;
export const MAX_HOSTS = 200;

export const emptyJournal = (): Journal => ({ cookies: new Map(), arrivals: new Map(), choices: new Map() });

/** Folds events into the journal. A cookie's first appearance is never overwritten by a later one. */
export function applyEvents(journal: Journal, events: readonly JournalEvent[]): Journal {
  for (const event of events) {
    if (event.kind === 'arrival') {
      push(journal.arrivals, event.host, event.at);
      continue;
    }
    const key = cookieKey(event.cookie);
    const known = journal.cookies.get(key);
    if (event.removed) {
      if (known) known.removedAt = event.at;
      continue;
    }
    if (known) {
      known.lastChanged = event.at;
      delete known.removedAt;
    } else journal.cookies.set(key, { name: event.cookie.name, firstSeen: event.at, lastChanged: event.at });
    if (event.recordsConsent) push(journal.choices, cookieHost(event.cookie), event.at);
  }
  return bounded(journal);
}

/**
 * Whether the events bring what a verdict or the timeline's marks hang on: an arrival, a choice, a
 * cookie's first appearance, or its first write since the latest choice. Anything else (another new
 * value, a removal) can wait a moment.
 */
export function bringsNews(journal: Journal, events: readonly JournalEvent[]): boolean {
  const latestChoice = Math.max(0, ...[...journal.choices.values()].map((times) => times.at(-1) ?? 0));
  return events.some((event) => {
    if (event.kind === 'arrival' || event.recordsConsent) return true;
    if (event.removed) return false;
    const known = journal.cookies.get(cookieKey(event.cookie));
    return known === undefined || known.lastChanged < latestChoice;
  });
}

function push(times: Map<string, number[]>, host: string, at: number): void {
  const list = times.get(host) ?? [];
  list.push(at);
  times.set(host, list.slice(-MAX_TIMES));
}

function bounded(journal: Journal): Journal {
  if (journal.cookies.size > MAX_COOKIES) {
    const newest = [...journal.cookies].sort((a, b) => b[1].lastChanged - a[1].lastChanged).slice(0, MAX_COOKIES);
    journal.cookies = new Map(newest);
  }
  for (const times of [journal.arrivals, journal.choices]) {
    while (times.size > MAX_HOSTS) times.delete(times.keys().next().value as string);
  }
  return journal;
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Reads the stored journal back; anything damaged is dropped, what is readable kept. */
export function loadJournal(raw: unknown): Journal {
  const journal = emptyJournal();
  const value = raw as { cookies?: unknown; arrivals?: unknown; choices?: unknown } | null;
  if (typeof value !== 'object' || value === null) return journal;
  if (typeof value.cookies === 'object' && value.cookies !== null) {
    for (const [key, times] of Object.entries(value.cookies).slice(0, MAX_COOKIES)) {
      const t = times as Partial<CookieTimes> | null;
      if (typeof t?.name === 'string' && isTime(t.firstSeen) && isTime(t.lastChanged)) {
        journal.cookies.set(key, { name: t.name, firstSeen: t.firstSeen, lastChanged: t.lastChanged, ...(isTime(t.removedAt) ? { removedAt: t.removedAt } : {}) });
      }
    }
  }
  for (const [field, target] of [[value.arrivals, journal.arrivals], [value.choices, journal.choices]] as const) {
    if (typeof field !== 'object' || field === null) continue;
    for (const [host, times] of Object.entries(field).slice(0, MAX_HOSTS)) {
      if (Array.isArray(times)) target.set(host, times.filter(isTime).slice(-MAX_TIMES));
    }
  }
  return journal;
}

export function storeJournal(journal: Journal): unknown {
  return { cookies: Object.fromEntries(journal.cookies), arrivals: Object.fromEntries(journal.arrivals), choices: Object.fromEntries(journal.choices) };
}
