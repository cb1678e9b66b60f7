import { describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';
import { closedAfterEach } from './open';
import { BROWSERS } from './session';

describe.each(BROWSERS)('the visitor’s choice, in %s', (kind) => {
  const browser = withBrowser(kind);
  const { openPortal, badge } = closedAfterEach(browser);

  it('refuse, then the portal sets _ga all the same: « Déposé malgré votre refus », and the badge says « ! »', async () => {
    const { portal, popup, tabId } = await openPortal('sans-refus-demo.opendatasoft.com');
    await portal.click('#refuse-all');
    await popup.waitForText('.consent-choices', 'Google Analytics : refusé le');
    // This portal's Google Analytics writes _ga 1.5 s after the refusal.
    await popup.waitForText('[data-cookie="_ga"] .verdict', 'Déposé malgré votre refus du');
    expect(await popup.evaluate(() => document.querySelector('[data-cookie="_ga"] .verdict')?.classList.contains('alert'), null)).toBe(true);
    await expect.poll(() => badge(tabId)).toMatch(/!$/);
    await popup.waitForText('[data-cookie="_pk_ses.1.d3m0"] .verdict', 'malgré votre refus');
  });

  it('accept: « Autorisé par votre choix du … »', async () => {
    const { portal, popup } = await openPortal('consent-demo.opendatasoft.com');
    expect(await popup.evaluate(() => document.querySelector('[data-cookie="_ga"]'), null)).toBeNull();
    await portal.click('#accept-all');
    await popup.waitForText('[data-cookie="_ga"] .verdict', 'Autorisé par votre choix du');
    await popup.waitForText('.consent-choices', 'Google Analytics : accepté le');
  });

  it('_gid set on arrival with no choice recorded: « Déposé avant tout choix », on the timeline after the arrival', async () => {
    const { popup } = await openPortal('arrivee-demo.opendatasoft.com');
    await popup.waitForText('[data-cookie="_gid"] .verdict', 'Déposé avant tout choix');
    expect(await popup.text('.consent-choices')).toContain('Aucun choix enregistré sur ce portail.');
    await popup.waitForText('.moments', '_gid déposé');
    // Set by the page's own script, within the second of the arrival: « au début ».
    await popup.waitForText('.moments', 'arrivée sur le portail');
  });

  it('an unreadable record: every cookie still explained, the choice said unreadable', async () => {
    const { portal, popup } = await openPortal('data.ville-soissons.fr');
    await portal.evaluate(() => {
      document.cookie = 'cookies_preferences=%%%{not json; Path=/; Secure';
      document.cookie = '_ga=GA1.1.5.5; Max-Age=3600; Path=/; Secure';
    }, null);
    await popup.waitForText('.consent-choices', 'Votre choix enregistré est illisible');
    await popup.waitForText('[data-cookie="_ga"] .verdict', 'Choix illisible');
    expect(await popup.evaluate(() => document.querySelectorAll('.cookie .purpose').length, null)).toBe(5);
  });

  it('keeps the timeline when the background stops and starts again', async () => {
    const { portal, popup, tabId } = await openPortal('reprise-demo.opendatasoft.com');
    // This portal writes each cookie once, on arrival; first appearances are written to the journal at once.
    for (const moment of ['arrivée sur le portail', '_ga déposé', '_gid déposé']) await popup.waitForText('.moments', moment);
    const before = await popup.text('.moments');
    await popup.close();
    await browser.session.stopBackground();
    const again = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
    await again.waitFor('.moments');
    expect(await again.text('.moments')).toBe(before);
    // The restarted background goes on keeping the journal.
    await portal.evaluate(() => void (document.cookie = '_gat=1; Max-Age=60; Path=/; Secure'), null);
    await again.waitForText('.moments', '_gat déposé');
  });
});
