/**
 * The Opendatasoft platform's own banner: `cookies_preferences`, URI-encoded JSON with one boolean per
 * tracker and a `timestamp` (the known format, ods-labs/starterkit-huwise `src/utils/cookieUtils.ts`;
 * the banner itself is closed source). Only a boolean is a choice; a tracker's key holding anything
 * else is a choice that cannot be read, never a guess.
 */
import { TRACKERS } from './trackers';
import { dateOf, decoded, jsonObject, MAX_RAW, together, type ConsentReader } from './reader';

export type ConsentRecord =
  | { kind: 'none' }
  | { kind: 'unreadable'; raw: string }
  | {
      kind: 'record';
      /**
       * When the record says the choice was made, in ms; null when it does not say, or says a date past now or before
       * 2000.
       */
      at: number | null;
      /** `accepted` is null when the key holds something other than a boolean (`"true"`, 1…). */
      choices: Array<{ key: string; accepted: boolean | null }>;
      /** Keys the extension does not know the meaning of, shown as they are. */
      others: Array<{ key: string; value: string }>;
    };

const MAX_SHOWN = 80;
const MAX_OTHERS = 40;
const TRACKER_KEYS: ReadonlySet<string> = new Set(Object.values(TRACKERS).flatMap((tracker) => tracker.keys));

export function parseConsentRecord(raw: string | undefined, nowMs: number): ConsentRecord {
  if (raw === undefined) return { kind: 'none' };
  const unreadable = { kind: 'unreadable', raw: raw.slice(0, MAX_SHOWN) } as const;
  const data = raw.length > MAX_RAW ? null : jsonObject(decoded(raw));
  if (data === null) return unreadable;
  // Every key is read, in any order: a choice after forty others is still the visitor's choice.
  const choices: Array<{ key: string; accepted: boolean | null }> = [];
  const others: Array<{ key: string; value: string }> = [];
  let at: number | null = null;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'timestamp') at = typeof value === 'number' ? dateOf(value, nowMs) : null;
    else if (TRACKER_KEYS.has(key)) choices.push({ key, accepted: typeof value === 'boolean' ? value : null });
    else if (typeof value === 'boolean') choices.push({ key: key.slice(0, MAX_SHOWN), accepted: value });
    else if (others.length < MAX_OTHERS)
      others.push({ key: key.slice(0, MAX_SHOWN), value: String(JSON.stringify(value)).slice(0, MAX_SHOWN) });
  }
  return { kind: 'record', at, choices, others };
}

export const portalReader: ConsentReader = {
  id: 'portal',
  label: 'Opendatasoft',
  names: ['cookies_preferences'],
  source: 'ods-labs/starterkit-huwise src/utils/cookieUtils.ts (the format the platform’s banner writes)',
  keptFor: null,
  read(value, _name, nowMs) {
    const record = parseConsentRecord(value, nowMs);
    if (record.kind !== 'record') return null;
    // What the banner says of the trackers it knows; its other keys (functional_cookies…) judge nothing.
    return {
      at: record.at,
      choices: record.choices
        .filter(({ key }) => TRACKER_KEYS.has(key))
        .map(({ key, accepted }) => [key, accepted] as const),
    };
  },
  says(choices, subject) {
    // A refusal of every tracker the banner names is a refusal of all: a tracker it does not name is refused too.
    if (subject.tracker === 'unlisted')
      return choices.size > 0 && [...choices.values()].every((accepted) => accepted === false) ? 'refused' : undefined;
    // AT Internet under two of its names, saying two things: nobody can tell which the portal reads.
    return together(choices, TRACKERS[subject.tracker].keys);
  },
};
