import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInRules, isPortalHost, neededByOthers, normaliseHost, parentDomains } from '../../src/core/domains';

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
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
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

