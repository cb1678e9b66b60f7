/**
 * Many trackers write their creation time into their own value, as their own code writes it: `_ga` and `_gid` are
 * `GA1.<n>.<random>.<creation s>`, Matomo's `_pk_id.*` is `<visitor id>.<creation s>`, Meta's
 * `_fbp` is `fb.<n>.<creation ms>.<random>`. Where the journal did not watch (the extension
 * installed after the visit, the browser restarted, an event lost), this dates the cookie.
 * A value that does not parse, or says a date before 2000 or after now, dates nothing.
 */
export interface ValueDate {
  /** The creation lies between these two instants, in ms (a value in seconds spans one second). */
  from: number;
  to: number;
}

const EARLIEST = Date.UTC(2000, 0, 1);

const SHAPES: ReadonlyArray<{ name: RegExp; value: RegExp; unit: 'seconds' | 'ms' }> = [
  { name: /^_g(a|id)$/, value: /^GA\d+\.\d+\.\d+\.(\d{9,10})$/, unit: 'seconds' },
  { name: /^_pk_id\./, value: /^[0-9a-f]{16}\.(\d{9,10})(\.|$)/, unit: 'seconds' },
  { name: /^_fbp$/, value: /^fb\.\d+\.(\d{12,13})\.\d+$/, unit: 'ms' },
];

export function valueDate(name: string, value: string, nowMs: number): ValueDate | null {
  for (const shape of SHAPES) {
    if (!shape.name.test(name)) continue;
    const found = shape.value.exec(value);
    if (!found) return null;
    const from = Number(found[1]) * (shape.unit === 'seconds' ? 1000 : 1);
    const to = from + (shape.unit === 'seconds' ? 999 : 0);
    return from >= EARLIEST && from <= nowMs ? { from, to } : null;
  }
  return null;
}
