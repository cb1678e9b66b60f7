/**
 * Orejime (boscop-fr/orejime 3.2.1, BSD-3; its DSFR theme is the French government's) and Klaro
 * (kiprotect/klaro, BSD-3), of which Orejime is a fork: one cookie, `eu-consent` and `klaro` by
 * default, JSON `{ "<purpose or service id>": true|false }` (Orejime's `dist/orejime-*.js`: cookie
 * written with `JSON.stringify`, 120 days, SameSite Strict). The ids are the site's own words, so only
 * a record that refuses (or accepts) everything speaks of a given tracker; a partial one cannot say.
 */
import { booleanChoices, wholesale, decoded, jsonObject, type ConsentReader, type Reading } from './reader';

function readJsonChoices(value: string): Reading | null {
  // js-cookie encodes what a cookie cannot hold (`{%22purpose%22:false}`); a value written by hand may be plain JSON.
  const data = jsonObject(decoded(value)) ?? jsonObject(value);
  return data && { at: null, choices: booleanChoices(data) };
}

export const orejimeReader: ConsentReader = {
  id: 'orejime',
  label: 'Orejime',
  names: ['eu-consent'],
  source:
    'boscop-fr/orejime 3.2.1 dist/orejime-standard-fr.js, dist/orejime-dsfr-fr.js ' +
    '(cookie « eu-consent », JSON by purpose id)',
  keptFor: 120 * 86_400,
  read: readJsonChoices,
  says: wholesale,
};

export const klaroReader: ConsentReader = {
  id: 'klaro',
  label: 'Klaro',
  names: ['klaro'],
  source: 'kiprotect/klaro src/consent-manager.js (cookie « klaro », JSON by service name)',
  keptFor: null,
  read: readJsonChoices,
  says: wholesale,
};
