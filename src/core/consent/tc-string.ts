/**
 * The few fields of an IAB TC string (TCF v2.x, « Consent string and vendor list formats », core segment) that a
 * choice rests on: when it was last updated, the purposes and the vendors consented to. Read here rather than with
 * @iabtcf/core, whose 30 kB the background would compile at every wake (~4 ms of a popup's wait) for these three
 * fields; the tests hold this reading to the library's on every string they make. Strict: a string shorter than the
 * fields it declares, or of another version, is no TC string.
 */

export interface TcConsents {
  /** Milliseconds since the epoch. */
  lastUpdated: number;
  purposes: ReadonlySet<number>;
  /** Whether the vendor of this Global Vendor List id is consented to. */
  vendor(id: number): boolean;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Bit offsets of the core segment, from the specification's table. */
const LAST_UPDATED = 42;
const PURPOSES_CONSENT = 152;
const MAX_VENDOR_ID = 213;
const PURPOSES = 24;

/** The core segment as bits, or null when a character is not base64url. */
function bitsOf(segment: string): Uint8Array | null {
  const bits = new Uint8Array(segment.length * 6);
  for (let at = 0; at < segment.length; at++) {
    const value = BASE64URL.indexOf(segment[at] as string);
    if (value < 0) return null;
    for (let bit = 0; bit < 6; bit++) bits[at * 6 + bit] = (value >> (5 - bit)) & 1;
  }
  return bits;
}

export function readTcString(value: string): TcConsents | null {
  const bits = bitsOf(value.split('.')[0] as string);
  if (bits === null) return null;
  let overrun = false;
  // Arithmetic, not shifts: a date is 36 bits, past what JavaScript's bitwise operators hold.
  const int = (from: number, length: number) => {
    if (from + length > bits.length) overrun = true;
    let n = 0;
    for (let at = from; at < from + length; at++) n = n * 2 + (bits[at] ?? 0);
    return n;
  };
  if (int(0, 6) !== 2) return null;
  const lastUpdated = int(LAST_UPDATED, 36) * 100;
  const purposes = new Set<number>();
  for (let id = 1; id <= PURPOSES; id++) if (int(PURPOSES_CONSENT + id - 1, 1) === 1) purposes.add(id);
  const maxVendorId = int(MAX_VENDOR_ID, 16);
  let vendor: (id: number) => boolean;
  const start = MAX_VENDOR_ID + 17;
  if (int(MAX_VENDOR_ID + 16, 1) === 0) {
    if (start + maxVendorId > bits.length) return null;
    vendor = (id) => id >= 1 && id <= maxVendorId && bits[start + id - 1] === 1;
  } else {
    // Kept as ranges, never spread into ids: 4 095 ranges of 65 535 vendors each would be 268 million.
    const ranges: Array<readonly [number, number]> = [];
    let at = start + 12;
    for (let entry = int(start, 12); entry > 0 && !overrun; entry--) {
      const isRange = int(at, 1) === 1;
      const first = int(at + 1, 16);
      const last = isRange ? int(at + 17, 16) : first;
      at += isRange ? 33 : 17;
      if (first < 1 || last < first || last > maxVendorId) return null;
      ranges.push([first, last]);
    }
    vendor = (id) => ranges.some(([first, last]) => id >= first && id <= last);
  }
  return overrun ? null : { lastUpdated, purposes, vendor };
}
