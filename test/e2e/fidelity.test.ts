import { describe, expect, it } from 'vitest';
import { withBrowser } from './lifecycle';
import { BROWSERS, type JarCookie, type Session } from './session';

const PORTAL = 'data.issy.com';
/** Every address of the site a visitor reaches: both schemes, a deep path, a subdomain. */
const SITE_URLS = [
  `https://${PORTAL}/`,
  `https://${PORTAL}/explore/dataset/x/`,
  `http://${PORTAL}/`,
  `https://www.${PORTAL}/`,
];
const HOUR = 'Max-Age=3600';

/** The matrix: each cookie set by the server of the page it names, the way real sites set them. */
const MATRIX: Array<{ page: string; cookies: string[] }> = [
  {
    page: `https://${PORTAL}/`,
    cookies: [
      `fid_host=1; Path=/; ${HOUR}; Secure`,
      `fid_domain=1; Domain=${PORTAL}; Path=/; ${HOUR}; Secure`,
      `fid_parent=1; Domain=issy.com; Path=/; ${HOUR}; Secure`,
      `_ga=GA1.1.9.9; Domain=issy.com; Path=/; Max-Age=34560000; Secure; SameSite=Lax`,
      `fid_deep=1; Path=/explore; ${HOUR}; Secure`,
      `fid_lax=1; Path=/; ${HOUR}; Secure; SameSite=Lax`,
      `fid_strict=1; Path=/; ${HOUR}; Secure; SameSite=Strict`,
      `fid_none=1; Path=/; ${HOUR}; Secure; SameSite=None`,
      'fid_session=1; Path=/; Secure',
      `fid_httponly=1; Path=/; ${HOUR}; Secure; HttpOnly`,
      `__Host-fid=1; Path=/; ${HOUR}; Secure`,
      `__Secure-fid=1; Path=/; ${HOUR}; Secure`,
      `fid_chips=1; Path=/; ${HOUR}; Secure; SameSite=None; Partitioned`,
    ],
  },
  { page: `http://${PORTAL}/`, cookies: [`fid_plain=1; Path=/; ${HOUR}`] },
  { page: `https://www.${PORTAL}/`, cookies: [`fid_sub=1; Path=/; ${HOUR}; Secure`] },
  // Never sent to the portal: the city's own host-only cookie, another subdomain's.
  { page: 'https://issy.com/', cookies: [`fid_city_only=1; Path=/; ${HOUR}; Secure`] },
  { page: 'https://www.issy.com/', cookies: [`fid_www=1; Path=/; ${HOUR}; Secure`] },
];

async function setMatrix(session: Session): Promise<void> {
  for (const { page, cookies } of MATRIX) {
    const tab = await session.visit(page);
    const query = new URLSearchParams(cookies.map((c) => ['c', c])).toString();
    await tab.evaluate(async (q) => void (await fetch(`/demo/set-cookies?${q}`, { credentials: 'include' })), query);
    await tab.close();
  }
  // The portal embedded in another site: its partitioned cookie belongs to that site's partition.
  const other = await session.visit('https://www.example.org/');
  await other.evaluate(
    async (src) => void (await fetch(src, { credentials: 'include', mode: 'no-cors' })),
    `https://${PORTAL}/demo/set-cookies?c=${encodeURIComponent(
      `fid_chips_elsewhere=1; Path=/; ${HOUR}; Secure; SameSite=None; Partitioned`,
    )}`,
  );
  await other.close();
}

const names = (cookies: Array<{ name: string }>) => cookies.map((c) => c.name).sort();
/** The site's own cookies: the one set while embedded elsewhere lives in that other site's partition. */
const ofSite = (c: JarCookie) => c.domain.replace(/^\./, '').endsWith(PORTAL) && c.name !== 'fid_chips_elsewhere';

describe.each(BROWSERS)('the popup lists exactly what the browser sends to the portal, in %s', (kind) => {
  const browser = withBrowser(kind);

  // First, on a fresh profile: the smoke test (the four cookies of a portal, nothing else yet).
  it('loads the extension, sees a portal’s cookies and explains them in the popup', async () => {
    const portal = await browser.session.visit('https://data.issy.com/');
    const names = await browser.session.ext(
      async (api) => (await api.cookies.getAll({ domain: 'data.issy.com' })).map((c) => c.name).sort(),
      null,
    );
    expect(names).toEqual(['cookies_preferences', 'csrftoken', 'django_language', 'sessionid']);

    const tabId = await browser.session.tabIdOf(portal.url());
    await expect.poll(() => browser.session.ext((api, id) => api.action.getBadgeText({ tabId: id }), tabId)).toBe('4');

    const popup = await browser.session.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitFor('.cookie');
    expect(await popup.text('.site-host')).toBe('data.issy.com');
    expect(await popup.text('.portal-status')).toBe('Portail Opendatasoft reconnu');
  });

  it(
    'for every kind of cookie around a portal, ' +
      'then clears the site’s own and leaves every other cookie byte-identical',
    async () => {
      const { session } = browser;
      const portal = await session.visit(`https://${PORTAL}/`);
      await setMatrix(session);
      const popup = await session.openExtensionPage(`popup.html?tab=${await session.tabIdOf(portal.url())}`);
      await popup.waitFor('[data-cookie="fid_sub"]');

      const sent = await session.sentTo(SITE_URLS);
      const listed = await popup.evaluate(
        () => [...document.querySelectorAll('.cookie')].map((row) => ({ name: row.getAttribute('data-cookie') ?? '' })),
        null,
      );
      const shared = await popup.evaluate(
        () =>
          [...document.querySelectorAll('[data-group="shared"] .cookie')]
            .map((row) => row.getAttribute('data-cookie'))
            .sort(),
        null,
      );
      console.log(
        `${kind}: ${listed.length} listed, ${sent.length} sent; ${MATRIX.flatMap((m) => m.cookies)
          .map((c) => c.split('=')[0])
          .map((name) => {
            const mark = (found: ReadonlyArray<{ name: string }>, letter: string) =>
              found.some((cookie) => cookie.name === name) ? letter : '-';
            return `${name} ${mark(listed, 'L')}${mark(sent, 'S')}`;
          })
          .join(', ')}`,
      );
      expect(names(listed)).toEqual(names(sent));
      expect(shared).toEqual(['_ga', 'fid_parent']);
      expect(names(listed)).not.toContain('fid_city_only');
      if (kind === 'chromium') {
        // `*://issy.com/*` shows the cookies of issy.com itself, and none of its other subdomains'.
        const seenByExtension = (domain: string) =>
          session.ext(
            async (api, d) =>
              (await api.cookies.getAll({ domain: d }))
                .filter((c) => c.domain.replace(/^\./, '') === d)
                .map((c) => c.name)
                .sort(),
            domain,
          );
        expect(await seenByExtension('www.issy.com')).toEqual([]);
        expect(await seenByExtension('issy.com')).toEqual(['_ga', 'fid_city_only', 'fid_parent']);
      }
      expect(names(listed)).not.toContain('fid_chips_elsewhere');

      const before = await session.allCookies();
      await popup.click('.clear-site');
      await popup.click('.confirm-clear');
      await popup.waitForText('.outcome', 'Supprimés (');
      expect(names(await session.sentTo(SITE_URLS))).toEqual(['_ga', 'fid_parent']);
      const after = await session.allCookies();
      expect(after.filter(ofSite)).toEqual([]);
      expect(after).toEqual(before.filter((c) => !ofSite(c)));
      expect(after.some((c) => c.name === 'fid_chips_elsewhere')).toBe(true);
    },
  );
});
