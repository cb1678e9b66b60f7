import { GVL, TCModel, TCString } from '@iabtcf/core';

/**
 * A Global Vendor List of vendors 1 to 1 000 and Google (755), enough for @iabtcf/core to encode (it refuses without
 * one) any choice of them, as a bit field or as ranges, whichever is shorter.
 */
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
export const MAX_VENDOR = 1_000;
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
  vendors: Object.fromEntries(
    Array.from({ length: MAX_VENDOR }, (_, i) => [i + 1, vendor(i + 1, i + 1 === 755 ? 'Google' : `Vendor ${i + 1}`)]),
  ),
};

const LIST_GVL = new GVL(structuredClone(LIST) as never);

/** A TC string as a CMP writes it in `euconsent-v2`, encoded by the IAB's own library. */
export function aTcString(
  consents: { purposes: number[]; vendors: number[] },
  updated = new Date(Date.UTC(2026, 10, 20)),
): string {
  const model = new TCModel(LIST_GVL);
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

/** What the IAB's own library reads in a TC string: the reference a reader is held to. */
export function iabReading(value: string) {
  const model = TCString.decode(value);
  return {
    lastUpdated: model.lastUpdated.getTime(),
    purposes: (id: number) => model.purposeConsents.has(id),
    vendor: (id: number) => model.vendorConsents.has(id),
  };
}
