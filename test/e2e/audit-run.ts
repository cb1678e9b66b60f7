import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as pause } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_DOMAIN } from '../../scripts/demo/audit-portals.mjs';
import type { DemoServer } from './demo';

/** The demo's audit portals (scripts/demo/audit-portals.mjs): the word before the suffix is the behaviour. */
export const AUDIT_SUFFIX = `.${AUDIT_DOMAIN}`;

const running = new Set<ChildProcess>();
/** Chromium's sandbox cannot run as root (CI): there, and only there, the audit is told so. */
const AS_USER = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

/** How long a killed audit's browsers may take to be gone, and their folder with them. */
const GONE_MS = 20_000;

/**
 * Playwright starts Chromium in a process group of its own: killing the audit's group leaves it to notice alone that
 * its driver is gone, writing its profile as it closes. Every process still naming the folder is killed, and the
 * folder removed once nothing writes to it any more.
 */
async function removeWhenFree(folder: string): Promise<void> {
  const deadline = Date.now() + GONE_MS;
  for (;;) {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(folder)) process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Gone meanwhile, or not ours to read.
      }
    }
    try {
      rmSync(folder, { recursive: true, force: true });
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await pause(100);
    }
  }
}

export interface RunningAudit {
  child: ChildProcess;
  /** What it has printed so far. */
  output: () => string;
  exited: Promise<{ code: number | null; output: string }>;
}

/** `cookies-ods-audit` as a user runs it (the built bin), against the demo server; its terminal output kept. */
export function startAudit(
  server: DemoServer,
  out: string,
  portals: readonly string[],
  concurrency = 4,
  more: readonly string[] = [],
): RunningAudit {
  const temporary = mkdtempSync(join(tmpdir(), 'cookies-ods-audit-tmp-'));
  const child = spawn(
    process.execPath,
    // Short pauses and quiet times: the demo's pages load nothing after themselves.
    [
      'bin/cookies-ods-audit.mjs',
      ...portals,
      '--out',
      out,
      '--concurrency',
      String(concurrency),
      '--pause',
      '50',
      '--quiet',
      '150',
      '--ignore-https-errors',
      `--browser-arg=--host-resolver-rules=${server.anyHostRule}`,
      ...AS_USER,
      ...more,
    ],
    // Its own temporary folder, and its own process group: killed outright (SIGKILL), its browsers go with it,
    // and what they left in that folder is removed — /tmp stays as it was.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, TMPDIR: temporary } },
  );
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      running.delete(child);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
      removeWhenFree(temporary).then(() => resolve({ code, output }), reject);
    });
  });
  return { child, output: () => output, exited };
}

export const runAudit = (server: DemoServer, out: string, portals: readonly string[]) =>
  startAudit(server, out, portals).exited;

/** `cookies-ods-observatory` as a user runs it (the built bin). */
export function runObservatory(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['bin/cookies-ods-observatory.mjs', ...args], (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, output: stdout + stderr });
    });
  });
}

/** Stops an audit a timed-out hook left running, before its folder is removed: it would write it again. */
export async function stopAudits(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
}
