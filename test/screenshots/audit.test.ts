import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AUDIT_SUFFIX, runAudit } from '../e2e/audit-run';
import { startDemoServer, type DemoServer } from '../e2e/demo';
import { CHROMIUM } from '../../scripts/debian-browsers.mjs';

// README's picture of audit.html: the table of the demo portals, one cell open. Only what does not
// change from run to run is in the picture (verdicts and cookie names, not dates or times).
const BEHAVIOURS = [
  'conforme',
  'arrivee',
  'refus-ignore',
  'sans-refus',
  'longue-duree',
  'charte-incomplete',
  'sans-gestion',
];

let server: DemoServer;
let out: string;
beforeAll(async () => {
  server = await startDemoServer();
  out = mkdtempSync(join(tmpdir(), 'cookies-ods-audit-shot-'));
});
afterAll(async () => {
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

it('of audit.html, at 1280 px', async () => {
  expect(
    (
      await runAudit(
        server,
        out,
        BEHAVIOURS.map((behaviour) => `${behaviour}${AUDIT_SUFFIX}`),
      )
    ).code,
  ).toBe(0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(out, 'audit.html')).href);
    await page.locator(`tr[data-host="arrivee${AUDIT_SUFFIX}"] td`).first().locator('summary').click();
    mkdirSync('docs/screenshots', { recursive: true });
    await page.locator('section[aria-labelledby="rules-title"]').screenshot({ path: 'docs/screenshots/audit.png' });
  } finally {
    await browser.close();
  }
});
