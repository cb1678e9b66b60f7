/**
 * Didomi (French SaaS): `didomi_token`, « vendors and purposes in the token format (JSON format) »,
 * base64-encoded, beside `euconsent-v2` for the IAB's vendors (developers.didomi.io, « Cookies and
 * storage »): `purposes.enabled` / `purposes.disabled`, `vendors.enabled` / `vendors.disabled`, and the
 * `created` / `updated` dates (their « Didomi Consent String » pages give the same fields). Purpose and
 * vendor ids are the site's configuration: only a wholesale refusal or acceptance speaks of a tracker.
 */
import { wholesale, dateOf, jsonObject, MAX_KEYS, MAX_RAW, type Choice, type ConsentReader } from './reader';

/** Ids listed as enabled or disabled; null when the part is not a pair of lists of ids. */
function listed(part: unknown, prefix: string): Array<[string, Choice]> | null {
  if (part === undefined) return [];
  if (typeof part !== 'object' || part === null) return null;
  const { enabled = [], disabled = [] } = part as { enabled?: unknown; disabled?: unknown };
  if (!Array.isArray(enabled) || !Array.isArray(disabled) || enabled.length + disabled.length > MAX_KEYS) return null;
  if (![...enabled, ...disabled].every((id) => typeof id === 'string' || typeof id === 'number')) return null;
  const both = new Set(enabled.filter((id) => disabled.includes(id)).map(String));
  return [
    ...enabled.map((id): [string, Choice] => [`${prefix}${id}`, both.has(String(id)) ? null : true]),
    ...disabled.map((id): [string, Choice] => [`${prefix}${id}`, both.has(String(id)) ? null : false]),
  ];
}

export const didomiReader: ConsentReader = {
  id: 'didomi',
  label: 'Didomi',
  names: ['didomi_token'],
  source: 'developers.didomi.io/cmp/web-sdk/consent-notice/cookies (didomi_token: JSON, base64)',
  keptFor: null,
  read(value, _name, nowMs) {
    if (value.length > MAX_RAW) return null;
    let text: string;
    try {
      text = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    } catch {
      return null;
    }
    const data = jsonObject(text);
    if (!data) return null;
    const purposes = listed(data.purposes, 'purpose:');
    const vendors = listed(data.vendors, 'vendor:');
    if (!purposes || !vendors) return null;
    return { at: dateOf(data.updated, nowMs) ?? dateOf(data.created, nowMs), choices: [...purposes, ...vendors] };
  },
  says: wholesale,
};
