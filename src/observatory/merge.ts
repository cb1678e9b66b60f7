/**
 * Gathers the folders of a sharded audit (`--shard K/N` on N machines) into one run folder: each
 * portal's file once — the later audit when two shards hold the same portal, and said — and the
 * three reports rewritten from them, as an unsharded run writes them.
 */
import { mkdir } from 'node:fs/promises';
import { writeReports } from '../audit/write-reports';
import { loadResults, saveResult, TOOL, type PortalResult } from '../audit/results';
import type { Translate } from '../core/util/i18n';

export interface Merged {
  results: PortalResult[];
  /** Portals found in more than one shard: the shard whose audit was kept. */
  duplicates: Array<{ host: string; kept: string }>;
  /** Portal files that could not be read, by shard. */
  unreadable: Array<{ shard: string; file: string }>;
}

export async function mergeShards(shards: readonly string[]): Promise<Merged> {
  const kept = new Map<string, { result: PortalResult; shard: string }>();
  const duplicates: Merged['duplicates'] = [];
  const unreadable: Merged['unreadable'] = [];
  for (const shard of shards) {
    const loaded = await loadResults(shard);
    unreadable.push(...loaded.unreadable.map((file) => ({ shard, file })));
    for (const result of loaded.results.values()) {
      const before = kept.get(result.host);
      if (before) {
        const later = result.auditedAt > before.result.auditedAt ? { result, shard } : before;
        duplicates.push({ host: result.host, kept: later.shard });
        kept.set(result.host, later);
      } else kept.set(result.host, { result, shard });
    }
  }
  return { results: [...kept.values()].map(({ result }) => result), duplicates, unreadable };
}

/** Writes the merged run: every portal's file, then the three reports. */
export async function saveMerged(out: string, merged: Merged, t: Translate): Promise<void> {
  await mkdir(out, { recursive: true });
  for (const result of merged.results) await saveResult(out, result);
  await writeReports(out, merged.results, t, TOOL);
}
