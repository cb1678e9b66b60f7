import { describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';
import { BROWSERS } from './session';

describe.each(BROWSERS)('smoke, in %s', (kind) => {
  const browser = withBrowser(kind);

  it('loads the extension, sees a portal’s cookies and explains them in the popup', async () => {
    const portal = await browser.session.visit('https://data.issy.com/');
    const names = await browser.session.ext(async (api) => (await api.cookies.getAll({ domain: 'data.issy.com' })).map((c) => c.name).sort(), null);
    expect(names).toEqual(['cookies_preferences', 'csrftoken', 'django_language', 'sessionid']);

    const tabId = await browser.session.tabIdOf(portal.url());
    await expect.poll(() => browser.session.ext((api, id) => api.action.getBadgeText({ tabId: id }), tabId)).toBe('4');

    const popup = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitFor('.cookie');
    expect(await popup.text('.site-host')).toBe('data.issy.com');
    expect(await popup.text('.portal-status')).toBe('Portail Opendatasoft reconnu');
  });
});
