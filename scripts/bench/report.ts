// Times the site report, the model the popup, the badge and the exports all share.
import { builtInRules } from '../../src/core/portals/domains';
import type { ObservedCookie } from '../../src/core/cookies/cookie';
import { applyEvents, emptyJournal, loadJournal, storeJournal } from '../../src/core/consent/journal';
import { buildSiteReport } from '../../src/core/report/build-site-report';

const NAMES = [
  'sessionid',
  'csrftoken',
  'cookies_preferences',
  'django_language',
  '_ga',
  '_ga_X1',
  '_pk_id.1.a',
  'visitor',
];

function cookies(count: number, now: number): ObservedCookie[] {
  return Array.from({ length: count }, (_, i) => ({
    name: i < NAMES.length ? NAMES[i]! : `${NAMES[i % NAMES.length]}_${i}`,
    value: 'x'.repeat(32),
    domain: i % 10 === 0 ? '.issy.com' : 'data.issy.com',
    hostOnly: i % 10 !== 0,
    path: '/',
    secure: true,
    httpOnly: i % 3 === 0,
    sameSite: 'lax' as const,
    session: i % 7 === 0,
    expirationDate: now / 1000 + (i % 50) * 86_400,
    storeId: '0',
  }));
}

export function benchReport(count: number, runs: number): number[] {
  const now = Date.now();
  const rules = builtInRules();
  const input = cookies(count, now);
  for (let i = 0; i < 20; i++) buildSiteReport({ host: 'data.issy.com', cookies: input, rules, nowMs: now });
  return Array.from({ length: runs }, () => {
    const started = performance.now();
    buildSiteReport({ host: 'data.issy.com', cookies: input, rules, nowMs: now });
    return performance.now() - started;
  });
}

/**
 * The journal's cost per cookie event, as the watcher pays it: read the stored journal back, fold
 * a burst of events in, write it out (JSON, as session storage keeps it), over a journal already
 * holding `known` cookies. Returns milliseconds per event, one figure per run.
 */
export function benchJournal(known: number, burst: number, runs: number): number[] {
  const now = Date.now();
  const cookie = (i: number): ObservedCookie => ({ ...cookies(1, now)[0]!, name: `c${i}` });
  let stored = JSON.stringify(
    storeJournal(
      applyEvents(
        emptyJournal(),
        Array.from({ length: known }, (_, i) => ({
          kind: 'cookie' as const,
          at: now,
          removed: false,
          cookie: cookie(i),
          recordsConsent: false,
        })),
      ),
    ),
  );
  return Array.from({ length: runs }, (_, run) => {
    const events = Array.from({ length: burst }, (_, i) => ({
      kind: 'cookie' as const,
      at: now + run,
      removed: false,
      cookie: cookie((run * burst + i) % (known * 2)),
      recordsConsent: false,
    }));
    const started = performance.now();
    stored = JSON.stringify(storeJournal(applyEvents(loadJournal(JSON.parse(stored)), events)));
    return (performance.now() - started) / burst;
  });
}
