import { notAudited, type PortalResult } from '../../src/audit/results';
import { judgeAudit, type VisitRecord } from '../../src/core/report/audit';
import { aCookie } from './cookies';

/**
 * A portal audited at `when`: arrives, refuses, accepts; `_ga` from the arrival when `tracks` (« Aucun traceur avant
 * votre choix » ✘).
 */
export function audited(host: string, when: number, tracks: boolean): PortalResult {
  const jar = tracks
    ? [aCookie({ name: '_ga', value: 'GA1.1.1.1', domain: host, expirationDate: when / 1000 + 86400 * 390 })]
    : [];
  const visit = (kind: VisitRecord['kind']): VisitRecord => ({
    kind,
    startedAt: when,
    readings: [{ at: when + 1000, cookies: jar }],
    choice: null,
    pages: [
      {
        url: `https://${host}/`,
        at: when + 1000,
        banner: { accept: 'Tout accepter', refuse: 'Tout refuser', settings: null },
        manageControl: 'Gérer les cookies',
      },
    ],
    requested: [],
  });
  const judged = judgeAudit({
    host,
    charte: null,
    visits: { arrive: visit('arrive'), refuse: visit('refuse'), accept: visit('accept') },
  });
  return {
    host,
    url: `https://${host}/`,
    auditedAt: new Date(when).toISOString(),
    durationMs: 1000,
    outcome: 'audited',
    charteUrl: null,
    ...judged,
  };
}

/** A portal that did not answer at `when`, as the audit records it. */
export const unreachable = (host: string, when: number): PortalResult =>
  notAudited(
    { host, url: `https://${host}/` },
    new Date(when).toISOString(),
    'unreachable',
    'net::ERR_CONNECTION_REFUSED',
  );
