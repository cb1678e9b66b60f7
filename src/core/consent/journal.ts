import type { ReaderId } from './reader';
import { READER_IDS, recordMeaning } from './readers';
import { cookieKey, type ObservedCookie } from '../cookies/cookie';

/**
 * What the background saw happen on the portals, per cookie store, for as long as the browser
 * stays open: when the visitor arrived on a portal, each cookie's writes, and each change of a
 * consent record. Kept in session storage, bounded in entries and in bytes.
 *
 * Every change of meaning of a consent record moves the journal to a new `seq`; a cookie keeps one
 * write per `seq` of its present life. So the choice in force when a value was written is known
 * exactly, by the order the browser told things, whatever the clocks say.
 */
export interface CookieWrite {
  seq: number;
  at: number;
}

export interface CookieTimes {
  name: string;
  /** Its first appearance in its present life: a cookie removed and set again starts anew. */
  firstSeen: number;
  lastChanged: number;
  /** Set when the cookie went, cleared when it came back. */
  removedAt?: number;
  /** Its latest write under each state of the records, oldest first. */
  writes: CookieWrite[];
  /** Older writes were dropped (bounds): what they were written under is not known. */
  writesDropped?: true;
  /**
   * The writes of its earlier lives, oldest first (bounded): a tracker written before the choice and
   * removed by the refusal was still written before the choice, and the rule keeps saying so.
   */
  earlier?: CookieWrite[];
}

/** One consent record's slot in the jar (name, domain, path), and each change of what it says. */
export interface RecordHistory {
  kind: ReaderId;
  name: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  /** `meaning` is null when the record was removed. */
  changes: Array<{ seq: number; at: number; meaning: string | null }>;
  /** Older changes were dropped (bounds): what the record said before the first kept is not known. */
  changesDropped?: true;
}

export interface Journal {
  /** How many changes of meaning the records have seen. */
  seq: number;
  cookies: Map<string, CookieTimes>;
  /** Portal host → times of the visitor's arrivals (page loads), oldest first. */
  arrivals: Map<string, number[]>;
  /** Cookie key → the record it holds. */
  records: Map<string, RecordHistory>;
}

export type CookieEvent = { kind: 'cookie'; at: number; removed: boolean; cookie: ObservedCookie; record?: ReaderId };
export type JournalEvent = CookieEvent | { kind: 'arrival'; at: number; host: string };

export const journalKey = (storeId: string) => `journal:${storeId}`;
/**
 * Written (in the local area, with the moment) when session storage starts or stops refusing a journal: pages follow
 * the journal by its writes, and a refused write is silent.
 */
export const JOURNAL_REFUSED_KEY = 'journalRefusedChanged';
/** Enough for every cookie of many portals in one session; past it the oldest-changed go first. */
export const MAX_JOURNAL_COOKIES = 3_000;
export const MAX_TIMES = 20;
export const MAX_HOSTS = 200;
export const MAX_RECORDS = 50;
const MAX_WRITES = 24;
/** A record removed and written again with the same choice within this long was re-saved, not withdrawn. */
export const RESAVE_MS = 1_000;
/** Session storage holds 10 MB for the whole extension: the journal keeps to 3 MB, the undo history to 4 MB. */
export const MAX_JOURNAL_BYTES = 3_000_000;

export const emptyJournal = (): Journal => ({ seq: 0, cookies: new Map(), arrivals: new Map(), records: new Map() });

const meaningOf = (event: Extract<JournalEvent, { kind: 'cookie' }> & { record: ReaderId }) =>
  event.removed ? null : recordMeaning(event.record, event.cookie.name, event.cookie.value);
const lastMeaning = (history: RecordHistory | undefined) => history?.changes.at(-1)?.meaning ?? null;

/** Folds events into the journal, in the order the browser told them. */
export function applyEvents(journal: Journal, events: readonly JournalEvent[]): Journal {
  for (const event of events) {
    if (event.kind === 'arrival') {
      push(journal.arrivals, event.host, event.at);
      continue;
    }
    const key = cookieKey(event.cookie);
    if (event.record) noteRecord(journal, key, { ...event, record: event.record });
    const known = journal.cookies.get(key);
    if (event.removed) {
      if (known) known.removedAt = event.at;
      continue;
    }
    const write = { seq: journal.seq, at: event.at };
    if (!known || known.removedAt !== undefined) {
      const earlier = known ? [...(known.earlier ?? []), ...known.writes].slice(-MAX_WRITES) : [];
      journal.cookies.set(key, {
        name: event.cookie.name,
        firstSeen: event.at,
        lastChanged: event.at,
        writes: [write],
        ...(earlier.length > 0 ? { earlier } : {}),
      });
      continue;
    }
    known.lastChanged = event.at;
    const last = known.writes.at(-1);
    if (last?.seq === journal.seq) last.at = event.at;
    else known.writes.push(write);
    if (known.writes.length > MAX_WRITES) {
      known.writes.shift();
      known.writesDropped = true;
    }
  }
  return bounded(journal);
}

