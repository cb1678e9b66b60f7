/** Charte pages nest a few dozen elements deep; past this, what follows is not a charte. */
export const MAX_DEPTH = 256;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const TAG = /<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g;

/**
 * The page cut where its elements nest deeper than `maxDepth`, found in one pass over the text,
 * so parsing never meets the nesting that makes browsers' HTML parsers slow down quadratically.
 * A page within bounds comes back whole.
 */
export function cutAtDepth(html: string, maxDepth = MAX_DEPTH): { html: string; cut: boolean } {
  let depth = 0;
  for (const match of html.matchAll(TAG)) {
    const [, closing, name = '', selfClosing] = match;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!selfClosing && !VOID.has(name.toLowerCase())) depth++;
    if (depth > maxDepth) return { html: html.slice(0, match.index), cut: true };
  }
  return { html, cut: false };
}
