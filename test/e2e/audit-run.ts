import { spawn } from 'node:child_process';
import { AUDIT_DOMAIN } from '../../scripts/demo/audit-portals.mjs';
import type { DemoServer } from './demo';

/** The demo's audit portals (scripts/demo/audit-portals.mjs): the word before the suffix is the behaviour. */
export const AUDIT_SUFFIX = `.${AUDIT_DOMAIN}`;

/** `cookies-ods-audit` as a user runs it (the built bin), against the demo server; its terminal output kept. */
export function runAudit(server: DemoServer, out: string, portals: readonly string[], concurrency = 4): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // Short pauses and quiet times: the demo's pages load nothing after themselves.
      ['bin/cookies-ods-audit.mjs', ...portals, '--out', out, '--concurrency', String(concurrency), '--pause', '50', '--quiet', '150', '--ignore-https-errors', `--browser-arg=--host-resolver-rules=${server.anyHostRule}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}
