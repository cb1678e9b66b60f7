// `npm run bench -- audit`: the command-line audit at the directory's scale — 270 demo portals, their
// behaviours cycling through every verdict, three visits each — run as a user runs it. Then the same
// list again, killed with SIGKILL (the command and its browser) at half way and rerun in the same
// directory: how many portals were redone, how many lost. The floor, in the same run: the same
// pages of a sample of portals loaded by bare Playwright in fresh contexts, nothing read or judged.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_BEHAVIOURS } from '../demo/audit-portals.mjs';
import { startDemoServer } from '../demo/server.mjs';
import { median } from './median.mjs';
import { report } from './table.mjs';
import { CHROMIUM } from '../debian-browsers.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The directory's 270; fewer (BENCH_AUDIT_PORTALS=28) only to try the bench itself, never for a figure.
const PORTALS = Number(process.env.BENCH_AUDIT_PORTALS ?? 270);
// Five at a time on this 2-core machine: at four, the pauses and quiet waits of each visit leave the
// processor idle now and then (15 min 36 s for the 270); at five, 13 min 56 s (30 November 2026).
const CONCURRENCY = Number(process.env.BENCH_AUDIT_CONCURRENCY ?? 5);
const FLOOR_SAMPLE = Math.min(27, PORTALS);
const minutes = (ms) => `${Math.floor(ms / 60000)} min ${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')} s`;

/**
 * What a process really uses (kB): its proportional share of pages it shares with others (Chromium's processes share
 * most).
 */
function pssKb(pid) {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Every process under `pid`, with its memory (kB, proportional set size). */
function processTree(pid) {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const tree = new Map([[pid, 0]]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of table) {
      if (!tree.has(child) && tree.has(parent)) {
        tree.set(child, 0);
        grew = true;
      }
    }
  }
  for (const member of tree.keys()) tree.set(member, pssKb(member));
  return tree;
}

/**
 * Chromium's and Playwright's own leftovers in /tmp after a SIGKILL: removed, so the bench leaves /tmp as it found it.
 */
function tmpLeftovers(before) {
  for (const name of readdirSync(tmpdir())) {
    if (
      !before.has(name) &&
      /^(playwright_chromiumdev_profile-|playwright-artifacts-|org\.chromium\.Chromium\.)/.test(name)
    )
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** Runs the command to its end, or kills it and its browser once `killAfter` portals are written. */
function audit(server, list, out, { killAfter = Infinity } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        'bin/cookies-ods-audit.mjs',
        list,
        '--out',
        out,
        '--concurrency',
        String(CONCURRENCY),
        '--ignore-https-errors',
        `--browser-arg=--host-resolver-rules=${server.anyHostRule}`,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let peakKb = 0;
    let lines = 0;
    let killed = false;
    const sampler = setInterval(() => {
      const tree = processTree(child.pid);
      peakKb = Math.max(
        peakKb,
        [...tree.values()].reduce((sum, rss) => sum + rss, 0),
      );
      if (!killed && written(out) >= killAfter) {
        killed = true;
        for (const pid of tree.keys()) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // gone already
          }
        }
      }
    }, 2000);
    child.stderr.on('data', (chunk) => {
      for (const line of String(chunk).split('\n').filter(Boolean))
        if (++lines % 30 === 0 || !line.startsWith('[')) process.stderr.write(`  ${line}\n`);
    });
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(sampler);
      resolve({ ms: performance.now() - started, peakKb, killed });
    });
  });
}

const portalFiles = (out) => {
  try {
    return readdirSync(join(out, 'portals')).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
};
const written = (out) => portalFiles(out).length;
const states = (out) => new Map(portalFiles(out).map((name) => [name, statSync(join(out, 'portals', name)).mtimeMs]));

/** The floor: each sampled portal's pages, in three fresh contexts, loaded and nothing else. */
async function floor(server, hosts) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [`--host-resolver-rules=${server.anyHostRule}`, '--no-first-run', '--disable-background-networking'],
  });
  const durations = [];
  try {
    const queue = [...hosts];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let host = queue.shift(); host; host = queue.shift()) {
          const started = performance.now();
          for (const paths of [
            ['/', '/terms/cookies-policy/'],
            ['/', '/explore/', '/pages/a-propos/'],
            ['/', '/explore/', '/pages/a-propos/'],
          ]) {
            const context = await browser.newContext({ ignoreHTTPSErrors: true });
            const page = await context.newPage();
            for (const path of paths) await page.goto(`https://${host}${path}`, { waitUntil: 'load' });
            await context.close();
          }
          durations.push(performance.now() - started);
        }
      }),
    );
  } finally {
    await browser.close();
  }
  return median(durations);
}

export async function benchAudit() {
  const server = await startDemoServer();
  const dir = mkdtempSync(join(tmpdir(), 'cookies-ods-bench-audit-'));
  const tmpBefore = new Set(readdirSync(tmpdir()));
  try {
    const hosts = Array.from(
      { length: PORTALS },
      (_, i) =>
        `portail-${String(i + 1).padStart(3, '0')}-${AUDIT_BEHAVIOURS[i % AUDIT_BEHAVIOURS.length]}.audit-demo.fr`,
    );
    const list = join(dir, 'portals.txt');
    writeFileSync(list, `${hosts.join('\n')}\n`);

    const floorMs = await floor(server, hosts.slice(0, FLOOR_SAMPLE));
    process.stderr.write(`audit: ${PORTALS} portals, ${CONCURRENCY} at a time…\n`);
    const full = await audit(server, list, join(dir, 'full'));
    const results = readdirSync(join(dir, 'full', 'portals')).map((name) =>
      JSON.parse(readFileSync(join(dir, 'full', 'portals', name), 'utf8')),
    );
    const perPortal = median(
      results.filter((result) => result.outcome === 'audited').map((result) => result.durationMs),
    );
    report(
      `audit: ${PORTALS} demo portals, 3 visits each, ${CONCURRENCY} at a time: total`,
      minutes(full.ms),
      '≤ 15 min',
    );
    const audited = results.filter((result) => result.outcome === 'audited').length;
    report('  audited · unreachable or failed', `${audited} · ${results.length - audited}`, `${PORTALS} · 0`);
    report('  per portal, median (3 visits, charte, pauses of 0.5 s)', `${(perPortal / 1000).toFixed(1)} s`);
    report(
      `  floor: the same pages loaded bare (median of ${FLOOR_SAMPLE}); ratio`,
      `${(floorMs / 1000).toFixed(1)} s; ${(perPortal / floorMs).toFixed(2)}×`,
    );
    report(
      '  peak memory, the command and its browser (PSS)',
      `${(full.peakKb / 1024 / 1024).toFixed(2)} GB`,
      '≤ 1.5 GB',
    );

    process.stderr.write(`audit: the same list, killed (SIGKILL) at ${PORTALS / 2} portals, then rerun…\n`);
    const resumed = join(dir, 'resumed');
    const first = await audit(server, list, resumed, { killAfter: PORTALS / 2 });
    if (!first.killed) throw new Error('the audit ended before it could be killed');
    tmpLeftovers(tmpBefore);
    const before = states(resumed);
    await audit(server, list, resumed);
    const after = states(resumed);
    const redone = [...before].filter(([name, mtime]) => after.has(name) && after.get(name) !== mtime).length;
    const lost = [...before.keys()].filter((name) => !after.has(name)).length;
    report(
      `  killed with ${before.size} portals written, rerun: redone · lost · written in all`,
      `${redone} · ${lost} · ${after.size}`,
      `0 · 0 · ${PORTALS}`,
    );
  } finally {
    tmpLeftovers(tmpBefore);
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}
