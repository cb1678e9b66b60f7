/**
 * OneTrust: `OptanonConsent`, a URL-encoded query string whose `groups=C0001:1,C0002:0,…` says each
 * category, with `datestamp` (OneTrust's « OneTrust Cookies » article, my.onetrust.com; CookieBlock's
 * onetrust_commands.py reads it alike). By OneTrust's defaults C0002 is performance (audience
 * measurement) and C0004 targeting (advertising); a site that renamed them speaks of neither.
 */
import { dateOf, MAX_KEYS, MAX_RAW, type ConsentReader, type Subject } from './reader';

const GROUP: Readonly<Record<Subject['purpose'], string | undefined>> = {
  audience: 'C0002',
  advertising: 'C0004',
  other: undefined,
};

export const onetrustReader: ConsentReader = {
  id: 'onetrust',
  label: 'OneTrust',
  names: ['OptanonConsent'],
  source:
    'my.onetrust.com « OneTrust Cookies » (OptanonConsent: groups, datestamp); dibollinger/CookieBlock-Consent-Crawler',
  keptFor: null,
  read(value, _name, nowMs) {
    if (value.length > MAX_RAW) return null;
    const query = new URLSearchParams(value);
    const groups = query.get('groups');
    if (groups === null) return null;
    const pairs = groups.split(',').filter((pair) => pair !== '');
    if (pairs.length > MAX_KEYS) return null;
    const choices: Array<[string, boolean]> = [];
    for (const pair of pairs) {
      const found = /^(\w+):([01])$/.exec(pair);
      if (!found) return null;
      if (found[1] !== 'C0001') choices.push([found[1]!, found[2] === '1']);
    }
    const stamp = query.get('datestamp');
    return { at: stamp === null ? null : dateOf(Date.parse(stamp.replace(/\s*\(.*\)$/, '')), nowMs), choices };
  },
  says: (choices, subject) => {
    const group = GROUP[subject.purpose];
    if (group === undefined || !choices.has(group)) return undefined;
    return choices.get(group) === true ? 'accepted' : 'refused';
  },
};
