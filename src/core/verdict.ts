import { lapseOf, recordDate, recordMeaning, recordSays, type ChoiceStatus, type RecordKind, type TrackerChoice } from './consent';
import { cookieHost, cookieKey, type ObservedCookie } from './cookie';
import type { ConsentVerdict } from './explanation';
import type { CookieTimes, RecordHistory } from './journal';
import { CATALOGUE } from './catalogue';
import { TRACKERS, type Tracker } from './trackers';
import type { ValueDate } from './value-date';

/**
 * The choice in force for a page at each moment the journal knows, and the verdict on each tracker
 * cookie that follows from it. A verdict accuses only from evidence that stays true: the choice in
 * force when each value of the cookie was written, read from the record the browser sends to that
 * very page (RFC 6265: domain and path rules, the longest path first, then the oldest).
 */

/** One record's slot as the page sees it: what it said after each change, and what the jar holds now. */
interface Slot {
  kind: RecordKind;
  name: string;
  path: string;
  /** Oldest first; `seq` -1 for a record the journal never saw change: it was there all along. */
  changes: ReadonlyArray<{ seq: number; at: number | null; meaning: string | null }>;
  /** What the record said before its first kept change is not known. */
  unknownBefore: boolean;
  /** The jar holds what the journal did not see written (an event lost; null: gone): since when is not known. */
  pending: { meaning: string | null; date: number | null } | null;
}

export interface PageChoices {
  /** The choice in force for a tracker after the records' change `seq` (Infinity: now). */
  at(tracker: Tracker, seq: number): { status: ChoiceStatus; at: number | null };
  /** The cookies_preferences value the page receives now, if any. */
  portalRecord: string | undefined;
  /** When each record the page reads changed what it says, oldest first. */
  changes: number[];
}

/** RFC 6265 §5.1.4: `/explore` path-matches `/explore` and `/explore/…`, never `/explorer`. */
export function pathMatches(pagePath: string, cookiePath: string): boolean {
  if (pagePath === cookiePath) return true;
  return pagePath.startsWith(cookiePath) && (cookiePath.endsWith('/') || pagePath[cookiePath.length] === '/');
}

/** Whether the browser sends a cookie of this domain (as the jar writes it) to the host. */
function domainReaches(host: string, domain: string, hostOnly: boolean): boolean {
  const bare = domain.replace(/^\./, '').toLowerCase();
  return bare === host || (!hostOnly && host.endsWith(`.${bare}`));
}

export function pageChoices(
  page: { host: string; path: string },
  jarRecords: ReadonlyArray<{ cookie: ObservedCookie; kind: RecordKind }>,
  journalRecords: ReadonlyMap<string, RecordHistory>,
  nowMs: number,
): PageChoices {
  const reaches = (domain: string, hostOnly: boolean, path: string) => domainReaches(page.host, domain, hostOnly) && pathMatches(page.path, path);
  const slots = new Map<string, Slot & { order: number }>();
  for (const [key, history] of journalRecords) {
    if (!reaches(history.domain, history.hostOnly, history.path)) continue;
    slots.set(key, { kind: history.kind, name: history.name, path: history.path, changes: history.changes, unknownBefore: history.changesDropped === true, pending: null, order: history.changes[0]?.seq ?? 0 });
  }
  const values = new Map<string, string>();
  /** The date each record in the jar gives itself, read once. */
  const dates = new Map<string, number | null>();
  for (const { cookie, kind } of jarRecords) {
    if (!reaches(cookieHost(cookie), cookie.hostOnly, cookie.path)) continue;
    const key = cookieKey(cookie);
    values.set(key, cookie.value);
    const meaning = recordMeaning(kind, cookie.name, cookie.value);
    const date = recordDate(kind, cookie.value, nowMs);
    dates.set(key, date);
    const slot = slots.get(key);
    if (!slot) slots.set(key, { kind, name: cookie.name, path: cookie.path, changes: [{ seq: -1, at: null, meaning }], unknownBefore: false, pending: null, order: -1 });
    else if (slot.changes.at(-1)?.meaning !== meaning) slot.pending = { meaning, date };
  }
  for (const [key, slot] of slots) if (!values.has(key) && slot.changes.at(-1)?.meaning !== null) slot.pending = { meaning: null, date: null };
  // The order the browser sends them in: the longest path first, then the one set first.
  const ordered = [...slots.entries()].sort(([, a], [, b]) => b.path.length - a.path.length || a.order - b.order);

  /** What a slot held after change `seq`: a meaning, null (absent), or undefined (not known). */
  const heldAt = (slot: Slot, seq: number): { meaning: string | null; at: number | null } | undefined => {
    let held: { meaning: string | null; at: number | null } | undefined = slot.unknownBefore ? undefined : { meaning: null, at: null };
    for (const change of slot.changes) if (change.seq <= seq) held = { meaning: change.meaning, at: change.at };
    return held;
  };

  const choiceAt = (tracker: Tracker, seq: number): { status: ChoiceStatus; at: number | null } => {
    for (const name of namesFor(tracker)) {
      for (const [key, slot] of ordered) {
        if (slot.name !== name) continue;
        const held = heldAt(slot, seq);
        if (held === undefined) return { status: 'unclear', at: null };
        const lastKnown = slot.changes.at(-1)?.seq ?? -1;
        if (slot.pending && seq > lastKnown) {
          // Changed at a moment the journal missed: only what both values say alike is sure.
          const says = (meaning: string | null) => (meaning === null ? undefined : recordSays(slot.kind, meaning, tracker));
          const after = says(slot.pending.meaning);
          if (says(held.meaning) !== after && seq !== Infinity) return { status: 'unclear', at: null };
          if (slot.pending.meaning === null) continue;
          if (after === undefined) break;
          return { status: after, at: slot.pending.date };
        }
        if (held.meaning === null) continue; // absent then: the next slot of that name is the one sent
        const says = recordSays(slot.kind, held.meaning, tracker);
        if (says === undefined) break; // the record the portal reads does not speak of this tracker
        return { status: says, at: held.at ?? dates.get(key) ?? null };
      }
    }
    return { status: 'none', at: null };
  };
  // Every cookie of a tracker asks about the same few changes: each answer is worked out once.
  const answers = new Map<string, { status: ChoiceStatus; at: number | null }>();
  const at = (tracker: Tracker, seq: number) => {
    const key = `${tracker} ${seq}`;
    let answer = answers.get(key);
    if (!answer) answers.set(key, (answer = choiceAt(tracker, seq)));
    return answer;
  };

  const portalSlot = ordered.find(([key, slot]) => slot.kind === 'portal' && values.has(key));
  const changes = ordered.flatMap(([, slot]) => slot.changes.flatMap((change) => (change.at !== null && change.meaning !== null ? [change.at] : []))).sort((a, b) => a - b);
  return { at, portalRecord: portalSlot && values.get(portalSlot[0]), changes };
}

