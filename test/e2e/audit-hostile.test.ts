// Portals that try to fool, steer or break the audit (scripts/demo/audit-hostile.mjs), audited in
// one run at concurrency 4 beside compliant ones: each gets the outcome it deserves, and every
// compliant portal is still written.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFile, PortalResult } from '../../src/audit/results';
import { AUDIT_SUFFIX as SUFFIX, startAudit, stopAudits } from './audit-run';
import { startDemoServer, type DemoServer } from './demo';

const marks = (portal: PortalResult) =>
  portal.rules.map((rule) => ({ pass: '✔', fail: '✘', unknown: '?' })[rule.status]).join(' ');
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('cookies-ods-audit facing hostile portals', () => {
  let server: DemoServer;
  let out: string;
  let run: { code: number | null; output: string };
  let byHost: Map<string, PortalResult>;
  const host = (behaviour: string) => `${behaviour}${SUFFIX}`;
  const portal = (behaviour: string) => byHost.get(host(behaviour))!;
  const RENAMED = 'audit-renomme.opendatasoft.com';

  beforeAll(async () => {
    server = await startDemoServer();
    out = mkdtempSync(join(tmpdir(), 'cookies-ods-hostile-'));
    const hostile = [
      'hors-portail',
      'erreur-500',
      'erreur-403',
      'trop-de-requetes',
      'refus-leurre',
      'prototype',
      'mots-geants',
      'echappements',
      'page-bloquee',
      'charte-bloquee',
      'jamais-calme',
    ];
    const compliant = ['conforme-un', 'conforme-deux', 'arrivee'];
    run = await startAudit(server, out, [...[...hostile, ...compliant].map(host), RENAMED], 4, ['--timeout', '60'])
      .exited;
    const file = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditFile;
    byHost = new Map(file.portals.map((result) => [result.host, result]));
  }, 300_000);
  afterAll(async () => {
    await stopAudits();
    rmSync(out, { recursive: true, force: true });
    await server?.close();
  });

  it('writes every portal, the compliant ones judged as before, and exits 1 for those it could not judge', () => {
    expect(byHost.size).toBe(15);
    expect(marks(portal('conforme-un'))).toBe('✔ ✔ ✔ ✔ ✔ ✔ ✔');
    expect(marks(portal('conforme-deux'))).toBe('✔ ✔ ✔ ✔ ✔ ✔ ✔');
    expect(marks(portal('arrivee'))).toMatch(/^✘/);
    expect(run.code).toBe(1);
  });

  it(
    'never judges another site as the portal, and never opens it; ' +
      'follows a redirect between names of the same portal, and says so',
    () => {
      expect(portal('hors-portail')).toMatchObject({
        outcome: 'unreachable',
        visits: null,
        error: "le portail renvoie vers un autre site (https://ailleurs-conforme.audit-demo.fr/) : il n'est pas jugé",
      });
      expect(portal('hors-portail').rules.every((rule) => rule.status === 'unknown')).toBe(true);
      expect(server.log.filter((entry) => entry.host === 'ailleurs-conforme.audit-demo.fr')).toEqual([]);
      const renamed = byHost.get(RENAMED)!;
      expect(renamed).toMatchObject({
        outcome: 'audited',
        redirectedTo: 'renomme.audit-demo.fr',
        charteUrl: 'https://renomme.audit-demo.fr/terms/cookies-policy/',
      });
      expect(marks(renamed)).toBe('✔ ✔ ✔ ✔ ✔ ✔ ✔');
      expect(readFileSync(join(out, 'audit.md'), 'utf8')).toContain(
        'Redirigé vers renomme.audit-demo.fr (le même portail, sous un autre nom) : jugé là.',
      );
    },
  );

  it('says an HTTP error as « non jugé » with its status, and asks a 429 once more only after its Retry-After', () => {
    for (const status of [500, 403]) {
      expect(portal(`erreur-${status}`)).toMatchObject({
        outcome: 'unreachable',
        error: `réponse HTTP ${status} : le portail n'est pas jugé`,
        visits: null,
      });
    }
    expect(portal('trop-de-requetes')).toMatchObject({
      outcome: 'unreachable',
      error: "réponse HTTP 429 : le portail n'est pas jugé",
    });
    const asked = server.log
      .filter((entry) => entry.host === host('trop-de-requetes') && entry.path === '/')
      .map((entry) => entry.time);
    expect(asked).toHaveLength(2);
    expect(asked[1]! - asked[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('holds a refusal button that records an acceptance as a failed refusal, that record its evidence', () => {
    const refusal = portal('refus-leurre').rules.find((rule) => rule.id === 'refusal-honoured')!;
    expect(refusal.status).toBe('fail');
    expect(refusal.evidence.choiceRecord).toEqual({ manager: 'Opendatasoft', stance: 'accepts' });
    expect(refusal.evidence.cookies.map((cookie) => cookie.name)).toContain('_pk_id.7.a1b2');
    const choice = portal('refus-leurre').visits!.refuse.choice!.at;
    // The deciding write is the one after the click, and the timeline shows it.
    const written = refusal.evidence.cookies.find((cookie) => cookie.name === '_pk_id.7.a1b2')!.seenAt!;
    expect(written).toBeGreaterThan(choice);
    expect(portal('refus-leurre').visits!.refuse.timeline).toContainEqual(
      expect.objectContaining({ kind: 'tracker', label: '_pk_id.7.a1b2', at: written }),
    );
  });

  it('opens only pages of the portal’s own origin, whatever the page’s scripts return', () => {
    const rewritten = portal('prototype');
    expect(rewritten.outcome).toBe('audited');
    const pages = Object.values(rewritten.visits!).flatMap((visit) => visit.pages.map((page) => page.url));
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((url) => url.startsWith(`https://${host('prototype')}/`))).toBe(true);
  });

  it('bounds what a page inflates, and lets no escape or bidi character reach a file or the terminal', () => {
    expect(portal('mots-geants').outcome).toBe('audited');
    expect(statSync(join(out, 'portals', `${host('mots-geants')}.json`)).size).toBeLessThan(200_000);
    expect(statSync(join(out, 'audit.json')).size).toBeLessThan(2_000_000);
    expect(portal('echappements').outcome).toBe('audited');
    expect(JSON.stringify(portal('echappements'))).toContain('Tout refuser');
    for (const name of ['audit.json', 'audit.md', 'audit.html'])
      expect(readFileSync(join(out, name), 'utf8')).not.toMatch(UNSAFE);
    expect(run.output).not.toMatch(UNSAFE);
  });

  it(
    'gives up a page that never answers within the time limit, ' +
      'judges the rest when only the charte never answers, and settles a page that never goes quiet',
    () => {
      expect(portal('page-bloquee').outcome).toBe('unreachable');
      const held = portal('charte-bloquee');
      expect(held.outcome).toBe('audited');
      expect(held.charteUrl).toBeNull();
      expect(marks(held)).toBe('✔ ✔ ✔ ✔ ✔ ? ✔');
      expect(held.rules.find((rule) => rule.id === 'charte-complete')!.why).toBe('charteNotRead');
      expect(portal('jamais-calme').outcome).toBe('audited');
    },
  );
});
