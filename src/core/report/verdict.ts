import { lapseOf, type ChoiceOrigin, type ChoiceStatus, type TrackerChoice } from '../consent/choice';
import type { ReaderId, Subject } from '../consent/reader';
import { readerOf, readerRank, recordChoices, recordDate, recordMeaning, recordSays } from '../consent/readers';
import { cookieHost, cookieKey, type ObservedCookie } from '../cookies/cookie';
import { domainReaches } from '../cookies/relation';
import type { ConsentVerdict, RecordSeen } from './site-report';
import type { CookieTimes, RecordHistory } from '../consent/journal';
import { CATALOGUE } from '../catalogue/catalogue';
import { TRACKERS, type Tracker } from '../consent/trackers';
import type { ValueDate } from '../cookies/value-date';

/**
 * The choice in force for a page at each moment the journal knows, and the verdict on each tracker
 * cookie that follows from it. A verdict accuses only from evidence that stays true: the choice in
 * force when each value of the cookie was written, read from the records the browser sends to that
 * very page (RFC 6265: domain and path rules, the longest path first, then the oldest).
 *
 * Several managers may speak: the portal's banner on `data.ville.fr`, the city's tarteaucitron on
 * `.ville.fr`. A cookie is judged by the records that cover it — those whose domain reaches the
 * cookie's own — the closest first; a record sent to the page that does not cover the cookie speaks
 * only when none that covers it does, and a cookie whose possible writers were told different things
 * is « impossible de savoir ».
 */

/** A tracker cookie as the records are asked about it: its domain decides which records cover it. */
export interface Asked extends Subject {
  /** The cookie's domain, bare. */
  host: string;
}

/** One record's slot as the page sees it: what it said after each change, and what the jar holds now. */
interface Slot {
  reader: ReaderId;
  name: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  /** Oldest first; `seq` -1 for a record the journal never saw change: it was there all along. */
  changes: ReadonlyArray<{ seq: number; at: number | null; meaning: string | null }>;
  /** What the record said before its first kept change is not known. */
  unknownBefore: boolean;
  /** The jar holds what the journal did not see written (an event lost; null: gone): since when is not known. */
  pending: { meaning: string | null; date: number | null } | null;
  order: number;
  /** When the record in the jar expires (ms), if it is there and not a session cookie. */
  expires: number | null;
}

export interface Answer {
  status: ChoiceStatus;
  /** Unclear because two records that may govern the cookie say different things. */
  conflict?: true;
  at: number | null;
  by: ChoiceOrigin | null;
  lapsesAt: number | null;
}

export interface PageChoices {
  /** The choice in force for a tracker cookie after the records' change `seq` (Infinity: now). */
  at(subject: Asked, seq: number): Answer;
  /** The cookies_preferences value the page receives now, if any. */
  portalRecord: string | undefined;
  /** When each record the page reads changed what it says, oldest first. */
  changes: number[];
  records: RecordSeen[];
}

/** RFC 6265 §5.1.4: `/explore` path-matches `/explore` and `/explore/…`, never `/explorer`. */
export function pathMatches(pagePath: string, cookiePath: string): boolean {
  if (pagePath === cookiePath) return true;
  return pagePath.startsWith(cookiePath) && (cookiePath.endsWith('/') || pagePath[cookiePath.length] === '/');
}

const NONE: Answer = { status: 'none', at: null, by: null, lapsesAt: null };

