/**
 * `cookies-ods-observatory` (`npm run observatory --`):
 * - `merge SHARD_DIR… --out RUN_DIR` gathers the folders of an audit sharded across machines
 *   (`cookies-ods-audit --shard K/N`) into one run folder;
 * - `build RUNS_DIR --out SITE_DIR [--base-url URL]` writes the observatory's site from the runs.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import messages from '../../public/_locales/fr/messages.json';
import { elapsed } from '../audit/report-words';
import { translatorOf } from '../core/util/i18n';
import { mergeShards, saveMerged } from './merge';
import { readRuns } from './runs';
import { buildSite } from './site';

const t = translatorOf(messages);
const OPTIONS = {
  out: { type: 'string' },
  'base-url': { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

function commandLine(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch {
    return null;
  }
}

async function merge(shards: string[], out: string): Promise<number> {
  const merged = await mergeShards(shards);
  for (const { shard, file } of merged.unreadable) console.error(t('observatoryUnreadable', file, shard));
  for (const { host, kept } of merged.duplicates) console.error(t('observatoryDuplicate', host, kept));
  if (merged.results.length === 0) {
    console.error(t('observatoryNothing'));
    return 2;
  }
  await saveMerged(out, merged, t);
  console.error(t('observatoryMerged', merged.results.length, shards.length, out));
  return 0;
}

async function build(runsDir: string, out: string, baseUrl: string | undefined): Promise<number> {
  const started = performance.now();
  const read = await readRuns(runsDir).catch(() => null);
  if (!read) {
    console.error(t('observatoryNoFolder', runsDir));
    return 2;
  }
  for (const folder of read.skipped) console.error(t('observatorySkipped', folder));
  if (read.runs.length === 0) {
    console.error(t('observatoryNoRuns', runsDir));
    return 2;
  }
  const figures = await buildSite(read.runs, out, t, baseUrl);
  console.error(
    t(
      'observatoryBuilt',
      out,
      read.runs.length,
      figures.portals,
      figures.changes,
      elapsed(performance.now() - started),
    ),
  );
  return 0;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const parsed = commandLine(rest);
  const wanted = command === 'merge' || command === 'build';
  if (command === '--help' || command === '-h' || parsed?.values.help) {
    console.log(t('observatoryUsage'));
    return 0;
  }
  const out = parsed?.values.out;
  const folders = parsed?.positionals ?? [];
  if (!wanted || !out || folders.length === 0 || (command === 'build' && folders.length !== 1)) {
    console.error(t('observatoryUsage'));
    return 2;
  }
  const baseUrl = parsed.values['base-url']?.replace(/\/?$/, '/');
  return command === 'merge' ? merge(folders, out) : build(folders[0]!, out, baseUrl);
}

process.exitCode = await main();
