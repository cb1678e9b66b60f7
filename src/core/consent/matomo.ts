/**
 * Matomo's own consent record (matomo-org/matomo `js/piwik.js`): `mtm_consent` / `mtm_cookie_consent`
 * when consent is given, holding the time in ms; `forgetConsentGiven()` deletes it and writes
 * `mtm_consent_removed`. Its name says the choice; it speaks of Matomo alone.
 */
import { dateOf, type ConsentReader } from './reader';

export const matomoReader: ConsentReader = {
  id: 'matomo',
  label: 'Matomo',
  // A withdrawal first: the order in which a page's records are heeded.
  names: ['mtm_consent_removed', 'mtm_consent', 'mtm_cookie_consent'],
  source: 'matomo-org/matomo js/piwik.js (setConsentGiven, forgetConsentGiven)',
  keptFor: null,
  read: (value, name, nowMs) => ({
    at: dateOf(Number(value), nowMs),
    choices: [['matomo', !name.endsWith('_removed')]],
  }),
  says: (choices, subject) =>
    subject.tracker === 'matomo' ? (choices.get('matomo') === true ? 'accepted' : 'refused') : undefined,
};
