import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalResult } from '../../src/audit/results';
import { AUDIT_SUFFIX as SUFFIX, runAudit } from './audit-run';
import { startDemoServer, type DemoServer } from './demo';

// The audit on portals whose banner is a city's real consent manager, unmodified from npm
// (scripts/demo/audit-managers.mjs): tarteaucitron.js 1.34, Orejime 3.2.1 in its standard and DSFR themes.

/** Rule by rule, in the order of RULES: what the visits prove. */
const EXPECTED: Record<string, { rules: string; manager: string }> = {
  'tac-refus-ignore': { rules: '✔ ✘ ✔ ✔ ✔ ✔ ✔', manager: 'tarteaucitron' },
  // Icons for words: no refusal a visitor can read on the first layer, so « refuse as easy » is not
  // judged; the refusal itself is made through tarteaucitron's own controls (autoconsent), and honoured.
  'tac-icones': { rules: '✔ ✔ ? ✔ ✔ ✔ ✔', manager: 'tarteaucitron' },
  'orejime-conforme': { rules: '✔ ✔ ✔ ✔ ✔ ✔ ✔', manager: 'Orejime' },
  'orejime-dsfr': { rules: '✔ ✔ ✔ ✔ ✔ ✔ ✔', manager: 'Orejime' },
  'orejime-refus-ignore': { rules: '✔ ✘ ✔ ✔ ✔ ✔ ✔', manager: 'Orejime' },
};
const MARK = { pass: '✔', fail: '✘', unknown: '?' } as const;

describe('cookies-ods-audit on portals run by tarteaucitron and Orejime', () => {
  let server: DemoServer;
  let out: string;
  let run: { code: number | null; output: string };
  let byHost: Map<string, PortalResult>;

  beforeAll(async () => {
    server = await startDemoServer();
    out = mkdtempSync(join(tmpdir(), 'cookies-ods-audit-managers-'));
    run = await runAudit(server, out, Object.keys(EXPECTED).map((behaviour) => `${behaviour}${SUFFIX}`), 6);
    const file = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { portals: PortalResult[] };
    byHost = new Map(file.portals.map((result) => [result.host.replace(SUFFIX, ''), result]));
  });
  afterAll(async () => {
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('judges every rule the visits prove, and names each portal’s consent manager', () => {
    expect(run.code).toBe(0);
    const found = Object.fromEntries([...byHost].map(([behaviour, result]) => [behaviour, { rules: result.rules.map((rule) => MARK[rule.status]).join(' '), manager: result.consentManager }]));
    expect(found).toEqual(EXPECTED);
    const ajv = new Ajv({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync('docs/audit.schema.json', 'utf8')) as object);
    expect(validate(JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'))) ? [] : validate.errors).toEqual([]);
    expect(readFileSync(join(out, 'audit.html'), 'utf8')).toContain('Gestionnaire de consentement : tarteaucitron');
  });

  it('refuses through each banner’s own button, and through autoconsent when the words are icons', () => {
    expect(byHost.get('tac-refus-ignore')!.visits!.refuse.choice).toMatchObject({ control: 'Tout refuser', how: 'refuseAll' });
    expect(byHost.get('orejime-conforme')!.visits!.refuse.choice).toMatchObject({ control: 'Refuser', how: 'refuseAll' });
    expect(byHost.get('orejime-dsfr')!.visits!.refuse.choice).toMatchObject({ how: 'refuseAll' });
    expect(byHost.get('tac-icones')!.visits!.refuse.choice).toMatchObject({ how: 'autoconsent' });
  });

  it('the evidence of a refusal not honoured is Google Analytics written after the click', () => {
    for (const behaviour of ['tac-refus-ignore', 'orejime-refus-ignore']) {
      const result = byHost.get(behaviour)!;
      const refusal = result.rules.find((rule) => rule.id === 'refusal-honoured')!;
      const clicked = result.visits!.refuse.choice!.at;
      // tarteaucitron purges `_ga` of a refused service as it goes; `_ga_<id>` stays, written again on each page.
      expect(refusal.evidence.cookies.length).toBeGreaterThan(0);
      for (const cookie of refusal.evidence.cookies) {
        expect(cookie.name).toMatch(/^_ga/);
        expect(cookie.seenAt).toBeGreaterThan(clicked);
      }
    }
  });
});
