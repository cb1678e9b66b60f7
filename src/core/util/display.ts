import { toUnicode } from 'punycode/punycode.es6.js';

/** How long a piece of what the user typed may be when a message repeats it. */
const MAX_ECHO = 60;

/** A domain or `*.domain` as its publisher writes it: stored in punycode, shown in Unicode (`données.fr`). */
export function displayDomain(pattern: string): string {
  try {
    return toUnicode(pattern);
  } catch {
    return pattern;
  }
}

/** What the user typed, repeated in a message without letting a pasted page fill the screen. */
export function shorten(text: string, max = MAX_ECHO): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
