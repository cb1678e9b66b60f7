/**
 * The visitor's choice about one tracker as the surfaces show it: what it is, when it was made, until
 * when it holds, and where — the portal's own banner, or a record the browser sends from elsewhere
 * (the city's tarteaucitron on `.ville.fr`).
 */
import type { Tracker } from './trackers';
import type { ReaderId } from './reader';

/** `unclear`: a record speaks of the tracker, in a way that cannot be read for sure. */
export type ChoiceStatus = 'accepted' | 'refused' | 'none' | 'unclear';

/** Where a choice was recorded: by which manager, on which site (the record's domain). */
export interface ChoiceOrigin {
  reader: ReaderId;
  /** The manager as a visitor knows it: « tarteaucitron ». */
  manager: string;
  site: string;
  /** Recorded by the portal's own banner on the portal itself: nothing more needs saying. */
  ownBanner: boolean;
}

export interface TrackerChoice {
  tracker: Tracker;
  status: ChoiceStatus;
  /** When the choice was made (ms), from the journal when it saw it written, else from the record. */
  at: number | null;
  /** When the choice lapses: the record's own expiry, or six months for the portal's banner (CNIL). */
  lapsesAt: number | null;
  by: ChoiceOrigin | null;
}

/** Portals keep the visitor's choice six calendar months (CNIL recommendation 2020-092). */
export function lapseOf(at: number): number {
  const date = new Date(at);
  date.setUTCMonth(date.getUTCMonth() + 6);
  return date.getTime();
}
