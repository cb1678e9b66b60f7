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

/** The parts a person would say: « 2 semaines », « 1 an et 1 mois », never more than two parts. */
function durationParts(seconds: number): Array<[number, Unit]> {
  const s = Math.max(0, Math.round(seconds));
  if (s < MINUTE) return [[s, 'second']];
  if (s < HOUR) return [[Math.round(s / MINUTE), 'minute']];
  if (s < DAY) return [[Math.round(s / HOUR), 'hour']];
  if (s < 2 * WEEK && s % WEEK !== 0) return [[Math.round(s / DAY), 'day']];
  if (s < 8 * WEEK) return [[Math.round(s / WEEK), 'week']];
  const months = Math.round(s / MONTH);
  // Chartes count a year as « 12 mois »; past that, years and months.
  if (months <= 12) return [[months, 'month']];
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? [[years, 'year']] : [[years, 'year'], [rest, 'month']];
}

/** « 2 semaines », « 1 an et 1 mois » in the given locale, through Intl only. */
export function formatDuration(seconds: number, locale: string): string {
  const parts = durationParts(Number.isFinite(seconds) ? seconds : 0).map(([n, unit]) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n),
  );
  return new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }).format(parts);
}

/** « dans 3 jours », « dans 13 mois »: one unit, as people say it; under two years, in months. */
export function formatIn(seconds: number, locale: string): string {
  const [amount, unit] = durationParts(seconds)[0] ?? [0, 'second'];
  const inMonths = unit === 'year' && seconds < 2 * YEAR;
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(inMonths ? Math.round(seconds / MONTH) : amount, inMonths ? 'month' : unit);
}
