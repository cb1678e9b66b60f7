import { describe, expect, it } from 'vitest';
import { retryAfterMs, samePortal } from '../../src/audit/navigation';
import { webAddress } from '../../src/core/util/web-address';

describe('where the audit may go, decided in Node', () => {
  it('follows a redirect between names of the same portal, and no other', () => {
    expect(samePortal('ville.opendatasoft.com', 'data.ville.fr')).toBe(true);
    expect(samePortal('ville.huwise.com', 'data.ville.fr')).toBe(true);
    expect(samePortal('data.ville.fr', 'www.data.ville.fr')).toBe(true);
    expect(samePortal('data.ville.fr', 'www.ville.fr')).toBe(false);
    expect(samePortal('data.ville.fr', 'evil.opendatasoft.com.attacker.fr')).toBe(false);
    expect(samePortal('opendatasoft.com.attacker.fr', 'data.ville.fr')).toBe(false);
  });

  it('opens only http(s) addresses, whatever a page writes as a link', () => {
    const base = 'https://data.ville.fr/explore/';
    expect(webAddress('../pages/a-propos/', base)?.href).toBe('https://data.ville.fr/pages/a-propos/');
    for (const hostile of [
      'file:///etc/shadow',
      'chrome://version/',
      'javascript:alert(1)',
      'data:text/html,x',
      'http://[::1',
      'view-source:https://data.ville.fr/',
    ])
      expect(webAddress(hostile, base)).toBeNull();
  });

  it('reads Retry-After as seconds or as a date, and nothing else', () => {
    const now = Date.UTC(2026, 11, 3, 6);
    expect(retryAfterMs('1', now)).toBe(1000);
    expect(retryAfterMs(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});
