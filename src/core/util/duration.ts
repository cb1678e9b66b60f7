import { madeOnce } from './intl';

/** Calendar units in seconds; a month is a twelfth of the mean Gregorian year. */
export const MINUTE = 60;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
export const YEAR = Math.round(365.2425 * DAY);
export const MONTH = Math.round(YEAR / 12);

/**
 * The CNIL keeps consent-free audience cookies to 13 months at most. Thirteen calendar months last
 * 397 days at the longest (a leap year and a 31-day month): past that, no reading of « 13 mois » fits.
 */
export const CNIL_CEILING = 397 * DAY;

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/**
 * The parts a person would say: « 2 semaines », « 1 an et 1 mois », never more than two parts.
 * Each unit is chosen after rounding, so a value a second short of a round one reads as that round
 * one (« 24 heures » is « 1 jour », 14 days less a second « 2 semaines »). A span past the CNIL
 * ceiling never reads as 13 months or less: it is said in days instead.
 */
function durationParts(seconds: number): Array<[number, Unit]> {
  const s = Math.max(0, Math.round(seconds));
  if (s < MINUTE) return [[s, 'second']];
  const minutes = Math.round(s / MINUTE);
  if (minutes < 60) return [[minutes, 'minute']];
  const hours = Math.round(s / HOUR);
  if (hours < 24) return [[hours, 'hour']];
  const days = Math.round(s / DAY);
  if (days < 28 || (days < 8 * 7 && days % 7 === 0))
    return days % 7 === 0 && days >= 14 ? [[days / 7, 'week']] : [[days, 'day']];
  const months = Math.round(s / MONTH);
  if (s > CNIL_CEILING && months <= 13) return [[days, 'day']];
  // Chartes count a year as « 12 mois »; past that, years and months.
  if (months <= 12) return [[months, 'month']];
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0
    ? [[years, 'year']]
    : [
        [years, 'year'],
        [rest, 'month'],
      ];
}

const unitFormat = madeOnce(
  (locale: string, unit: string) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }),
);
const listFormat = madeOnce((locale: string) => new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }));
const relativeFormat = madeOnce((locale: string) => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));

/** « 2 semaines », « 1 an et 1 mois » in the given locale, through Intl only. */
export function formatDuration(seconds: number, locale: string): string {
  const parts = durationParts(Number.isFinite(seconds) ? seconds : 0).map(([n, unit]) =>
    unitFormat(locale, unit).format(n),
  );
  return listFormat(locale).format(parts);
}

/** « dans 3 jours », « dans 14 mois »: one unit, as people say it; under two years, in months. */
export function formatIn(seconds: number, locale: string): string {
  const [amount, unit] = durationParts(Number.isFinite(seconds) ? seconds : 0)[0] ?? [0, 'second'];
  const inMonths = unit === 'year' && seconds < 2 * YEAR;
  return relativeFormat(locale).format(inMonths ? Math.round(seconds / MONTH) : amount, inMonths ? 'month' : unit);
}
