import fc from 'fast-check';
import { anyText } from '../helpers/any-text';
import { describe, expect, it } from 'vitest';
import {
  builtInRules,
  matchesPattern,
  neededByOthers,
  normaliseHost,
  parentDomains,
  parentsUpTo,
  type PortalRule,
} from '../../src/core/portals/domains';
import { indexPortals, isPortalHost } from '../../src/core/portals/portal-index';
import { cookieKey, cookieOfKey } from '../../src/core/cookies/cookie';
import { aCookie } from '../helpers/cookies';

const rules = builtInRules();

describe('host normalisation', () => {
  it.each([
    ['Data.Issy.COM', 'data.issy.com'],
    ['data.issy.com.', 'data.issy.com'],
    ['  data.issy.com ', 'data.issy.com'],
    ['data.ville-évry.fr', 'data.xn--ville-vry-g4a.fr'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseHost(input)).toBe(expected);
  });

  it.each(['', '   ', 'a b.fr', 'http://x.fr/', 'user@x.fr', 'x.fr:8080', '..'])('refuses « %s »', (input) => {
    expect(normaliseHost(input)).toBeNull();
  });

  it('never throws, and what it returns is stable and lower case', () => {
    fc.assert(
      fc.property(anyText(80), (input) => {
        const host = normaliseHost(input);
        if (host !== null) {
          expect(host).toBe(host.toLowerCase());
          expect(normaliseHost(host)).toBe(host);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('portal recognition', () => {
  it.each([
    ['aix-en-provence.opendatasoft.com', true],
    ['valenciennesmetro.opendatasoft.com', true],
    ['public.huwise.com', true],
    ['DATA.ISSY.COM.', true],
    ['data.ville-soissons.fr', true],
    ['www.opendatasoft.com', false],
    ['opendatasoft.com', false],
    ['www.example.org', false],
    ['issy.com', false],
    ['evil-opendatasoft.com', false],
  ])('%s is a portal: %s', (host, expected) => {
    expect(isPortalHost(host, rules)).toBe(expected);
  });

  it('knows domains the user added, and forgets those switched off', () => {
    const mine = [...rules, { pattern: 'data.exemple.fr', enabled: true, builtIn: false }];
    expect(isPortalHost('data.exemple.fr', mine)).toBe(true);
    const off = rules.map((rule) => (rule.pattern === 'data.issy.com' ? { ...rule, enabled: false } : rule));
    expect(isPortalHost('data.issy.com', off)).toBe(false);
  });

  it('lists the parent domains whose cookies reach a host, never the TLD', () => {
    expect(parentDomains('data.issy.com')).toEqual(['issy.com']);
    expect(parentDomains('a.b.opendatasoft.com')).toEqual(['b.opendatasoft.com', 'opendatasoft.com']);
  });
});

describe('host permissions still needed by other portals', () => {
  const rule = (pattern: string, enabled = true) => ({ pattern, enabled, builtIn: false });
  it.each([
    ['data.exemple.fr', [rule('*.exemple.fr')], true],
    ['data.exemple.fr', [rule('*.exemple.fr', false)], false],
    ['data.exemple.fr', [rule('data.autre.fr')], false],
    ['*.exemple.fr', [rule('*.exemple.fr')], true],
    ['*.a.exemple.fr', [rule('*.exemple.fr')], true],
    ['*.exemple.fr', [rule('data.exemple.fr')], false],
  ])('%s with %j: %s', (pattern, others, expected) => {
    expect(neededByOthers(pattern, others)).toBe(expected);
  });
});

describe('the portal index', () => {
  // The oracle: every rule scanned in order, as the extension did before it had an index.
  const scanRuleOf = (host: string, rules: PortalRule[]) =>
    rules.find(
      (rule) =>
        rule.enabled &&
        matchesPattern(normaliseHost(host) ?? '', rule.pattern) &&
        !['www.opendatasoft.com', 'www.huwise.com'].includes(normaliseHost(host) ?? ''),
    );
  const scanReaches = (host: string, rules: PortalRule[]) =>
    scanRuleOf(host, rules) !== undefined ||
    rules.some((rule) => {
      if (!rule.enabled) return false;
      const ruleHost = rule.pattern.replace(/^\*\./, '');
      return (
        parentsUpTo(ruleHost, rule.site).includes(host) ||
        (rule.pattern.startsWith('*.') && host === ruleHost) ||
        host.endsWith(`.${ruleHost}`)
      );
    });
  const label = fc.constantFrom('data', 'www', 'ville', 'issy', 'a', 'opendatasoft', 'huwise', 'fr', 'com');
  const hostArb = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
  const ruleArb = fc.record({
    pattern: fc.oneof(
      hostArb,
      hostArb.map((host) => `*.${host}`),
    ),
    enabled: fc.boolean(),
    builtIn: fc.constant(false),
    site: fc.option(hostArb, { nil: undefined }),
  });

  it('answers what a scan of every rule answers: which rule makes a host a portal, and which cookies reach one', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 12 }),
        fc.array(hostArb, { minLength: 1, maxLength: 8 }),
        (custom, hosts) => {
          const rules: PortalRule[] = [...builtInRules(), ...custom];
          const index = indexPortals(rules);
          for (const host of hosts) {
            expect(index.ruleOf(host)).toBe(scanRuleOf(host, rules));
            expect(index.reaches(host)).toBe(scanReaches(host, rules));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a cookie slot’s key', () => {
  it('names one slot and gives it back: the journal’s key of a removed cookie is read as the same slot', () => {
    const field = fc.string({ minLength: 0, maxLength: 12 }).filter((text) => !text.includes('\0'));
    fc.assert(
      fc.property(field, field, field, field, field, field, (storeId, domain, path, name, site, firstParty) => {
        const cookie = aCookie({
          storeId,
          domain,
          path,
          name,
          ...(site ? { partitionKey: { topLevelSite: site } } : {}),
          ...(firstParty ? { firstPartyDomain: firstParty } : {}),
        });
        expect(cookieKey(cookieOfKey(cookieKey(cookie)))).toBe(cookieKey(cookie));
      }),
    );
  });
});
