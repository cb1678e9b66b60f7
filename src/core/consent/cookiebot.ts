/**
 * Cookiebot: `CookieConsent`, a URI-encoded JavaScript-object-like value holding `necessary`,
 * `preferences`, `statistics` and `marketing` (the `Cookiebot.consent.*` properties of Cookiebot's
 * developer documentation, cookiebot.com/en/developer), `stamp`, `method`, `ver` and `utc` (the time of
 * the choice, ms) — as Cookiebot's help on reading the cookie server-side parses it, and CookieBlock's
 * consent crawler (dibollinger/CookieBlock-Consent-Crawler, cookiebot_commands.py). `-1` means no consent
 * was asked (a region without such law): no choice. Choices are by category: statistics judges audience
 * measurement, marketing judges advertising.
 */
import { dateOf, decoded, MAX_KEYS, MAX_RAW, type ConsentReader, type Subject } from './reader';

const CATEGORY: Readonly<Record<Subject['purpose'], string | undefined>> = {
  audience: 'statistics',
  advertising: 'marketing',
  other: undefined,
};
const PAIR = /^(\w+):(?:'([^']*)'|(true|false)|(-?\d+))$/;

export const cookiebotReader: ConsentReader = {
  id: 'cookiebot',
  label: 'Cookiebot',
  names: ['CookieConsent'],
  source:
    'cookiebot.com/en/developer (consent.necessary, .preferences, .statistics, .marketing); ' +
    'dibollinger/CookieBlock-Consent-Crawler',
  keptFor: null,
  read(value, _name, nowMs) {
    const text = value.length > MAX_RAW ? null : decoded(value);
    const body = text && /^\{(.*)\}$/s.exec(text)?.[1];
    if (!body) return null;
    const pairs = body.split(',');
    if (pairs.length > MAX_KEYS) return null;
    let at: number | null = null;
    const choices: Array<[string, boolean]> = [];
    for (const pair of pairs) {
      const found = PAIR.exec(pair.trim());
      if (!found) return null;
      const [, key, , flag, number] = found;
      if (flag !== undefined && key !== 'necessary') choices.push([key!, flag === 'true']);
      if (key === 'utc' && number !== undefined) at = dateOf(Number(number), nowMs);
    }
    return { at, choices };
  },
  says: (choices, subject) => {
    const category = CATEGORY[subject.purpose];
    if (category === undefined || !choices.has(category)) return undefined;
    return choices.get(category) === true ? 'accepted' : 'refused';
  },
};
