// `npm run bench -- observatory`: the observatory's site built, as a user builds it (the command), from a
// year of weekly runs of the directory's portals — 52 runs × 270 portals, generated: each portal judged
// once by the core in two ways (a tracker before any choice or none), then its rules changing now and
// then from week to week, a few portals absent from a run or unreachable in it. The floor, in the same
// run: a Node process that only reads and parses every run's audit.json, which any build must do.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notAudited, type PortalResult } from '../../src/audit/results';
import { judgeAudit, type VisitRecord } from '../../src/core/report/audit';
import { DIRECTORY } from 'virtual:ods-directory';
import type { RuleStatus } from '../../src/core/report/rule-verdict';

const RUNS = 52;
const WEEK = 7 * 86_400_000;
const FIRST = Date.UTC(2025, 11, 1, 2, 17);

/** A stable pseudo-random number in [0, 1) for these words. */
function chance(...words: Array<string | number>): number {
  let hash = 2166136261;
  for (const char of words.join('|')) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  // FNV-1a's high bits hardly move with the last characters: mixed as MurmurHash3 finishes.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

function judged(host: string, tracks: boolean): PortalResult {
  const at = FIRST;
  const jar = [
    {
      name: 'csrftoken',
      value: 'x'.repeat(32),
      domain: host,
      hostOnly: true,
      path: '/',
      secure: true,
      httpOnly: false,
      sameSite: 'lax' as const,
      session: false,
      expirationDate: at / 1000 + 31_449_600,
      storeId: '0',
    },
    ...(tracks
      ? [
          {
            name: '_ga',
            value: 'GA1.1.123456789.1764555420',
            domain: `.${host}`,
            hostOnly: false,
            path: '/',
            secure: false,
            httpOnly: false,
            sameSite: 'unspecified' as const,
            session: false,
            expirationDate: at / 1000 + 400 * 86_400,
            storeId: '0',
          },
        ]
      : []),
  ];
  const visit = (kind: VisitRecord['kind']): VisitRecord => ({
    kind,
    startedAt: at,
    readings: [
      { at: at + 1500, cookies: jar },
      { at: at + 4000, cookies: jar },
    ],
    choice:
      kind === 'arrive'
        ? null
        : {
            at: at + 3000,
            control: kind === 'refuse' ? 'Tout refuser' : 'Tout accepter',
            how: kind === 'refuse' ? 'refuseAll' : 'acceptAll',
          },
    pages: ['/', '/explore/', '/pages/a-propos/'].map((path, index) => ({
      url: `https://${host}${path}`,
      at: at + 1500 + index * 1000,
      banner: index === 0 ? { accept: 'Tout accepter', refuse: 'Tout refuser', settings: 'Personnaliser' } : null,
      manageControl: 'Gérer les cookies',
    })),
    requested: [],
  });
  const result = judgeAudit({
    host,
    charte: null,
    visits: { arrive: visit('arrive'), refuse: visit('refuse'), accept: visit('accept') },
  });
  return {
    host,
    url: `https://${host}/`,
    auditedAt: new Date(at).toISOString(),
    durationMs: 9000,
    outcome: 'audited',
    charteUrl: `https://${host}/terms/cookies-policy/`,
    ...result,
    consentManager: 'Opendatasoft',
  };
}

/** Week `week`'s audit of a portal: its rules drift now and then, a few portals missing or unreachable. */
function weekOf(template: PortalResult, week: number): PortalResult | null {
  const roll = chance(template.host, week);
  if (roll < 0.01) return null;
  const auditedAt = new Date(FIRST + week * WEEK + Math.floor(chance(template.host) * 3_600_000 * 5)).toISOString();
  if (roll < 0.03) return notAudited(template, auditedAt, 'unreachable', 'net::ERR_NAME_NOT_RESOLVED');
  const rules = template.rules.map((rule) => {
    // Each rule keeps its status for stretches of about ten weeks, differently per portal.
    const stretch = Math.floor((week + chance(template.host, rule.id) * 10) / 10);
    const drift = chance(template.host, rule.id, stretch);
    const status: RuleStatus = drift < 0.15 ? 'fail' : drift < 0.2 ? 'unknown' : rule.status;
    return status === rule.status
      ? rule
      : { ...rule, status, ...(status === 'unknown' ? { why: 'charteNotRead' as const } : {}) };
  });
  return { ...template, auditedAt, rules };
}

/** Writes the runs as the workflow keeps them (runs/<date>/audit.json); returns their folder. */
export function generateRuns(): string {
  const runsDir = mkdtempSync(join(tmpdir(), 'cookies-ods-bench-runs-'));
  const templates = DIRECTORY.map(([host]) => judged(host, chance(host, 'tracks') < 0.3));
  for (let week = 0; week < RUNS; week++) {
    const folder = join(runsDir, new Date(FIRST + week * WEEK).toISOString().slice(0, 10));
    mkdirSync(folder);
    const portals = templates.map((template) => weekOf(template, week)).filter((result) => result !== null);
    writeFileSync(
      join(folder, 'audit.json'),
      `${JSON.stringify({ tool: 'cookies-ods-audit/0.1', portals }, null, 1)}\n`,
    );
  }
  return runsDir;
}

const FLOOR = `
const { readdirSync, readFileSync } = require('node:fs');
const dir = process.argv[1];
let portals = 0;
for (const run of readdirSync(dir))
  portals += JSON.parse(readFileSync(dir + '/' + run + '/audit.json', 'utf8')).portals.length;
if (portals === 0) process.exit(1);
`;

function timed(command: string, args: string[]): number {
  const started = performance.now();
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return performance.now() - started;
}

function folderBytes(path: string): number {
  return readdirSync(path, { withFileTypes: true }).reduce(
    (sum, entry) =>
      sum + (entry.isDirectory() ? folderBytes(join(path, entry.name)) : statSync(join(path, entry.name)).size),
    0,
  );
}

export interface ObservatoryFigures {
  build: number[];
  floor: number[];
  runsBytes: number;
  indexBytes: number;
  largestPortalPage: number;
  siteBytes: number;
  feedEntries: number;
}

/** Three builds and three floors, alternated. */
export function benchObservatory(cli: string): ObservatoryFigures {
  const runsDir = generateRuns();
  const site = mkdtempSync(join(tmpdir(), 'cookies-ods-bench-site-'));
  try {
    const [build, floor]: [number[], number[]] = [[], []];
    for (let i = 0; i < 3; i++) {
      floor.push(timed(process.execPath, ['-e', FLOOR, runsDir]));
      build.push(timed(process.execPath, [cli, 'build', runsDir, '--out', site]));
    }
    const pages = readdirSync(join(site, 'portals')).map((name) => statSync(join(site, 'portals', name)).size);
    return {
      build,
      floor,
      runsBytes: folderBytes(runsDir),
      indexBytes: statSync(join(site, 'index.html')).size,
      largestPortalPage: Math.max(...pages),
      siteBytes: folderBytes(site),
      feedEntries: (readFileSync(join(site, 'changes.atom'), 'utf8').match(/<entry>/g) ?? []).length,
    };
  } finally {
    rmSync(runsDir, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  }
}
