import { cookieKey, type ObservedCookie } from '../../src/core/cookies/cookie';
import { builtInRules } from '../../src/core/portals/domains';
import type { SiteReport } from '../../src/core/report/site-report';
import { applyEvents, emptyJournal, type Journal, type JournalEvent } from '../../src/core/consent/journal';
import { cookieEvent } from '../../src/core/catalogue/match';
import { buildSiteReport } from '../../src/core/report/build-site-report';
import type { OcdLookup } from '../../src/core/catalogue/open-cookies';
import { aCookie } from './cookies';
import { everyCookie } from '../../src/core/report/site-report';

export const HOST = 'data.issy.com';

/**
 * A visit to a portal as the background sees it: each cookie written or removed goes into the jar
 * and, in the same order, into the journal, exactly as the watcher folds the browser's events.
 */
export interface Visit {
  wait(ms: number): number;
  now(): number;
  arrive(): Visit;
  set(name: string, overrides?: Partial<ObservedCookie>): Visit;
  choose(choices: object, overrides?: Partial<ObservedCookie>): Visit;
  remove(name: string, overrides?: Partial<ObservedCookie>): Visit;
  clearAll(): Visit;
  forgetJournal(): Visit;
  report(path?: string, nowMs?: number): SiteReport;
  journal(): Journal;
  events(): JournalEvent[];
}

/** `openCookies`: the Open Cookie Database, as the background hands it to the report when a cookie needs it. */
export function aVisit(start: number, openCookies?: OcdLookup): Visit {
  const jar = new Map<string, ObservedCookie>();
  let journal: Journal = emptyJournal();
  let clock = start;
  const events: JournalEvent[] = [];
  const tell = (event: JournalEvent) => {
    events.push(event);
    journal = applyEvents(journal, [event]);
  };
  const visit: Visit = {
    /** Moves the clock on by `ms` and returns the new time. */
    wait(ms: number): number {
      clock += ms;
      return clock;
    },
    now: () => clock,
    arrive(): Visit {
      tell({ kind: 'arrival', at: clock, host: HOST });
      return visit;
    },
    set(name: string, overrides: Partial<ObservedCookie> = {}): Visit {
      const cookie = aCookie({ name, ...overrides });
      jar.set(cookieKey(cookie), cookie);
      tell(cookieEvent(cookie, false, clock));
      return visit;
    },
    /** The portal's banner writing `cookies_preferences`, URI-encoded JSON as portals write it. */
    choose(choices: object, overrides: Partial<ObservedCookie> = {}): Visit {
      return visit.set('cookies_preferences', { value: encodeURIComponent(JSON.stringify(choices)), ...overrides });
    },
    remove(name: string, overrides: Partial<ObservedCookie> = {}): Visit {
      const cookie = [...jar.values()].find(
        (item) =>
          item.name === name &&
          Object.entries(overrides).every(([key, value]) => item[key as keyof ObservedCookie] === value),
      );
      if (!cookie) return visit;
      jar.delete(cookieKey(cookie));
      tell(cookieEvent(cookie, true, clock));
      return visit;
    },
    /** « Effacer tout le site »: every cookie goes, each removal told. */
    clearAll(): Visit {
      for (const cookie of [...jar.values()]) visit.remove(cookie.name, { domain: cookie.domain, path: cookie.path });
      return visit;
    },
    /** The browser restarted: the cookies stay, the session's journal is gone. */
    forgetJournal(): Visit {
      journal = emptyJournal();
      return visit;
    },
    report(path = '/', nowMs = clock): SiteReport {
      return buildSiteReport({
        host: HOST,
        path,
        cookies: [...jar.values()],
        rules: builtInRules(),
        nowMs,
        journal: { times: journal.cookies, arrivals: journal.arrivals.get(HOST) ?? [], records: journal.records },
        openCookies,
      });
    },
    journal: () => journal,
    events: () => events,
  };
  return visit;
}

export const verdictsOf = (report: SiteReport) =>
  Object.fromEntries(
    everyCookie(report)
      .filter((item) => item.verdict)
      .map((item) => [item.cookie.name, item.verdict!.kind]),
  );