export function pageChoices(
  page: { host: string; path: string },
  jarRecords: ReadonlyArray<{ cookie: ObservedCookie; kind: ReaderId }>,
  journalRecords: ReadonlyMap<string, RecordHistory>,
  nowMs: number,
): PageChoices {
  const reaches = (domain: string, hostOnly: boolean, path: string) =>
    domainReaches(page.host, { domain, hostOnly }) && pathMatches(page.path, path);
  const slots = new Map<string, Slot>();
  for (const [key, history] of journalRecords) {
    if (!reaches(history.domain, history.hostOnly, history.path)) continue;
    slots.set(key, {
      reader: history.kind,
      name: history.name,
      domain: cookieHost(history),
      hostOnly: history.hostOnly,
      path: history.path,
      changes: history.changes,
      unknownBefore: history.changesDropped === true,
      pending: null,
      order: history.changes[0]?.seq ?? 0,
      expires: null,
    });
  }
  const values = new Map<string, string>();
  /** What each record in the jar means, read once (a TC string is decoded, not re-decoded). */
  const meanings = new Map<string, string>();
  /** The date each record in the jar gives itself, read once. */
  const dates = new Map<string, number | null>();
  for (const { cookie, kind } of jarRecords) {
    if (!reaches(cookieHost(cookie), cookie.hostOnly, cookie.path)) continue;
    const key = cookieKey(cookie);
    values.set(key, cookie.value);
    const meaning = recordMeaning(kind, cookie.name, cookie.value);
    meanings.set(key, meaning);
    const date = recordDate(kind, cookie.name, cookie.value, nowMs);
    dates.set(key, date);
    const expires = cookie.expirationDate === undefined ? null : cookie.expirationDate * 1000;
    const slot = slots.get(key);
    if (!slot)
      slots.set(key, {
        reader: kind,
        name: cookie.name,
        domain: cookieHost(cookie),
        hostOnly: cookie.hostOnly,
        path: cookie.path,
        changes: [{ seq: -1, at: null, meaning }],
        unknownBefore: false,
        pending: null,
        order: -1,
        expires,
      });
    else {
      slot.expires = expires;
      if (slot.changes.at(-1)?.meaning !== meaning) slot.pending = { meaning, date };
    }
  }
  for (const [key, slot] of slots)
    if (!values.has(key) && slot.changes.at(-1)?.meaning !== null) slot.pending = { meaning: null, date: null };
  // Each manager's records under each of its names, in the order the browser sends them: the longest path first, then
  // the one set first.
  const ordered = [...slots.entries()].sort(
    ([, a], [, b]) =>
      readerRank(a.reader) - readerRank(b.reader) ||
      nameRank(a) - nameRank(b) ||
      b.path.length - a.path.length ||
      a.order - b.order,
  );

  /** What a slot held after change `seq`: a meaning, null (absent), or undefined (not known). */
  const heldAt = (slot: Slot, seq: number): { meaning: string | null; at: number | null } | undefined => {
    let held: { meaning: string | null; at: number | null } | undefined = slot.unknownBefore
      ? undefined
      : { meaning: null, at: null };
    for (const change of slot.changes) if (change.seq <= seq) held = { meaning: change.meaning, at: change.at };
    return held;
  };

  const originOf = (slot: Slot): ChoiceOrigin => ({
    reader: slot.reader,
    manager: readerOf(slot.reader).label,
    site: slot.domain,
    ownBanner: slot.reader === 'portal' && slot.domain === page.host,
  });
  type Heard = { status: Exclude<ChoiceStatus, 'none'>; at: number | null; slot: Slot };
  /** What one name's records say: the first the page receives decides; undefined when it does not speak. */
  const nameSays = (entries: ReadonlyArray<[string, Slot]>, subject: Asked, seq: number): Heard | undefined => {
    for (const [key, slot] of entries) {
      const held = heldAt(slot, seq);
      if (held === undefined) return { status: 'unclear', at: null, slot };
      const lastKnown = slot.changes.at(-1)?.seq ?? -1;
      if (slot.pending && seq > lastKnown) {
        // Changed at a moment the journal missed: only what both values say alike is sure.
        const says = (meaning: string | null) =>
          meaning === null ? undefined : recordSays(slot.reader, meaning, subject);
        const after = says(slot.pending.meaning);
        if (says(held.meaning) !== after && seq !== Infinity) return { status: 'unclear', at: null, slot };
        if (slot.pending.meaning === null) continue;
        return after === undefined ? undefined : { status: after, at: slot.pending.date, slot };
      }
      if (held.meaning === null) continue; // absent then: the next slot of that name is the one sent
      const says = recordSays(slot.reader, held.meaning, subject);
      return says === undefined ? undefined : { status: says, at: held.at ?? dates.get(key) ?? null, slot };
    }
    return undefined;
  };
  /** Each manager's answer, from its names in the order it heeds them; the closest record first. */
  const managersSay = (entries: ReadonlyArray<[string, Slot]>, subject: Asked, seq: number): Heard[] => {
    const heard: Heard[] = [];
    for (let start = 0; start < entries.length; ) {
      const { reader, name } = entries[start]![1];
      let end = start;
      while (end < entries.length && entries[end]![1].name === name && entries[end]![1].reader === reader) end++;
      const said = heard.some((answer) => answer.slot.reader === reader)
        ? undefined
        : nameSays(entries.slice(start, end), subject, seq);
      if (said) heard.push(said);
      start = end;
    }
    return heard.sort((a, b) => b.slot.domain.length - a.slot.domain.length);
  };

  const choiceAt = (subject: Asked, seq: number): Answer => {
    const covering = ordered.filter(([, slot]) => domainReaches(subject.host, slot));
    const elsewhere = ordered.filter(([, slot]) => !domainReaches(subject.host, slot));
    const near = managersSay(covering, subject, seq);
    const far = managersSay(elsewhere, subject, seq);
    const chosen = near[0] ?? far[0];
    if (!chosen) return NONE;
    // Two managers on the same site saying different things: nobody can tell which the writer obeyed,
    // unless one is the portal's own banner, which its own trackers obey. And a cookie on a domain the
    // page shares may have been written by the page, under a record of its own that said otherwise.
    const beside = (answer: Heard) =>
      answer !== chosen && answer.slot.domain === chosen.slot.domain && chosen.slot.reader !== 'portal';
    const contradicted =
      (near.length > 0 ? far : []).some((answer) => answer.status !== chosen.status) ||
      near.some((answer) => beside(answer) && answer.status !== chosen.status);
    const { slot } = chosen;
    const by = originOf(slot);
    if (contradicted) return { status: 'unclear', conflict: true, at: null, by, lapsesAt: null };
    if (chosen.status === 'unclear') return { status: 'unclear', at: null, by, lapsesAt: null };
    const lapsesAt = slot.reader === 'portal' ? (chosen.at === null ? null : lapseOf(chosen.at)) : slot.expires;
    return { status: chosen.status, at: chosen.at, by, lapsesAt };
  };
  // Every cookie of a tracker asks about the same few changes: each answer is worked out once, and
  // by cookie name only where a record reads names.
  const byName = ordered.some(([, slot]) => readerOf(slot.reader).judgesByName === true);
  const answers = new Map<string, Answer>();
  const at = (subject: Asked, seq: number) => {
    const key = `${subject.tracker}\0${byName ? subject.name : ''}\0${subject.host}\0${subject.purpose}\0${seq}`;
    let answer = answers.get(key);
    if (!answer) answers.set(key, (answer = choiceAt(subject, seq)));
    return answer;
  };

  const portalSlot = ordered.find(([key, slot]) => slot.reader === 'portal' && values.has(key));
  const changes = ordered
    .flatMap(([, slot]) =>
      slot.changes.flatMap((change) => (change.at !== null && change.meaning !== null ? [change.at] : [])),
    )
    .sort((a, b) => a - b);
  const records = ordered.flatMap(([key, slot]) => {
    const meaning = meanings.get(key);
    return meaning === undefined ? [] : [{ by: originOf(slot), stance: stanceOf(meaning) }];
  });
  return { at, portalRecord: portalSlot && values.get(portalSlot[0]), changes, records };
}

