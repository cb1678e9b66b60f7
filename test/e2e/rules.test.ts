import { describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';
import { closedAfterEach } from './open';
import { BROWSERS } from './session';

// « Conformité (CNIL) » in the real popup: the same rules the reports carry, judged from this visit.
describe.each(BROWSERS)('the popup’s « Conformité (CNIL) », in %s', (kind) => {
  const browser = withBrowser(kind);
  const { openPortal } = closedAfterEach(browser);

  it('fails « no tracker before your choice » on a portal that sets Google Analytics on arrival, naming the cookie', async () => {
    const { popup } = await openPortal('arrivee-demo.opendatasoft.com');
    await popup.waitForText('[data-rule="consent-before-trackers"]', 'non respectée');
    expect(await popup.text('[data-rule="consent-before-trackers"]')).toContain('Cookies : _ga');
    expect(await popup.text('[data-rule="refuse-as-easy"]')).toContain('impossible de juger : visite contrôlée nécessaire');
  });

  it('passes it on a portal that waits for the visitor’s acceptance', async () => {
    const { portal, popup } = await openPortal('consent-demo.opendatasoft.com');
    await portal.click('#accept-all');
    await popup.waitForText('[data-cookie="_ga"] .verdict', 'Autorisé par votre choix du');
    await popup.waitForText('[data-rule="consent-before-trackers"]', 'respectée');
    expect(await popup.evaluate(() => document.querySelector('[data-rule="consent-before-trackers"]')?.getAttribute('data-status'), null)).toBe('pass');
  });
});
