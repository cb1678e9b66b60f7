import { TRACKERS, type Tracker } from './trackers';

/**
 * What the visitor chose on a portal, read from its `cookies_preferences` cookie: URI-encoded JSON
 * with one boolean per tracker and a `timestamp` (the known format, not a promise). Read strictly:
 * only a boolean is a choice; a tracker's key with anything else is a choice the extension cannot
 * read, never a guess. A value that cannot be read at all is said to be unreadable — never an exception.
 */
export type ConsentRecord =
  | { kind: 'none' }
  | { kind: 'unreadable'; raw: string }
  | {
      kind: 'record';
      /** When the record says the choice was made, in ms; null when it does not say, or says a date past now or before 2000. */
      at: number | null;
      /** `accepted` is null when the key holds something other than a boolean (`"true"`, 1…). */
      choices: Array<{ key: string; accepted: boolean | null }>;
      /** Keys the extension does not know the meaning of, shown as they are. */
      others: Array<{ key: string; value: string }>;
    };

/** `unclear`: the record speaks of the tracker, in a way that cannot be read for sure. */
export type ChoiceStatus = 'accepted' | 'refused' | 'none' | 'unclear';

export interface TrackerChoice {
  tracker: Tracker;
  status: ChoiceStatus;
  /** When the choice was made (ms), from the journal when it saw it written, else from the record. */
  at: number | null;
  /** When the choice lapses: portals keep it six months, as the CNIL recommends. */
  lapsesAt: number | null;
}

/** Which consent record a cookie is: the portal's banner's, or Matomo's own. */
export type RecordKind = 'portal' | 'matomo';

/** Portals keep the visitor's choice six calendar months (CNIL recommendation 2020-092). */
export function lapseOf(at: number): number {
  const date = new Date(at);
  date.setUTCMonth(date.getUTCMonth() + 6);
  return date.getTime();
}
/** Longer than any record a banner writes; a longer value is not read. */
export const MAX_RAW = 8_192;
const MAX_SHOWN = 80;
const MAX_OTHERS = 40;
/** A timestamp is believed from this date until now; in seconds below it, in ms above. */
const EARLIEST = Date.UTC(2000, 0, 1);

function dateOf(value: unknown, nowMs: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const ms = value < EARLIEST ? value * 1000 : value;
  return ms >= EARLIEST && ms <= nowMs ? ms : null;
}

const TRACKER_KEYS: ReadonlySet<string> = new Set(Object.values(TRACKERS).flatMap((tracker) => tracker.keys));

export function parseConsentRecord(raw: string | undefined, nowMs: number): ConsentRecord {
  if (raw === undefined) return { kind: 'none' };
  const unreadable = { kind: 'unreadable', raw: raw.slice(0, MAX_SHOWN) } as const;
  if (raw.length > MAX_RAW) return unreadable;
  let data: unknown;
  try {
    data = JSON.parse(decodeURIComponent(raw));
  } catch {
    return unreadable;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return unreadable;
  // Every key is read, in any order: a choice after forty others is still the visitor's choice.
  const choices: Array<{ key: string; accepted: boolean | null }> = [];
  const others: Array<{ key: string; value: string }> = [];
  let at: number | null = null;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === 'timestamp') at = dateOf(value, nowMs);
    else if (TRACKER_KEYS.has(key)) choices.push({ key, accepted: typeof value === 'boolean' ? value : null });
    else if (typeof value === 'boolean') choices.push({ key: key.slice(0, MAX_SHOWN), accepted: value });
    else if (others.length < MAX_OTHERS) others.push({ key: key.slice(0, MAX_SHOWN), value: String(JSON.stringify(value)).slice(0, MAX_SHOWN) });
  }
  return { kind: 'record', at, choices, others };
}

/**
 * What a record means, without its date: two writes that mean the same are one choice, re-saved.
 * Kept in the journal instead of the value itself, which can be 4 kB of anything.
 */
export function recordMeaning(kind: RecordKind, name: string, value: string): string {
  if (kind === 'matomo') return name;
  const record = parseConsentRecord(value, Number.MAX_SAFE_INTEGER);
  if (record.kind !== 'record') return UNREADABLE;
  const said = record.choices.filter(({ key }) => TRACKER_KEYS.has(key)).map(({ key, accepted }) => [key, accepted] as const);
  return JSON.stringify(said.sort(([a], [b]) => (a < b ? -1 : 1)));
}
const UNREADABLE = 'unreadable';

/** A meaning read back from storage: anything damaged reads as a choice that cannot be read. */
function readMeaning(meaning: string): Array<[string, boolean | null]> | null {
  try {
    const pairs: unknown = JSON.parse(meaning);
    if (Array.isArray(pairs) && pairs.every((pair) => Array.isArray(pair) && typeof pair[0] === 'string' && (typeof pair[1] === 'boolean' || pair[1] === null))) {
      return pairs as Array<[string, boolean | null]>;
    }
  } catch {
    // damaged: read as a choice that cannot be read
  }
  return null;
}

/** What a record, by its meaning, says of a tracker; undefined when it does not speak of it. */
export function recordSays(kind: RecordKind, meaning: string, tracker: Tracker): Exclude<ChoiceStatus, 'none'> | undefined {
  if (kind === 'matomo') {
    if (tracker !== 'matomo') return undefined;
    return meaning.endsWith('_removed') ? 'refused' : 'accepted';
  }
  const keys: readonly string[] = TRACKERS[tracker].keys;
  const pairs = readMeaning(meaning);
  if (pairs === null) return 'unclear';
  // A refusal of every tracker the banner names is a refusal of all: a tracker it does not name is refused too.
  if (tracker === 'unlisted') return pairs.length > 0 && pairs.every(([, accepted]) => accepted === false) ? 'refused' : undefined;
  const said = pairs.filter(([key]) => keys.includes(key));
  if (said.length === 0) return undefined;
  // AT Internet under two of its names, saying two things: nobody can tell which the portal reads.
  const verdicts = new Set(said.map(([, accepted]) => accepted));
  if (verdicts.size > 1 || verdicts.has(null)) return 'unclear';
  return verdicts.has(true) ? 'accepted' : 'refused';
}

/** The date a record itself gives, when it is believable: Matomo's `mtm_consent` holds it in ms. */
export function recordDate(kind: RecordKind, value: string, nowMs: number): number | null {
  if (kind === 'matomo') return dateOf(Number(value), nowMs);
  const record = parseConsentRecord(value, nowMs);
  return record.kind === 'record' ? record.at : null;
}
