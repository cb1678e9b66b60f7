// The Open Cookie Database (data/open-cookie-database, Apache-2.0) compiled into the compact lookup
// the extension ships (`ocd.json`): exact names, and prefixes where `Wildcard match` is 1. Every row
// is counted as kept, merged into an earlier one of the same name, or dropped with its reason.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

// Paths, not URL objects: a page-like test environment (happy-dom) has a URL class of its own.
export const OCD_CSV = join(
  dirname(fileURLToPath(import.meta.url)),
  '../data/open-cookie-database/open-cookie-database.csv',
);
const CATEGORIES = new Set(['Necessary', 'Security', 'Functional', 'Analytics', 'Marketing', 'Personalization']);

/**
 * `{ lookup, stats }`: the lookup's entries are `[platform, category, retention, description, controller, privacy
 * address]`.
 */
export function compileOcd(csv = readFileSync(OCD_CSV, 'utf8')) {
  const rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true, relax_quotes: true });
  const entries = [];
  const exact = {};
  const prefixes = {};
  const stats = { rows: rows.length, kept: 0, merged: 0, dropped: [] };
  for (const row of rows) {
    const name = (row['Cookie / Data Key name'] ?? '').trim();
    const category = (row.Category ?? '').trim();
    const wildcard = (row['Wildcard match'] ?? '').trim() === '1';
    if (name === '') stats.dropped.push({ id: row.ID, reason: 'no name' });
    else if (!CATEGORIES.has(category)) stats.dropped.push({ id: row.ID, name, reason: `category « ${category} »` });
    else if (wildcard && name.length < 3)
      stats.dropped.push({ id: row.ID, name, reason: 'prefix too short to name one cookie' });
    else {
      const slots = wildcard ? prefixes : exact;
      if (Object.hasOwn(slots, name)) {
        stats.merged++;
        continue;
      }
      const url = (row['User Privacy & GDPR Rights Portals'] ?? '').trim();
      slots[name] = entries.length;
      entries.push([
        row.Platform.trim(),
        category,
        (row['Retention period'] ?? '').trim(),
        (row.Description ?? '').trim(),
        (row['Data Controller'] ?? '').trim(),
        /^https:\/\//.test(url) ? url : '',
      ]);
      stats.kept++;
    }
  }
  return { lookup: { entries, exact, prefixes }, stats };
}

let pinned;
/** The pinned copy, compiled once per process: a build both packages its rows and compiles its names in. */
export const pinnedOcd = () => (pinned ??= compileOcd());

/**
 * The names of the lookup (exact names and prefixes, each to its row): compiled into the background script
 * (`virtual:ocd-names`), where a background woken for a portal finds them without a read of the package.
 */
export const ocdNames = (lookup) => ({ exact: lookup.exact, prefixes: lookup.prefixes });

/**
 * The rows as the extension packages them: in `shards` files by row number (row % shards, at row / shards), named
 * after `file` — a background reads only the shards of the names it meets; most portals' unknown cookies are in none.
 */
export function packageOcd(lookup, { file, shards }) {
  const parts = Array.from({ length: shards }, () => []);
  lookup.entries.forEach((row, index) => (parts[index % shards][Math.floor(index / shards)] = row));
  return parts.map((rows, shard) => [file.replace(/\.json$/, `-${shard}.json`), rows]);
}
