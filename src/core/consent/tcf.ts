/**
 * IAB TCF v2.2 (`euconsent-v2`, the TC string many managers write beside their own record), read by `tc-string.ts`
 * (held to the IAB's own @iabtcf/core by the tests). Purpose 1 is « store and/or access information on a
 * device »: refused, no tracker may be written at all. Otherwise a tracker is judged by its vendor's
 * consent, for the vendors whose Global Vendor List id is known (Google: 755); the measurement
 * purposes 7–10 are kept with the record, for what it says of audience measurement.
 */
import { readTcString } from './tc-string';
import type { Tracker } from './trackers';
import { dateOf, MAX_RAW, type Choice, type ConsentReader } from './reader';

/** Global Vendor List ids of the trackers we know (vendor-list.consensu.org: Google Advertising Products is 755). */
const VENDOR_OF: Partial<Record<Tracker, number>> = { ga: 755 };
const PURPOSES = [1, 7, 8, 9, 10];

export const tcfReader: ConsentReader = {
  id: 'tcf',
  label: 'IAB TCF',
  names: ['euconsent-v2'],
  source: 'IAB Tech Lab TCF v2.2 (Consent string and vendor list formats), core segment',
  keptFor: null,
  read(value, _name, nowMs) {
    if (value.length > MAX_RAW || !/^[\w.-]+$/.test(value)) return null;
    const model = readTcString(value);
    if (model === null) return null;
    const choices: Array<[string, Choice]> = PURPOSES.map((id) => [`purpose${id}`, model.purposes.has(id)]);
    for (const vendor of Object.values(VENDOR_OF)) choices.push([`vendor${vendor}`, model.vendor(vendor)]);
    return { at: dateOf(model.lastUpdated, nowMs), choices };
  },
  says(choices, subject) {
    if (choices.get('purpose1') === false) return 'refused';
    const vendor = VENDOR_OF[subject.tracker];
    if (vendor === undefined || !choices.has(`vendor${vendor}`)) return undefined;
    return choices.get(`vendor${vendor}`) === true && choices.get('purpose1') === true ? 'accepted' : 'refused';
  },
};
