/** The observatory's ways of writing a share, a day and a portal's page name, made once. */
import { createHash } from 'node:crypto';

const LOCALE = 'fr';
const PERCENT = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
const SHORT_DAY = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' });
const LONG_DAY = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long' });

export const percent = (share: number) => PERCENT.format(share);
export const shortDay = (iso: string) => SHORT_DAY.format(new Date(iso));
export const longDay = (iso: string) => LONG_DAY.format(new Date(iso));

/**
 * A portal's page name: its host when that is a plain host name short enough for any file system,
 * else a readable start and a digest of the whole, so that no two portals share a page.
 */
export function pageNameOf(host: string): string {
  if (/^[a-z0-9][a-z0-9.-]{0,99}$/.test(host)) return host;
  const readable = host.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').slice(0, 60);
  return `${readable}-${createHash('sha256').update(host).digest('hex').slice(0, 12)}`;
}
