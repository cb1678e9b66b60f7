/**
 * Axeptio (French SaaS): `axeptio_cookies`, a JSON object « composed of properties reusing the vendors
 * names configured in the Axeptio back office », each true or false, with the token and the date the
 * choice was given (`$$token`, `$$date`, `$$completed`). Source: Axeptio's developer documentation,
 * « Registering User choices » (developers.axeptio.eu/site-integration/registering-user-choices), which
 * names `google_analytics` for Google Analytics; « What cookies does Axeptio set? » (support.axeptio.eu,
 * article 274085) for the cookie's role and its six months.
 */
import { MONTH } from '../util/duration';
import type { Tracker } from './trackers';
import { booleanChoices, byKeys, dateOf, decoded, jsonObject, type ConsentReader } from './reader';

/** The vendor names Axeptio's documentation gives; other vendor names are the site's own. */
const VENDORS: Partial<Record<Tracker, readonly string[]>> = { ga: ['google_analytics'] };

export const axeptioReader: ConsentReader = {
  id: 'axeptio',
  label: 'Axeptio',
  names: ['axeptio_cookies'],
  source: 'developers.axeptio.eu/site-integration/registering-user-choices; support.axeptio.eu article 274085',
  keptFor: 6 * MONTH,
  read(value, _name, nowMs) {
    const data = jsonObject(decoded(value)) ?? jsonObject(value);
    if (!data) return null;
    return { at: dateOf(data.$$date, nowMs), choices: booleanChoices(data, (key) => key.startsWith('$$')) };
  },
  says: (choices, subject) => byKeys(choices, VENDORS[subject.tracker] ?? []),
};
