import { GVL, TCModel, TCString } from '@iabtcf/core';

/** A Global Vendor List of two vendors, enough for @iabtcf/core to encode (it refuses without one). */
const purposes = Object.fromEntries(
  Array.from({ length: 11 }, (_, i) => [
    i + 1,
    { id: i + 1, name: `Purpose ${i + 1}`, description: '', illustrations: [] },
  ]),
);
const vendor = (id: number, name: string) => ({
  id,
  name,
  purposes: [1, 7, 8, 9, 10],
  legIntPurposes: [],
  flexiblePurposes: [],
  specialPurposes: [],
  features: [],
  specialFeatures: [],
  cookieMaxAgeSeconds: 34_190_000,
  usesCookies: true,
  usesNonCookieAccess: false,
  policyUrl: '',
});
const LIST = {
  gvlSpecificationVersion: 3,
  vendorListVersion: 1,
  tcfPolicyVersion: 5,
  lastUpdated: '2026-11-01T00:00:00Z',
  purposes,
  specialPurposes: {},
  features: {},
  specialFeatures: {},
  stacks: {},
  dataCategories: {},
  vendors: { 755: vendor(755, 'Google Advertising Products'), 1: vendor(1, 'Another vendor') },
};

/** A TC string as a CMP writes it in `euconsent-v2`, encoded by the IAB's own library. */
export function aTcString(
  consents: { purposes: number[]; vendors: number[] },
  updated = new Date(Date.UTC(2026, 10, 20)),
): string {
  const model = new TCModel(new GVL(structuredClone(LIST) as never));
  model.cmpId = 10;
  model.cmpVersion = 1;
  model.purposeConsents.set(consents.purposes);
  model.vendorConsents.set(consents.vendors);
  const encoded = TCString.encode(model);
  // The encoder stamps today; the date a record gives itself is what a test asserts.
  const decoded = TCString.decode(encoded);
  decoded.lastUpdated = updated;
  decoded.created = updated;
  decoded.gvl = model.gvl;
  return TCString.encode(decoded);
}