function noteRecord(
  journal: Journal,
  key: string,
  event: Extract<JournalEvent, { kind: 'cookie' }> & { record: ReaderId },
): void {
  const history = journal.records.get(key);
  const meaning = meaningOf(event);
  // A re-save of the same choice is not a new choice; a removal of a record never seen is no change.
  if (meaning === lastMeaning(history) && (history || meaning === null)) return;
  // Nor is a re-save written as a removal then the same choice at once: what was written in between
  // was written under that choice, never « before » it.
  const [before, removal] = history?.changes.slice(-2) ?? [];
  if (removal?.meaning === null && before?.meaning === meaning && event.at - removal.at <= RESAVE_MS) {
    history!.changes.pop();
    return;
  }
  journal.seq++;
  const { cookie } = event;
  const slot = history ?? {
    kind: event.record,
    name: cookie.name,
    domain: cookie.domain,
    hostOnly: cookie.hostOnly,
    path: cookie.path,
    changes: [],
  };
  slot.changes.push({ seq: journal.seq, at: event.at, meaning });
  if (slot.changes.length > MAX_TIMES) {
    slot.changes.shift();
    slot.changesDropped = true;
  }
  journal.records.delete(key);
  journal.records.set(key, slot); // the most recently changed last
}

/**
 * Whether the events bring what a verdict or the timeline hangs on: an arrival, a record that says
 * something new, a cookie's first appearance, its first write since the records last changed, or
 * the removal of a cookie whose life spans a change. Anything else can wait a moment.
 */
export function bringsNews(journal: Journal, events: readonly JournalEvent[]): boolean {
  return events.some((event) => {
    if (event.kind === 'arrival') return true;
    const key = cookieKey(event.cookie);
    if (event.record) {
      const history = journal.records.get(key);
      const meaning = meaningOf({ ...event, record: event.record });
      if (meaning !== lastMeaning(history) && (history || meaning !== null)) return true;
    }
    const known = journal.cookies.get(key);
    if (event.removed)
      return (
        known !== undefined && known.removedAt === undefined && (known.writes[0]?.seq ?? journal.seq) < journal.seq
      );
    return known === undefined || known.removedAt !== undefined || (known.writes.at(-1)?.seq ?? -1) < journal.seq;
  });
}

/**
 * Until when these events must wait before they are written: a record removed and not yet written
 * again may still be re-saved (RESAVE_MS). Written at once, the removal would show, for a moment, what
 * follows it as written with no choice in force — a false « Déposé avant votre accord » in the popup
 * and the badge. Undefined when nothing waits.
 */
export function resaveAwaitedUntil(events: readonly JournalEvent[]): number | undefined {
  const removals = new Map<string, number>();
  for (const event of events) {
    if (event.kind !== 'cookie' || event.record === undefined) continue;
    const key = cookieKey(event.cookie);
    if (event.removed) removals.set(key, event.at + RESAVE_MS);
    else removals.delete(key);
  }
  return removals.size === 0 ? undefined : Math.max(...removals.values());
}

function push(times: Map<string, number[]>, host: string, at: number): void {
  const list = times.get(host) ?? [];
  list.push(at);
  times.delete(host);
  times.set(host, list.slice(-MAX_TIMES));
}

/** A close upper bound of the stored JSON's size, without writing it out. */
function bytesOf(key: string, value: CookieTimes | RecordHistory): number {
  if ('writes' in value)
    return key.length * 2 + value.name.length + 80 + (value.writes.length + (value.earlier?.length ?? 0)) * 40;
  return (
    key.length * 2 +
    value.name.length +
    value.domain.length +
    value.path.length +
    120 +
    value.changes.reduce((sum, change) => sum + 40 + (change.meaning?.length ?? 4) * 2, 0)
  );
}

