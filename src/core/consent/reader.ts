/**
 * What a consent manager's record is asked, and how each reader answers. A reader owns one or a few
 * cookie names, reads a value into choices by key (a tracker, a service, a purpose, a vendor: its own
 * words), and says from those choices what the record says of one tracker cookie. Reading is strict:
 * a value it cannot read fully is unreadable — « choix illisible » — never a refusal or an acceptance.
 */
import type { Tracker } from './trackers';

export type ReaderId =
  | 'portal'
  | 'matomo'
  | 'tarteaucitron'
  | 'orejime'
  | 'klaro'
  | 'tcf'
  | 'axeptio'
  | 'didomi'
  | 'cookiebot'
  | 'onetrust';

/** The tracker cookie a record is asked about. */
export interface Subject {
  tracker: Tracker;
  name: string;
  /** Audience or advertising: what managers that record a choice per purpose decide by. */
  purpose: 'audience' | 'advertising' | 'other';
}

/** `undefined`: the record does not speak of it. */
export type Says = 'accepted' | 'refused' | 'unclear' | undefined;

/**
 * A key's choice: `null` when the record holds something other than a yes or a no; `pending` while the visitor has not
 * answered.
 */
export type Choice = boolean | null | 'pending';
export type Choices = ReadonlyArray<readonly [key: string, choice: Choice]>;
export type ChoiceMap = ReadonlyMap<string, Choice>;

export interface Reading {
  /** When the record says the choice was made (ms); null when it does not say, or says something unbelievable. */
  at: number | null;
  choices: Choices;
}

export interface ConsentReader {
  id: ReaderId;
  /** How a visitor knows the manager: « tarteaucitron », « Axeptio ». */
  label: string;
  /** The cookie names it owns: exact, or a prefix ending in `*`. */
  names: readonly string[];
  /** Where its format is written: the manager's own code or its public documentation. */
  source: string;
  /** How long the manager keeps the record by default (seconds), when its code or documentation says. */
  keptFor: number | null;
  /** It says by the cookie's own name, not only by its tracker and purpose (tarteaucitron's services list names). */
  judgesByName?: true;
  /** The value read, or null when it cannot be read fully. */
  read(value: string, name: string, nowMs: number): Reading | null;
  says(choices: ChoiceMap, subject: Subject): Says;
}

/** Longer than any record a manager writes (a TC string with every vendor is ~2 kB); a longer value is not read. */
export const MAX_RAW = 8_192;
/** Keys kept from one record: more is a value no manager writes. */
export const MAX_KEYS = 400;
const EARLIEST = Date.UTC(2000, 0, 1);

/** A date believed from 2000 until now: seconds below that, ms above. */
export function dateOf(value: unknown, nowMs: number): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  const ms =
    typeof number === 'number' && Number.isFinite(number)
      ? number < EARLIEST
        ? number * 1000
        : number
      : typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)
        ? Date.parse(value)
        : NaN;
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= nowMs ? ms : null;
}

/** `decodeURIComponent` that answers null instead of throwing. */
export function decoded(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** A JSON object read from a value, or null: arrays, scalars and anything past the bounds are not records. */
export function jsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null || text.length > MAX_RAW) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  return Object.keys(data).length > MAX_KEYS ? null : (data as Record<string, unknown>);
}

/** Every key of a JSON record that holds a choice; `skip` names the record's own bookkeeping. */
export function booleanChoices(
  data: Record<string, unknown>,
  skip: (key: string) => boolean = () => false,
): Array<[string, boolean | null]> {
  return Object.entries(data).flatMap(
    ([key, value]): Array<[string, boolean | null]> =>
      skip(key) ? [] : [[key, typeof value === 'boolean' ? value : null]],
  );
}

/**
 * What the keys that speak of a subject say together: one yes or one no, or « unclear » when they
 * disagree or one holds something else (nobody can tell which the site obeys).
 */
export function together(choices: ChoiceMap, keys: Iterable<string>): Says {
  const said = new Set<Choice>();
  for (const key of keys) if (choices.has(key) && choices.get(key) !== 'pending') said.add(choices.get(key)!);
  if (said.size === 0) return undefined;
  if (said.size > 1 || said.has(null)) return 'unclear';
  return said.has(true) ? 'accepted' : 'refused';
}

/**
 * A record that refuses every choice it holds refuses everything; one that accepts every choice,
 * everything. All that can be read of records keyed by the site's own words (purpose ids).
 */
export function wholesale(choices: ChoiceMap): Says {
  const values = new Set(choices.values());
  if (values.size === 0 || values.has('pending')) return undefined;
  if (values.size === 1 && values.has(false)) return 'refused';
  if (values.size === 1 && values.has(true)) return 'accepted';
  return 'unclear';
}

/**
 * Records keyed by what the manager knows (services, vendors): the keys that name the subject decide;
 * when none does, a refusal of everything still refuses it, and anything else does not speak of it.
 */
export function byKeys(choices: ChoiceMap, keys: Iterable<string>): Says {
  const said = together(choices, keys);
  if (said !== undefined) return said;
  return wholesale(choices) === 'refused' ? 'refused' : undefined;
}