function stanceOf(meaning: string): RecordSeen['stance'] {
  const choices = recordChoices(meaning);
  if (choices === null) return 'unreadable';
  const said = new Set([...choices.values()].filter((choice) => choice !== 'pending'));
  if (said.size === 0) return 'undecided';
  if (said.has(null)) return 'unreadable';
  return said.size > 1 ? 'mixed' : said.has(true) ? 'accepts' : 'refuses';
}

const nameRank = (slot: Slot) => readerOf(slot.reader).names.indexOf(slot.name);

/** How « Vos choix » asks about a tracker none of whose cookies is here: by its first catalogue name, on the page. */
function absentSubject(tracker: Tracker, host: string): Asked {
  const names = CATALOGUE.find((entry) => entry.tracker === tracker)?.names ?? [];
  const first = names[0];
  const name = first === undefined ? '' : 'exact' in first ? first.exact : first.prefix;
  return { tracker, name, host, purpose: 'audience' };
}

/**
 * The visitor's choice now, for each tracker present, and each the portal's own banner names: a
 * city's record that refuses everything is said on the trackers that are here.
 */
export function choicesNow(choices: PageChoices, present: ReadonlyMap<Tracker, Asked>, host: string): TrackerChoice[] {
  return (Object.keys(TRACKERS) as Tracker[]).flatMap((tracker) => {
    if (tracker === 'unlisted') return [];
    const subject = present.get(tracker);
    const { status, at, by, lapsesAt } = choices.at(subject ?? absentSubject(tracker, host), Infinity);
    if (!subject && (status === 'none' || !by?.ownBanner)) return [];
    return [{ tracker, status, at, lapsesAt, by }];
  });
}

