/**
 * The chartes are kept as the text a browser shows of the published page (scripts/demo/chartes).
 * This turns that text back into its tables and blocks, so the demo portal can serve the page as
 * HTML and the catalogue test can read the tables. Some portals publish a row as paragraphs after
 * the table (aix-en-provence, soissons): read as tables, they are put back into the table; rendered
 * `asPublished`, they stay paragraphs, as on the real page.
 */

const HEADING = new RegExp(
  String.raw`^(#+\s*)?(Charte cookies|Cookie policy|Qu'est ce qu'un cookie|What is a cookie|A quoi servent|` +
    'What are cookies used|Comment configurer|How to (set|configure)|Il existe plusieurs|There are several)',
  'i',
);

const TABLE_HEADER = /prestataire|provider/i;

/** @returns {Array<{kind:'heading'|'paragraph', text:string}|{kind:'table', rows:string[][]}>} */
export function blocksFromCharteText(text, { asPublished = false } = {}) {
  const lines = text.replace(/\\_/g, '_').replace(/\*\*/g, '').split(/\r?\n/);
  const blocks = [];
  let table = null;
  let pending = [];
  const flush = () => {
    if (asPublished) for (const text of pending) blocks.push({ kind: 'paragraph', text });
    else if (table && pending.length > 0) {
      const width = table.rows[0].length;
      const cells = [...pending];
      if (cells.length < width) cells.splice(0, 1, ...splitWords(cells[0], width - cells.length + 1));
      table.rows.push(cells);
    }
    pending = [];
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.includes('\t')) {
      const cells = line.split('\t').map((cell) => cell.trim());
      if (cells.every((cell) => /^-*$/.test(cell))) continue;
      if (table === null || TABLE_HEADER.test(line)) {
        for (const text of pending) blocks.push({ kind: 'paragraph', text });
        pending = [];
        table = { kind: 'table', rows: [cells] };
        blocks.push(table);
      } else {
        flush();
        table.rows.push(cells);
      }
      continue;
    }
    const heading = HEADING.test(line);
    if (table !== null && !heading) {
      pending.push(line);
      if (pending.length === table.rows[0].length) flush();
      continue;
    }
    flush();
    table = null;
    blocks.push({ kind: heading ? 'heading' : 'paragraph', text: line.replace(/^#+\s*/, '') });
  }
  flush();
  return blocks;
}

function splitWords(text, parts) {
  const words = text.split(' ');
  return [...words.slice(0, parts - 1), words.slice(parts - 1).join(' ')];
}

export function tablesFromCharteText(text) {
  return blocksFromCharteText(text)
    .filter((block) => block.kind === 'table')
    .map((block) => block.rows);
}
