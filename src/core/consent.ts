import { TRACKERS, type Tracker } from './trackers';

/**
 * What the visitor chose on a portal, read from its `cookies_preferences` cookie: URI-encoded JSON
 * with one boolean per tracker and a `timestamp` (the known format, not a promise). Anything else
 * is kept as it is, and a value that cannot be read is said to be unreadable — never an exception.
 */
export type ConsentRecord =
  | { kind: 'none' }
  | { kind: 'unreadable'; raw: string }
  | {
      kind: 'record';
      /** When the choice was made, in ms; null when the record does not say (or says nonsense). */
      at: number | null;
      choices: Array<{ key: string; accepted: boolean }>;
      /** Keys the extension does not know the meaning of, shown as they are. */
      others: Array<{ key: string; value: string }>;
    };

export type ChoiceStatus = 'accepted' | 'refused' | 'none';

export interface TrackerChoice {
  tracker: Tracker;
  status: ChoiceStatus;
  /** When the choice was made (ms), from the journal when it saw it written, else from the record. */
  at: number | null;
  /** When the choice lapses: portals keep it six months, as the CNIL recommends. */
  lapsesAt: number | null;
}

/** Portals keep the visitor's choice six calendar months (CNIL recommendation 2020-092). */
export function lapseOf(at: number): number {
  const date = new Date(at);
  date.setUTCMonth(date.getUTCMonth() + 6);
  return date.getTime();
}
const MAX_RAW = 8_192;
const MAX_KEYS = 40;
const MAX_SHOWN = 80;
/** A timestamp is believed between these dates; in seconds below the first, in ms above. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

function dateOf(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const ms = value < EARLIEST ? value * 1000 : value;
  return ms >= EARLIEST && ms < LATEST ? ms : null;
}

export function parseConsentRecord(raw: string | undefined): ConsentRecord {
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
  const entries = Object.entries(data as Record<string, unknown>).slice(0, MAX_KEYS);
  const choices: Array<{ key: string; accepted: boolean }> = [];
  const others: Array<{ key: string; value: string }> = [];
  let at: number | null = null;
  for (const [key, value] of entries) {
    if (key === 'timestamp') at = dateOf(value);
    else if (typeof value === 'boolean') choices.push({ key: key.slice(0, MAX_SHOWN), accepted: value });
    else others.push({ key: key.slice(0, MAX_SHOWN), value: String(JSON.stringify(value)).slice(0, MAX_SHOWN) });
  }
  return { kind: 'record', at, choices, others };
}

/** Matomo's own record: `mtm_consent` holds the date of consent, `mtm_consent_removed` says it was withdrawn. */
export function matomoChoice(consent: string | undefined, removed: string | undefined): { accepted: boolean; at: number | null } | undefined {
  if (removed !== undefined) return { accepted: false, at: dateOf(Number(removed)) };
  if (consent !== undefined) return { accepted: true, at: dateOf(Number(consent)) };
  return undefined;
}

/**
 * The visitor's choice for each tracker the record mentions or whose cookies are present.
 * `writtenAt` is when the journal saw the record written: more exact than the record's own date.
 */
export function trackerChoices(
  record: ConsentRecord,
  trackers: ReadonlySet<Tracker>,
  matomo: { accepted: boolean; at: number | null } | undefined,
  writtenAt: number | null,
): TrackerChoice[] {
  const wanted = new Set(trackers);
  if (record.kind === 'record') for (const { key } of record.choices) for (const tracker of trackersOfKey(key)) wanted.add(tracker);
  if (matomo) wanted.add('matomo');
  return (Object.keys(TRACKERS) as Tracker[])
    .filter((tracker) => wanted.has(tracker))
    .map((tracker) => {
      const keys: readonly string[] = TRACKERS[tracker].keys;
      const said = record.kind === 'record' ? record.choices.find((choice) => keys.includes(choice.key)) : undefined;
      const fromRecord = said && { accepted: said.accepted, at: writtenAt ?? (record.kind === 'record' ? record.at : null) };
      const choice = fromRecord ?? (tracker === 'matomo' ? matomo : undefined);
      const at = choice?.at ?? null;
      return { tracker, status: choice ? (choice.accepted ? 'accepted' : 'refused') : 'none', at, lapsesAt: at === null ? null : lapseOf(at) };
    });
}

function trackersOfKey(key: string): Tracker[] {
  return (Object.keys(TRACKERS) as Tracker[]).filter((tracker) => (TRACKERS[tracker].keys as readonly string[]).includes(key));
}
