// The directory of French portals the options page offers and the audit's --directory reads: data/ods-portals-fr.tsv
// (domain, publisher as the publisher writes it), compiled into the module `virtual:ods-directory` at build time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DIRECTORY_TSV = fileURLToPath(new URL('../../data/ods-portals-fr.tsv', import.meta.url));

/** `[domain, publisher]` rows; a row that is not two non-empty columns stops the build, said. */
export function compileDirectory(tsv = readFileSync(DIRECTORY_TSV, 'utf8')) {
  const [header, ...rows] = tsv.trim().split('\n');
  if (header !== 'domain\tpublisher')
    throw new Error(`${DIRECTORY_TSV}: the first line must be "domain<TAB>publisher"`);
  return rows.map((row, index) => {
    const cells = row.split('\t');
    if (cells.length !== 2 || cells.some((cell) => cell.trim() === ''))
      throw new Error(`${DIRECTORY_TSV}, line ${index + 2}: two columns, neither empty`);
    return cells;
  });
}
