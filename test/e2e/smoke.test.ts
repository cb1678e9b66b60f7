import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from './demo';
import { BROWSERS, startSession, type Session } from './session';

describe.each(BROWSERS)('smoke, in %s', (kind) => {
  let server: DemoServer;
  let session: Session;

  beforeAll(async () => {
    server = await startDemoServer();
    session = await startSession(kind, server);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('loads the extension, sees a portal’s cookies and explains them in the popup', async () => {
    const portal = await session.visit('https://data.issy.com/');
    const names = await session.ext(async (api) => (await api.cookies.getAll({ domain: 'data.issy.com' })).map((c) => c.name).sort(), null);
    expect(names).toEqual(['cookies_preferences', 'csrftoken', 'django_language', 'sessionid']);

    const tabId = await session.tabIdOf(portal.url());
    await expect.poll(() => session.ext((api, id) => api.action.getBadgeText({ tabId: id }), tabId)).toBe('4');

    const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitFor('.cookie');
    expect(await popup.text('.site-host')).toBe('data.issy.com');
    expect(await popup.text('.portal-status')).toBe('Portail Opendatasoft reconnu');
  });
});
