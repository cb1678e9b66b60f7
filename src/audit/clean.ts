/**
 * Words read from a page reach a file and a terminal only cleaned and bounded: no control character
 * (an escape sequence would rewrite the terminal: its title, a cleared screen, a fake line), no
 * bidirectional override (it would reorder what a report shows), and no string longer than a report
 * needs — a page that inflates its banner's words cannot write a file of tens of megabytes.
 */
// C0 and C1 controls but tab and line feed; the bidi embeddings, overrides, isolates and marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const LONGEST = 1000;

export function clean(text: string, longest = LONGEST): string {
  const safe = text.replace(UNSAFE, '');
  return safe.length > longest ? `${safe.slice(0, longest - 1)}…` : safe;
}

/** Every string of a value (a portal's result) cleaned, its shape untouched. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cleanDeep(inner)])) as T;
  return value;
}
