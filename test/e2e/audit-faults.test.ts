// The audit stopped, starved of disk, or handed a bad resume file: nothing finished is lost, the
// reports are written whenever the process lives long enough, and the exit code says what happened.
import { execFile, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFile, PortalResult } from '../../src/audit/results';
import { AUDIT_SUFFIX as SUFFIX, startAudit, stopAudits } from './audit-run';
import { startDemoServer, type DemoServer } from './demo';

/**
 * As root, the ordinary user is `nobody`, who must be able to read the project (a clone under /root is not readable).
 */
const AS_ROOT = process.getuid?.() === 0;
const USER_CAN_RUN =
  !AS_ROOT ||
  spawnSync('runuser', ['-u', 'nobody', '--', 'test', '-r', join(process.cwd(), 'dist/audit/cookies-ods-audit.mjs')])
    .status === 0;
const BEHAVIOURS = ['conforme', 'arrivee', 'refus-ignore', 'sans-refus', 'longue-duree', 'charte-incomplete'];
const readAudit = (out: string) => JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditFile;
const portalFiles = (out: string) => readdirSync(join(out, 'portals')).filter((name) => name.endsWith('.json'));

describe('cookies-ods-audit when things go wrong', () => {
  let server: DemoServer;
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cookies-ods-faults-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterEach(async () => {
    await stopAudits();
    dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });
  afterAll(async () => server?.close());

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stopped by %s once a portal is done: writes the reports of what is finished, ' +
      'saves no portal under way as failed, says how to go on, exits 1',
    async (signal) => {
      const out = folder();
      const audit = startAudit(
        server,
        out,
        BEHAVIOURS.map((behaviour) => `${behaviour}${SUFFIX}`),
        2,
      );
      await expect.poll(() => /\[1\/6\]/.test(audit.output()), { timeout: 90_000, interval: 100 }).toBe(true);
      audit.child.kill(signal);
      const { code, output } = await audit.exited;
      expect(code).toBe(1);
      expect(output).toMatch(
        new RegExp(
          String.raw`Interrompu : \d portails sur 6 finis et écrits, rapports dans .* ; ` +
            String.raw`relancez avec le même --out pour finir les autres\.`,
        ),
      );
      const finished = Number(/Interrompu : (\d)/.exec(output)![1]);
      expect(finished).toBeGreaterThanOrEqual(1);
      expect(finished).toBeLessThan(6);
      const portals = readAudit(out).portals;
      expect(portals.map((portal) => portal.outcome)).toEqual(Array(finished).fill('audited'));
      expect(portalFiles(out)).toHaveLength(finished);
    },
    120_000,
  );

  it('killed outright (SIGKILL): every portal file written is whole, ' +
    'and a rerun in the same folder finishes the rest', async () => {
    const out = folder();
    const portals = BEHAVIOURS.slice(0, 3).map((behaviour) => `${behaviour}${SUFFIX}`);
    const audit = startAudit(server, out, portals, 2);
    // Killed once a portal's file is on disk: the terminal says « [1/3] » a moment before it is written.
    const written = () => (existsSync(join(out, 'portals')) ? portalFiles(out).length : 0);
    await expect.poll(written, { timeout: 90_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    audit.child.kill('SIGKILL');
    await audit.exited;
    const files = portalFiles(out);
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const name of files)
      expect(JSON.parse(readFileSync(join(out, 'portals', name), 'utf8')).outcome).toBe('audited');
    const rerun = await startAudit(server, out, portals, 2).exited;
    expect(rerun.code).toBe(0);
    expect(rerun.output).toContain(`${files.length} portails déjà audités dans ce dossier`);
    expect(readAudit(out).portals.map((portal) => portal.outcome)).toEqual(['audited', 'audited', 'audited']);
  }, 150_000);

  // Chromium checks its own sandbox at start, and will not run without one it can use.
  it.runIf(USER_CAN_RUN)(
    'as an ordinary user, runs Chromium with its sandbox on, no option needed',
    async () => {
      const out = folder();
      chmodSync(out, 0o777);
      const command = [
        process.execPath,
        'bin/cookies-ods-audit.mjs',
        `conforme${SUFFIX}`,
        '--out',
        join(out, 'audit'),
        '--pause',
        '50',
        '--quiet',
        '150',
        '--ignore-https-errors',
        `--browser-arg=--host-resolver-rules=${server.anyHostRule}`,
      ];
      const [file, ...args] = AS_ROOT ? ['runuser', '-u', 'nobody', '--', 'env', `HOME=${out}`, ...command] : command;
      const { code, output } = await new Promise<{ code: number; output: string }>((resolve) =>
        execFile(file!, args, (error, stdout, stderr) =>
          resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, output: stdout + stderr }),
        ),
      );
      expect(output).not.toContain('--no-sandbox');
      expect(code).toBe(0);
      expect(output).toContain(`conforme${SUFFIX} : audité`);
    },
    120_000,
  );

  it('loses nothing to a write that fails, names an over-long host’s file within bounds, ' +
    'and redoes a misshapen resume file', async () => {
    const out = folder();
    const blocked = `conforme${SUFFIX}`;
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(30)}${SUFFIX}`;
    const misshapen = `sans-gestion${SUFFIX}`;
    // A directory where the portal's file goes: its write fails as on a full disk, whatever the user.
    mkdirSync(join(out, 'portals', `${blocked}.json`, 'occupé'), { recursive: true });
    const bad = {
      host: misshapen,
      url: `https://${misshapen}/`,
      auditedAt: 'not a date',
      outcome: 'audited',
      charteUrl: null,
      visits: null,
      cookies: [],
      rules: [],
    };
    writeFileSync(join(out, 'portals', `${misshapen}.json`), JSON.stringify(bad));

    const { code, output } = await startAudit(server, out, [blocked, long, misshapen]).exited;
    expect(code).toBe(1);
    expect(output).toContain(`Fichier de résultat illisible, portail refait : ${misshapen}.json`);
    expect(output).toMatch(
      new RegExp(
        `Résultat de ${blocked.replace(/\./g, '\\.')} non écrit \\(.+\\) : ` +
          `il reste dans les rapports de ce lancement, et sera refait au prochain\\.`,
      ),
    );
    // Everything audited is in the reports, the blocked portal included.
    const hosts = readAudit(out).portals.map((portal: PortalResult) => portal.host);
    expect(hosts.sort()).toEqual([long, blocked, misshapen].sort());
    expect(readAudit(out).portals.every((portal) => portal.outcome === 'audited')).toBe(true);
    const files = portalFiles(out);
    expect(files).toContain(`${misshapen}.json`);
    expect(files.every((name) => Buffer.byteLength(name) <= 120)).toBe(true);
    expect(files).toHaveLength(3); // the misshapen one rewritten, the long one, and the blocked directory
    expect(existsSync(join(out, 'audit.html'))).toBe(true);
  }, 120_000);
});
