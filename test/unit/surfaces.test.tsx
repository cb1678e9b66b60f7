// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { afterEach, describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/background/badge';
import type { DeclaredCookie } from '../../src/core/charte/charte';
import type { StoredCharte } from '../../src/core/charte/stored-charte';
import { builtInRules } from '../../src/core/portals/domains';
import { DAY, MINUTE, YEAR } from '../../src/core/util/duration';
import { exportReport, reportToMarkdown } from '../../src/core/report/export';
import type { SiteReport } from '../../src/core/report/site-report';
import { buildSiteReport } from '../../src/core/report/build-site-report';
import { cookieSentences } from '../../src/core/report/wording';
import { CookieRow } from '../../src/popup/CookieRow';
import { Services, type UiServices } from '../../src/ui/services';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { translatorFor } from '../helpers/translate';
import { everyCookie } from '../../src/core/report/site-report';

const NOW = Date.UTC(2026, 10, 25, 12);
const t = translatorFor('fr');
const HOST = 'data.issy.com';
const NAMES = [
  'sessionid',
  'csrftoken',
  'cookies_preferences',
  'django_language',
  '_ga',
  '_ga_X1',
  '_gid',
  '_pk_id.1.ab',
  '_pk_ses.2.cd',
  'mtm_consent',
  'atuserid',
  'acme',
  '<b>x</b>',
  'a|b*c',
];
const DECLARED = ['sessionid', 'csrftoken', '_ga', '_pk_id', '_pk_ses.*', 'acme', 'absent'];

const cookieArb = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ minLength: 1, maxLength: 12 })),
  domain: fc.constantFrom(HOST, '.issy.com', 'api.data.issy.com', '.data.issy.com'),
  expiresIn: fc.oneof(fc.constant(undefined), fc.integer({ min: -MINUTE, max: 3 * YEAR })),
});
const declaredArb: fc.Arbitrary<DeclaredCookie> = fc.record({
  name: fc.constantFrom(...DECLARED),
  provider: fc.constantFrom('', 'Opendatasoft', 'Acme'),
  purpose: fc.option(fc.constantFrom('Compte les visites', 'Sécurité'), { nil: undefined }),
  lifetime: fc.constantFrom(
    { kind: 'unknown' } as const,
    { kind: 'fixed', seconds: DAY } as const,
    { kind: 'upTo', seconds: 400 * DAY } as const,
    { kind: 'session' } as const,
  ),
});
const reportArb = fc
  .record({
    cookies: fc.array(cookieArb, { maxLength: 8 }),
    charte: fc.option(fc.array(declaredArb, { maxLength: 6 }), { nil: undefined }),
  })
  .map(({ cookies, charte }): SiteReport => {
    const observed = cookies.map(({ name, domain, expiresIn }) =>
      aCookie({
        name,
        domain,
        hostOnly: !domain.startsWith('.'),
        session: expiresIn === undefined,
        expirationDate: expiresIn === undefined ? undefined : NOW / 1000 + expiresIn,
      }),
    );
    const stored: StoredCharte | null = charte
      ? {
          cookies: charte,
          unread: [],
          cutRows: 0,
          url: `https://${HOST}/terms/cookies-policy/`,
          readAt: NOW,
          source: 'fetched',
        }
      : null;
    return buildSiteReport({ host: HOST, cookies: observed, rules: builtInRules(), nowMs: NOW, charte: stored });
  });

const services: UiServices = {
  t,
  locale: 'fr',
  send: () => Promise.reject(new Error('unused')),
  adapter: new FakeBrowser(),
  browser: 'firefox',
  now: () => NOW,
};
const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const markdownRows = (markdown: string) => {
  const html = new MarkdownIt({ html: true }).render(markdown);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.querySelectorAll('tbody tr')].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => plain(cell.textContent)),
  );
};

afterEach(cleanup);

describe('every surface says the same thing about every cookie', () => {
  it('popup row, Markdown row, JSON entry and badge agree, with or without the portal’s charte', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        const items = everyCookie(report);
        const json = exportReport(report);
        const rows = markdownRows(reportToMarkdown(report, t, 'fr'));
        expect(rows).toHaveLength(items.length);
        expect(json.cookies).toHaveLength(items.length);
        let popupAlerts = 0;

        items.forEach((item, index) => {
          const said = cookieSentences(item, t, 'fr');
          const { container, unmount } = render(
            <Services.Provider value={services}>
              <ul>
                <CookieRow
                  item={item}
                  t={t}
                  locale="fr"
                  detailsId="details"
                  Details={null}
                  open={false}
                  onToggle={() => undefined}
                  onDelete={() => undefined}
                />
              </ul>
            </Services.Provider>,
          );
          const popup = plain(container.textContent);
          const markdown = rows[index] ?? [];
          const entry = json.cookies[index];
          expect(markdown[0]).toBe(plain(item.cookie.name));
          expect(entry?.name).toBe(item.cookie.name);

          for (const sentence of [said.provider, said.purpose, said.remaining, said.lifetime]) {
            if (sentence === null) continue;
            expect(popup).toContain(plain(sentence));
            expect(markdown.join(' | ')).toContain(plain(sentence));
          }
          const shownFlags = [...container.querySelectorAll('[data-flag]')].map((el) => el.getAttribute('data-flag'));
          // « Demande votre consentement » is said once, by the consent sentence, not again as a mark.
          expect(shownFlags).toEqual(item.flags.filter((flag) => flag !== 'needsConsent' || said.consent === null));
          if (item.flags.includes('needsConsent'))
            expect(popup).toContain(plain(said.consent ?? t('flagNeedsConsent')));
          expect(entry?.flags).toEqual(item.flags);
          for (const { text } of said.flags) expect(markdown.at(-1)).toContain(plain(text));
          if (said.verdict) {
            expect(popup).toContain(plain(said.verdict.text));
            expect(markdown.at(-1)).toContain(plain(said.verdict.text));
            expect(container.querySelector('[data-verdict]')?.getAttribute('data-verdict')).toBe(item.verdict?.kind);
          }
          expect(entry?.verdict?.kind ?? null).toBe(item.verdict?.kind ?? null);
          expect(entry?.alert).toBe(item.alert);
          expect(entry?.declaration).toBe(item.declaration);
          expect(entry?.declaredLifetime?.source ?? null).toBe(item.declaredLifetime?.source ?? null);
          expect(entry?.provider?.name ?? null).toBe(item.provider?.name ?? null);
          // « Déclarée » is said only of what a charte declares.
          if (item.declaredLifetime?.source === 'vendor') expect(said.lifetime).not.toMatch(/déclarée/);
          if (container.querySelector('.alert')) popupAlerts++;
          // Until this portal's charte is read, no declaration is red.
          if (report.charte === null) expect(container.querySelector('[data-flag].alert')).toBeNull();
          unmount();
        });

        const badge = badgeFor(
          {
            kind: 'site',
            tabId: 1,
            storeId: '0',
            host: HOST,
            origin: `https://${HOST}`,
            pathname: '/',
            isPortal: true,
            access: true,
            hiddenParents: [],
            journalRefused: false,
            report,
            charteDamaged: false,
            undo: [],
            undoLost: false,
          },
          t,
        );
        expect(badge.text).toBe(items.length === 0 ? '0' : `${items.length}${popupAlerts > 0 ? '!' : ''}`);
        expect(json.summary.alerts).toBe(popupAlerts);
      }),
      { numRuns: 80 },
    );
  });
});
