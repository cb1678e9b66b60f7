/**
 * `cookies-ods-observatory` (`npm run observatory --`): `merge SHARD_DIR… --out RUN_DIR` gathers the
 * folders of an audit sharded across machines (`cookies-ods-audit --shard K/N`) into one run folder.
 */
import { parseArgs } from 'node:util';
import messages from '../../public/_locales/fr/messages.json';
import { translatorOf } from '../core/i18n';
import { mergeShards, saveMerged } from './merge';

const t = translatorOf(messages);

function commandLine(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', default: false } } });
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const parsed = command === 'merge' ? commandLine(rest) : null;
  if (!parsed || parsed.values.help || !parsed.values.out || parsed.positionals.length === 0) {
    console.error(t('observatoryUsage'));
    return parsed?.values.help ? 0 : 2;
  }
  const merged = await mergeShards(parsed.positionals);
  for (const { shard, file } of merged.unreadable) console.error(t('observatoryUnreadable', file, shard));
  for (const { host, kept } of merged.duplicates) console.error(t('observatoryDuplicate', host, kept));
  if (merged.results.length === 0) {
    console.error(t('observatoryNothing'));
    return 2;
  }
  await saveMerged(parsed.values.out, merged, t);
  console.error(t('observatoryMerged', merged.results.length, parsed.positionals.length, parsed.values.out));
  return 0;
}

process.exitCode = await main();
