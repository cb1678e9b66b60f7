// The audit as anyone installs it: the package packed as npm would publish it, installed in an empty
// folder (its dependencies from the registry, or npm's cache), and run through npx — nothing of this
// repository's own node_modules or sources on the way.
import { execFile, type ExecFileException } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFile } from '../../src/audit/results';
import { AUDIT_SUFFIX as SUFFIX } from './audit-run';
import { startDemoServer, type DemoServer } from './demo';

const IS_ROOT = process.getuid?.() === 0;

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 16 * 1024 * 1024 },
      (error: ExecFileException | null, stdout, stderr) =>
        resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, output: stdout + stderr }),
    );
  });
}

describe('cookies-ods-audit installed from the packed package', () => {
  let folder: string;
  let app: string;
  let server: DemoServer;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'cookies-ods-pack-'));
    app = join(folder, 'app');
    mkdirSync(app);
    // `npm test` has just built dist/: the tarball is packed from it (prepack builds it for a real `npm pack`).
    const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', folder], process.cwd());
    expect(packed.code, packed.output).toBe(0);
    const tarball = readdirSync(folder).find((name) => name.endsWith('.tgz'))!;
    const installed = await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', join(folder, tarball)],
      app,
    );
    expect(installed.code, installed.output).toBe(0);
    server = await startDemoServer();
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('packs the built command and what it reads, and none of the extension or the tests', () => {
    const files = readdirSync(join(app, 'node_modules/cookies-ods'), { recursive: true }).map(String);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/cookies-ods-audit.mjs',
        'dist/audit/cookies-ods-audit.mjs',
        'dist/observatory/cookies-ods-observatory.mjs',
        'docs/audit.schema.json',
      ]),
    );
    expect(files.filter((file) => /^(src|test|dist\/chrome|dist\/firefox)\//.test(file))).toEqual([]);
  });

  it('answers --help with every option through npx', async () => {
    const help = await run('npx', ['--no-install', 'cookies-ods-audit', '--help'], app);
    expect(help.code).toBe(0);
    expect(help.output).toContain('--concurrency N         portails audités à la fois, de 1 à 16 (défaut : 4)');
    const wrong = await run(
      'npx',
      ['--no-install', 'cookies-ods-audit', 'data.issy.com', '--out', 'x', '--concurrency', '1.5'],
      app,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.output).toBe(
      '--concurrency attend un nombre entier de 1 à 16 (reçu : « 1.5 »).\ncookies-ods-audit --help : ' +
        'toutes les options et des exemples.\n',
    );
  });

  it.runIf(IS_ROOT)('refuses, as root, to run Chromium without its sandbox unless told so, and says why', async () => {
    const refused = await run(
      'npx',
      ['--no-install', 'cookies-ods-audit', `conforme${SUFFIX}`, '--out', join(folder, 'refused')],
      app,
    );
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/^Lancé en root : le bac à sable de Chromium ne peut pas fonctionner/);
  });

  it('audits a demo portal as installed', async () => {
    const out = join(folder, 'audit');
    const audited = await run(
      'npx',
      [
        '--no-install',
        'cookies-ods-audit',
        `conforme${SUFFIX}`,
        '--out',
        out,
        '--pause',
        '50',
        '--quiet',
        '150',
        '--ignore-https-errors',
        `--browser-arg=--host-resolver-rules=${server.anyHostRule}`,
        ...(IS_ROOT ? ['--no-sandbox'] : []),
      ],
      app,
    );
    expect(audited.code, audited.output).toBe(0);
    const file = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditFile;
    expect(file.portals.map((portal) => [portal.host, portal.rules.every((rule) => rule.status === 'pass')])).toEqual([
      [`conforme${SUFFIX}`, true],
    ]);
  });
});
