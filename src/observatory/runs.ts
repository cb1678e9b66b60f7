/**
 * The runs folder: one sub-folder per run, each an audit's `--out` (or a merged run). A run is read
 * from its audit.json, else — a run stopped before its reports — from its portal files; a folder
 * with neither is left out and said, never a crash.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isResult, loadResults, type PortalResult } from '../audit/results';
import { inOrder, runOf, type Run } from './history';

async function resultsOf(folder: string): Promise<PortalResult[]> {
  const file: unknown = await readFile(join(folder, 'audit.json'), 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => null);
  const portals = (file as { portals?: unknown } | null)?.portals;
  if (Array.isArray(portals)) return portals.filter(isResult);
  return [...(await loadResults(folder)).results.values()];
}

export async function readRuns(runsDir: string): Promise<{ runs: Run[]; skipped: string[] }> {
  const entries = await readdir(runsDir, { withFileTypes: true });
  const runs: Run[] = [];
  const skipped: string[] = [];
  for (const entry of entries.filter((candidate) => candidate.isDirectory())) {
    const run = runOf(entry.name, await resultsOf(join(runsDir, entry.name)));
    if (run) runs.push(run);
    else skipped.push(entry.name);
  }
  return { runs: inOrder(runs), skipped };
}
