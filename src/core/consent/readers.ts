/**
 * Every consent manager the extension reads, in the order a page's records are heeded when several
 * speak from the same place: the platform's own banner, Matomo's record, then the city's managers.
 * Adding one is a file beside this one and a line here.
 */
import { axeptioReader } from './axeptio';
import { cookiebotReader } from './cookiebot';
import { didomiReader } from './didomi';
import { matomoReader } from './matomo';
import { onetrustReader } from './onetrust';
import { klaroReader, orejimeReader } from './orejime';
import { portalReader } from './ods-banner';
import type { Choice, ConsentReader, ReaderId, Says, Subject } from './reader';
import { tarteaucitronReader } from './tarteaucitron';
import { tcfReader } from './tcf';

export const READERS: readonly ConsentReader[] = [
  portalReader,
  matomoReader,
  tarteaucitronReader,
  orejimeReader,
  klaroReader,
  tcfReader,
  axeptioReader,
  didomiReader,
  cookiebotReader,
  onetrustReader,
];

const BY_ID = new Map(READERS.map((reader) => [reader.id, reader]));
export const READER_IDS: ReadonlySet<string> = new Set(BY_ID.keys());
export const readerOf = (id: ReaderId): ConsentReader => BY_ID.get(id)!;
/** Heeded first to last: a reader's place in the list. */
export const readerRank = (id: ReaderId): number => READERS.indexOf(readerOf(id));

/** What a record means, without its date: two writes that mean the same are one choice, re-saved. */
export function recordMeaning(id: ReaderId, name: string, value: string): string {
  const reading = readerOf(id).read(value, name, Number.MAX_SAFE_INTEGER);
  if (reading === null) return UNREADABLE;
  // Kept in the journal instead of the value itself, which can be 8 kB of anything.
  return JSON.stringify([...reading.choices].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
const UNREADABLE = 'unreadable';

/** A meaning read back from storage: anything damaged reads as a choice that cannot be read. */
export function recordChoices(meaning: string): ReadonlyMap<string, Choice> | null {
  if (meaning === UNREADABLE) return null;
  let choices = parsed.get(meaning);
  if (choices === undefined) {
    choices = parseChoices(meaning);
    // Every tracker cookie of a page asks about the same few records: each meaning is parsed once.
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value as string);
    parsed.set(meaning, choices);
  }
  return choices;
}
const parsed = new Map<string, ReadonlyMap<string, Choice> | null>();
const MAX_PARSED = 256;

function parseChoices(meaning: string): ReadonlyMap<string, Choice> | null {
  try {
    const pairs: unknown = JSON.parse(meaning);
    const isChoice = (value: unknown) => typeof value === 'boolean' || value === null || value === 'pending';
    if (
      Array.isArray(pairs) &&
      pairs.every(
        (pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && isChoice(pair[1]),
      )
    ) {
      return new Map(pairs as Array<[string, Choice]>);
    }
  } catch {
    // damaged: read as a choice that cannot be read
  }
  return null;
}

/** What a record, by its meaning, says of a tracker cookie; undefined when it does not speak of it. */
export function recordSays(id: ReaderId, meaning: string, subject: Subject): Says {
  const choices = recordChoices(meaning);
  return choices === null ? 'unclear' : readerOf(id).says(choices, subject);
}

/** The date a record gives itself, when it is believable. */
export function recordDate(id: ReaderId, name: string, value: string, nowMs: number): number | null {
  return readerOf(id).read(value, name, nowMs)?.at ?? null;
}