/**
 * The verdict on one tracker cookie. Red only when some value of it, in its present life, was
 * written while the choice in force refused it, or before any choice; « impossible de savoir »
 * whenever what it was written under is not known. Where the journal did not watch, the date the
 * cookie's own value gives is held against the date of a refusal (never of an acceptance: a
 * tracker keeps its creation date across choices that lapsed).
 */
export function verdictOn(
  subject: Asked,
  times: CookieTimes | undefined,
  choices: PageChoices,
  created: ValueDate | null,
): ConsentVerdict {
  const verdict = judged(subject, times, choices, created);
  // No choice was offered for a tracker the banner does not name, unless the visitor refused all.
  return subject.tracker === 'unlisted' &&
    (verdict.kind === 'setBeforeChoice' || verdict.kind === 'setBeforeAcceptance')
    ? { kind: 'noChoiceOffered' }
    : verdict;
}

function judged(
  subject: Asked,
  times: CookieTimes | undefined,
  choices: PageChoices,
  created: ValueDate | null,
): ConsentVerdict {
  const now = choices.at(subject, Infinity);
  const watched = times && times.removedAt === undefined && times.writes.length > 0 ? times : undefined;
  if (!watched) {
    if (now.status === 'none') return { kind: 'setBeforeChoice' };
    if (now.status === 'unclear') return now.conflict ? { kind: 'conflictingChoices' } : { kind: 'unreadableChoice' };
    if (now.status === 'accepted') return { kind: 'allowed', at: now.at, by: now.by };
    if (created && now.at !== null && created.from >= now.at)
      return { kind: 'setDespiteRefusal', at: now.at, by: now.by };
    if (created && now.at !== null && created.to < now.at)
      return { kind: 'stillThereAfterRefusal', at: now.at, by: now.by };
    return { kind: 'refusedOrderUnknown', at: now.at, by: now.by };
  }
  const under = watched.writes.map((write) => choices.at(subject, write.seq));
  const refused = under.find((choice) => choice.status === 'refused');
  if (refused) return { kind: 'setDespiteRefusal', at: refused.at, by: refused.by };
  if (under.some((choice) => choice.status === 'none')) {
    return now.status === 'accepted' && now.at !== null
      ? { kind: 'setBeforeAcceptance', at: now.at, by: now.by }
      : { kind: 'setBeforeChoice' };
  }
  const unclear = under.filter((choice) => choice.status === 'unclear');
  if (unclear.length > 0)
    return unclear.some((choice) => choice.conflict) ? { kind: 'conflictingChoices' } : { kind: 'unreadableChoice' };
  if (watched.writesDropped) return { kind: 'writtenUnderUnknown' };
  if (now.status === 'refused') return { kind: 'stillThereAfterRefusal', at: now.at, by: now.by };
  const last = under.at(-1);
  return { kind: 'allowed', at: last?.at ?? now.at, by: last?.by ?? now.by };
}