/** Past its bounds, the journal forgets the least recently changed cookies first, then records. */
function bounded(journal: Journal): Journal {
  if (journal.cookies.size > MAX_JOURNAL_COOKIES) journal.cookies = newestCookies(journal.cookies, MAX_JOURNAL_COOKIES);
  while (journal.records.size > MAX_RECORDS) journal.records.delete(journal.records.keys().next().value as string);
  for (const times of [journal.arrivals]) {
    while (times.size > MAX_HOSTS) times.delete(times.keys().next().value as string);
  }
  let bytes = 0;
  for (const map of [journal.cookies, journal.records] as const)
    for (const [key, value] of map) bytes += bytesOf(key, value);
  if (bytes <= MAX_JOURNAL_BYTES) return journal;
  const cookies = newestCookies(journal.cookies, journal.cookies.size);
  for (const [key, value] of [...cookies].reverse()) {
    if (bytes <= MAX_JOURNAL_BYTES) break;
    bytes -= bytesOf(key, value);
    cookies.delete(key);
  }
  journal.cookies = cookies;
  for (const [key, value] of journal.records) {
    if (bytes <= MAX_JOURNAL_BYTES) break;
    bytes -= bytesOf(key, value);
    journal.records.delete(key);
  }
  return journal;
}

function newestCookies(cookies: Map<string, CookieTimes>, keep: number): Map<string, CookieTimes> {
  return new Map([...cookies].sort((a, b) => b[1].lastChanged - a[1].lastChanged).slice(0, keep));
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;
const isSeq = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Reads the stored journal back; anything damaged is dropped, what is readable kept. */
export function loadJournal(raw: unknown): Journal {
  const journal = emptyJournal();
  if (!isObject(raw)) return journal;
  journal.seq = isSeq(raw.seq) ? raw.seq : 0;
  if (isObject(raw.cookies)) {
    for (const [key, times] of Object.entries(raw.cookies).slice(0, MAX_JOURNAL_COOKIES)) {
      const t = times as Partial<CookieTimes> | null;
      if (typeof t?.name !== 'string' || !isTime(t.firstSeen) || !isTime(t.lastChanged)) continue;
      const writesIn = (list: unknown) =>
        Array.isArray(list)
          ? list
              .filter((w: Partial<CookieWrite> | null) => isSeq(w?.seq) && w.seq <= journal.seq && isTime(w.at))
              .slice(-MAX_WRITES)
              .map(({ seq, at }: CookieWrite) => ({ seq, at }))
          : [];
      const writes = writesIn(t.writes);
      const earlier = writesIn(t.earlier);
      // A cookie whose writes are damaged is known, but not what it was written under.
      const dropped = t.writesDropped === true || writes.length !== (Array.isArray(t.writes) ? t.writes.length : -1);
      journal.cookies.set(key, {
        name: t.name,
        firstSeen: t.firstSeen,
        lastChanged: t.lastChanged,
        ...(isTime(t.removedAt) ? { removedAt: t.removedAt } : {}),
        writes,
        ...(dropped ? { writesDropped: true as const } : {}),
        ...(earlier.length > 0 ? { earlier } : {}),
      });
    }
  }
  if (isObject(raw.arrivals)) {
    for (const [host, times] of Object.entries(raw.arrivals).slice(0, MAX_HOSTS)) {
      if (Array.isArray(times)) journal.arrivals.set(host, times.filter(isTime).slice(-MAX_TIMES));
    }
  }
  if (isObject(raw.records)) {
    for (const [key, value] of Object.entries(raw.records).slice(-MAX_RECORDS)) {
      const r = value as Partial<RecordHistory> | null;
      if (
        typeof r?.kind !== 'string' ||
        !READER_IDS.has(r.kind) ||
        typeof r.name !== 'string' ||
        typeof r.domain !== 'string' ||
        typeof r.path !== 'string' ||
        typeof r.hostOnly !== 'boolean'
      )
        continue;
      if (!Array.isArray(r.changes)) continue;
      const changes = r.changes.filter(
        (c: Partial<RecordHistory['changes'][number]> | null) =>
          isSeq(c?.seq) &&
          c.seq <= journal.seq &&
          isTime(c.at) &&
          (c.meaning === null || typeof c.meaning === 'string'),
      );
      if (changes.length === 0) continue;
      const dropped = r.changesDropped === true || changes.length !== r.changes.length;
      journal.records.set(key, {
        kind: r.kind,
        name: r.name,
        domain: r.domain,
        hostOnly: r.hostOnly,
        path: r.path,
        changes: changes
          .slice(-MAX_TIMES)
          .map(({ seq, at, meaning }: RecordHistory['changes'][number]) => ({ seq, at, meaning })),
        ...(dropped ? { changesDropped: true as const } : {}),
      });
    }
  }
  return journal;
}

export function storeJournal(journal: Journal): unknown {
  return {
    seq: journal.seq,
    cookies: Object.fromEntries(journal.cookies),
    arrivals: Object.fromEntries(journal.arrivals),
    records: Object.fromEntries(journal.records),
  };
}
