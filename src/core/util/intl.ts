/**
 * A function made to answer once per distinct arguments. Making an Intl formatter, or asking the
 * browser for a message, costs far more than reusing the answer, and a popup asks hundreds of times.
 */
export function madeOnce<A extends (string | number)[], R>(make: (...args: A) => R): (...args: A) => R {
  const made = new Map<string, R>();
  return (...args) => {
    const key = args.join('\u0000');
    let answer = made.get(key);
    if (answer === undefined) made.set(key, (answer = make(...args)));
    return answer;
  };
}

const DATE_STYLES = {
  day: { dateStyle: 'long' },
  dayAndTime: { dateStyle: 'long', timeStyle: 'short' },
  time: { timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** Dates as every surface writes them: one formatter per locale and style, made once. */
export const dateFormat = madeOnce(
  (locale: string, style: keyof typeof DATE_STYLES) => new Intl.DateTimeFormat(locale, DATE_STYLES[style]),
);

/** Numbers with a fixed count of decimals, one formatter per locale and count, made once. */
export const decimalFormat = madeOnce(
  (locale: string, digits: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
);
