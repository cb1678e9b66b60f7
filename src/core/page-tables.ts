/**
 * The visible text of every table cell of a page, row by row. It runs in the charte page itself
 * (through `scripting.executeScript`, when the user opens it) and on the HTML the popup fetched
 * (parsed by DOMParser, inert): so it stands alone, reads text only, skips scripts and styles, and
 * stops at sizes no charte reaches.
 */
export function pageTables(root: ParentNode = document): string[][][] {
  const MAX_TABLES = 50;
  const MAX_ROWS = 500;
  const MAX_CELLS = 20;
  const MAX_TEXT = 2000;
  const HIDDEN = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
  const textOf = (cell: Element): string => {
    let text = '';
    const walker = cell.ownerDocument.createTreeWalker(cell, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.nodeType === 1 && HIDDEN.has((node as Element).tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode(); node !== null && text.length < MAX_TEXT; node = walker.nextNode()) {
      if (node.nodeType === 3) text += node.nodeValue ?? '';
    }
    return text.slice(0, MAX_TEXT).trim();
  };
  const first = <T,>(items: ArrayLike<T>, max: number): T[] => Array.from({ length: Math.min(items.length, max) }, (_, i) => items[i] as T);
  return first(root.querySelectorAll('table'), MAX_TABLES).map((table) =>
    first(table.rows, MAX_ROWS).map((row) => first(row.cells, MAX_CELLS).map(textOf)),
  );
}
