/** The observatory's ways of writing a share and a day, made once. */

const LOCALE = 'fr';
const PERCENT = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
const SHORT_DAY = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' });
const LONG_DAY = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long' });

export const percent = (share: number) => PERCENT.format(share);
export const shortDay = (iso: string) => SHORT_DAY.format(new Date(iso));
export const longDay = (iso: string) => LONG_DAY.format(new Date(iso));
