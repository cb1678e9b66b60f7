// Times the site report, the model the popup, the badge and the exports all share.
import { builtInRules } from '../../src/core/domains';
import type { ObservedCookie } from '../../src/core/cookie';
import { buildSiteReport } from '../../src/core/report';

const NAMES = ['sessionid', 'csrftoken', 'cookies_preferences', 'django_language', '_ga', '_ga_X1', '_pk_id.1.a', 'visitor'];

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