const recordNames = (kind: RecordKind) => CATALOGUE.flatMap((entry) => (entry.recordsConsent === kind ? entry.names.flatMap((name) => ('exact' in name ? [name.exact] : [])) : []));
/** The portal's banner records every tracker's choice; Matomo's own record, its own alone, a withdrawal before a consent. */
const PORTAL_RECORDS = recordNames('portal');
const MATOMO_RECORDS = recordNames('matomo').sort((a, b) => Number(b.endsWith('_removed')) - Number(a.endsWith('_removed')));

/** Cookie names that record a choice about a tracker, in the order the portal heeds them. */
function namesFor(tracker: Tracker): string[] {
  return tracker === 'matomo' ? [...PORTAL_RECORDS, ...MATOMO_RECORDS] : PORTAL_RECORDS;
}

/** The visitor's choice now, for each tracker present or named by the record. */
export function choicesNow(choices: PageChoices, trackers: ReadonlySet<Tracker>): TrackerChoice[] {
  return (Object.keys(TRACKERS) as Tracker[]).flatMap((tracker) => {
    if (tracker === 'unlisted') return [];
    const { status, at } = choices.at(tracker, Infinity);
    if (!trackers.has(tracker) && status === 'none') return [];
    return [{ tracker, status, at, lapsesAt: at === null ? null : lapseOf(at) }];
  });
}

/**
 * The verdict on one tracker cookie. Red only when some value of it, in its present life, was
 * written while the choice in force refused it, or before any choice; « impossible de savoir »
 * whenever what it was written under is not known. Where the journal did not watch, the date the
 * cookie's own value gives is held against the date of a refusal (never of an acceptance: a
 * tracker keeps its creation date across choices that lapsed).
 */
export function verdictOn(tracker: Tracker, times: CookieTimes | undefined, choices: PageChoices, created: ValueDate | null): ConsentVerdict {
  const verdict = judged(tracker, times, choices, created);
  // No choice was offered for a tracker the banner does not name, unless the visitor refused all.
  return tracker === 'unlisted' && (verdict.kind === 'setBeforeChoice' || verdict.kind === 'setBeforeAcceptance') ? { kind: 'noChoiceOffered' } : verdict;
}

function judged(tracker: Tracker, times: CookieTimes | undefined, choices: PageChoices, created: ValueDate | null): ConsentVerdict {
  const now = choices.at(tracker, Infinity);
  const watched = times && times.removedAt === undefined && times.writes.length > 0 ? times : undefined;
  if (!watched) {
    if (now.status === 'none') return { kind: 'setBeforeChoice' };
    if (now.status === 'unclear') return { kind: 'unreadableChoice' };
    if (now.status === 'accepted') return { kind: 'allowed', at: now.at };
    if (created && now.at !== null && created.from >= now.at) return { kind: 'setDespiteRefusal', at: now.at };
    if (created && now.at !== null && created.to < now.at) return { kind: 'stillThereAfterRefusal', at: now.at };
    return { kind: 'refusedOrderUnknown', at: now.at };
  }
  const under = watched.writes.map((write) => choices.at(tracker, write.seq));
  const refused = under.find((choice) => choice.status === 'refused');
  if (refused) return { kind: 'setDespiteRefusal', at: refused.at };
  if (under.some((choice) => choice.status === 'none')) {
    return now.status === 'accepted' && now.at !== null ? { kind: 'setBeforeAcceptance', at: now.at } : { kind: 'setBeforeChoice' };
  }
  if (under.some((choice) => choice.status === 'unclear')) return { kind: 'unreadableChoice' };
  if (watched.writesDropped) return { kind: 'writtenUnderUnknown' };
  if (now.status === 'refused') return { kind: 'stillThereAfterRefusal', at: now.at };
  return { kind: 'allowed', at: under.at(-1)?.at ?? now.at };
}
