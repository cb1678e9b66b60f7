/**
 * The visible text of every table cell of a page, row by row. It runs in the charte page itself
 * (through `scripting.executeScript`, when the user opens it) and on the HTML the popup fetched
 * (parsed by DOMParser, inert): so it stands alone, reads text only, skips scripts and styles, and
 * stops at sizes no charte reaches.
 *
 * Some portals publish a table's last row as paragraphs after it (« Opendatasoft », « django_language »,
 * « 12 mois », then the purpose; or « Opendatasoft django_language 12 mois » and the purpose). Those
 * paragraphs are read back into the table when they start with a provider the table already names.
 */
export function pageTables(root: ParentNode = document): { tables: string[][][]; cutRows: number } {
  const MAX_TABLES = 50;
  /** Rows of all tables together: every row is read up to here, and the rows past it are counted. */
  const MAX_ROWS = 2000;
  const MAX_CELLS = 20;
  const MAX_TEXT = 2000;
  const HIDDEN = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
  const STOP = /^(H[1-6]|TABLE|UL|OL|NAV|FOOTER|FORM)$/;
  const textOf = (element: Element): string => {
    let text = '';
    const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.nodeType === 1 && HIDDEN.has((node as Element).tagName)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node !== null && text.length < MAX_TEXT; node = walker.nextNode()) {
      if (node.nodeType === 3) text += node.nodeValue ?? '';
    }
    return text.slice(0, MAX_TEXT).replace(/\s+/g, ' ').trim();
  };
  const first = <T>(items: ArrayLike<T>, max: number): T[] =>
    Array.from({ length: Math.min(items.length, max) }, (_, i) => items[i] as T);

  /** The paragraphs right after a table (or after the box that wraps it), up to the next heading or table. */
  const paragraphsAfter = (table: Element, limit: number): string[] => {
    let anchor: Element | null = table;
    while (anchor && !anchor.nextElementSibling && anchor.parentElement && anchor.parentElement.tagName !== 'BODY')
      anchor = anchor.parentElement;
    const texts: string[] = [];
    for (
      let next = anchor?.nextElementSibling ?? null;
      next && texts.length < limit && !STOP.test(next.tagName);
      next = next.nextElementSibling
    ) {
      if (next.querySelector('h1, h2, h3, h4, h5, h6, table')) break;
      const text = textOf(next);
      if (text !== '') texts.push(text);
    }
    return texts;
  };

  const rowsAfter = (rows: string[][], table: Element): string[][] => {
    const width = rows[0]?.length ?? 0;
    const providers = new Set(
      rows
        .slice(1)
        .map((row) => row[0] ?? '')
        .filter((cell) => cell !== ''),
    );
    if (width < 2 || providers.size === 0) return [];
    const texts = paragraphsAfter(table, 4 * width);
    const recovered: string[][] = [];
    for (let i = 0; i < texts.length; ) {
      const text = texts[i] ?? '';
      const provider = [...providers].find((name) => text === name || text.startsWith(`${name} `));
      if (provider === undefined) break;
      if (text === provider) {
        recovered.push(texts.slice(i, i + width));
        i += width;
      } else {
        // « Opendatasoft django_language 12 mois »: provider, name, then the rest of the line; later paragraphs fill
        // the other cells.
        const [name = '', ...rest] = text.slice(provider.length).trim().split(' ');
        if (rest.length > 6 || !/\d/.test(rest.join(' '))) break; // prose about the provider, not a row
        const cells = [provider, name, rest.join(' ')];
        const more = Math.max(0, width - cells.length);
        recovered.push([...cells, ...texts.slice(i + 1, i + 1 + more)].slice(0, width));
        i += 1 + more;
      }
    }
    return recovered;
  };

  let left = MAX_ROWS;
  let cutRows = 0;
  const tables = first(root.querySelectorAll('table'), MAX_TABLES).map((table) => {
    const all = (table as HTMLTableElement).rows;
    const rows = first(all, left).map((row) => first(row.cells, MAX_CELLS).map(textOf));
    const read = [...rows, ...(all.length <= left ? rowsAfter(rows, table) : [])].slice(0, left);
    cutRows += Math.max(0, all.length - read.length);
    left -= read.length;
    return read;
  });
  return { tables, cutRows };
}
