// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/preact';
import { startBackground } from '../../src/background/background';
import { Services, type UiServices } from '../../src/ui/services';
import { translatorFor } from '../helpers/translate';
import { DAY, WEEK, YEAR } from '../../src/core/util/duration';
import { App } from '../../src/popup/App';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { directSend, popupDrawn, renderWithServices } from '../helpers/render';

const NOW = Date.UTC(2026, 10, 25, 12);
const at = (seconds: number) => NOW / 1000 + seconds;

function portalBrowser() {
  const browser = new FakeBrowser(
    [
      aCookie({ name: 'sessionid', httpOnly: true, expirationDate: at(13 * DAY) }),
      aCookie({ name: 'csrftoken', expirationDate: at(52 * WEEK), partitionKey: { topLevelSite: 'https://issy.com' } }),
      aCookie({ name: 'cookies_preferences', expirationDate: at(182 * DAY) }),
      aCookie({ name: 'django_language', expirationDate: at(365 * DAY) }),
      aCookie({ name: 'shared', domain: '.issy.com', hostOnly: false, expirationDate: at(DAY) }),
    ],
    ['data.issy.com', 'issy.com'],
  );
  browser.tabs.set(3, { id: 3, url: 'https://data.issy.com/explore/', storeId: '0' });
  return browser;
}

const rowOf = (name: string) => document.querySelector(`[data-cookie="${CSS.escape(name)}"]`) as HTMLElement;

afterEach(cleanup);

describe('the popup on a portal', () => {
  it('shows the host, the portal status and every cookie explained in French', async () => {
    renderWithServices(<App tabId={3} inTab={false} />, portalBrowser(), NOW);
    await popupDrawn('data.issy.com');
    expect(screen.getByText('Portail Opendatasoft reconnu')).toBeTruthy();
    expect(document.querySelector('.cookie-count')?.textContent).toContain('5 cookies');
    const session = within(rowOf('sessionid'));
    expect(session.getByText(/Vous garde connecté/)).toBeTruthy();
    expect(session.getByText('Déposé par Opendatasoft')).toBeTruthy();
    expect(rowOf('sessionid').textContent?.replace(/\s/g, ' ')).toContain(
      "Durée déclarée par la charte type d'Opendatasoft : 2 semaines",
    );
    expect(rowOf('sessionid').textContent?.replace(/\s/g, ' ')).toContain('Expire dans 13 jours');
    expect(within(rowOf('shared')).getByText('Partagé avec issy.com et ses autres sites')).toBeTruthy();
    expect(rowOf('shared').closest('[data-group]')?.getAttribute('data-group')).toBe('shared');
    expect(screen.getByText(/Ces cookies appartiennent à issy.com/)).toBeTruthy();
  });

  it('runs nothing in the page of a known portal', async () => {
    const browser = portalBrowser();
    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    // Once the rows are drawn the popup has decided whether to read the page: it reads nothing.
    await screen.findByText(/Vous garde connecté/);
    expect(browser.ranIn).toEqual([]);
  });

  it('shows a cookie the site sets while the popup is open, flagged as undeclared', async () => {
    const browser = portalBrowser();
    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    await popupDrawn('data.issy.com');
    browser.siteSets(aCookie({ name: '_ga', expirationDate: at(2 * YEAR) }));
    await waitFor(() => expect(rowOf('_ga')).toBeTruthy());
    const ga = within(rowOf('_ga'));
    expect(ga.getByText('Déposé par Google Analytics')).toBeTruthy();
    const absent = ga.getByText("Absent de la charte type d'Opendatasoft : comparez avec la charte de ce portail");
    expect(absent.classList.contains('alert')).toBe(false);
    expect(ga.queryByText(/Non déclaré/)).toBeNull();
    expect(rowOf('_ga').textContent?.replace(/\s/g, ' ')).toContain('Durée habituelle selon Google Analytics : 2 ans');
    expect(ga.getByText('Au-delà de 13 mois (plafond CNIL)')).toBeTruthy();
    expect(screen.getByText("Mesure d'audience")).toBeTruthy();
  });

  it('renders a hostile cookie name and value as text only', async () => {
    const browser = portalBrowser();
    const hostile = '<img src=x onerror=alert(1)>';
    browser.siteSets(aCookie({ name: hostile, value: '<script>alert(2)</script>' }));
    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    await waitFor(() => expect(rowOf(hostile)).toBeTruthy());
    fireEvent.click(within(rowOf(hostile)).getByRole('button', { name: `Détails techniques de ${hostile}` }));
    fireEvent.click(await screen.findByText('Afficher la valeur'));
    expect(screen.getByText('<script>alert(2)</script>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('main script')).toBeNull();
  });

  it('keeps the value hidden until asked for', async () => {
    renderWithServices(<App tabId={3} inTab={false} />, portalBrowser(), NOW);
    await popupDrawn('data.issy.com');
    const toggle = within(rowOf('csrftoken')).getByRole('button', { name: 'Détails techniques de csrftoken' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(rowOf('csrftoken')).queryByText('v')).toBeNull();
    expect(
      await within(rowOf('csrftoken')).findByText('Réservé à ce site quand il est intégré dans issy.com.'),
    ).toBeTruthy();
    expect(within(rowOf('csrftoken')).getByText('fenêtre normale')).toBeTruthy();
    fireEvent.click(within(rowOf('csrftoken')).getByText('Afficher la valeur'));
    expect(within(rowOf('csrftoken')).getByText('v')).toBeTruthy();
  });

  it('says what clearing will do, clears the site but not the shared cookie, and undoes it', async () => {
    const browser = portalBrowser();
    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    await popupDrawn('data.issy.com');
    fireEvent.click(screen.getByText('Effacer les cookies de ce site'));
    expect(screen.getByText('Effacer les cookies de data.issy.com (4) ?')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Effacer'));
    expect(screen.getByText('Vous serez déconnecté du portail.')).toBeTruthy();
    expect(screen.getByText('La langue choisie sera oubliée.')).toBeTruthy();
    fireEvent.click(screen.getByText('Effacer'));
    await screen.findByText('Supprimés (4) : cookies_preferences, csrftoken, sessionid, django_language.');
    expect(browser.all().map((c) => c.name)).toEqual(['shared']);
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe(
        'Annuler la suppression de cookies_preferences, csrftoken, sessionid, django_language',
      ),
    );

    fireEvent.click(document.activeElement as HTMLElement);
    await screen.findByText('Rétablis (4) : cookies_preferences, csrftoken, sessionid, django_language.');
    expect(browser.all()).toHaveLength(5);
    await waitFor(() => expect(document.querySelector('.undo-history')).toBeNull());
  });

  it('gives keyboard focus back to the clear button when the user cancels', async () => {
    renderWithServices(<App tabId={3} inTab={false} />, portalBrowser(), NOW);
    fireEvent.click(await screen.findByText('Effacer les cookies de ce site'));
    fireEvent.click(await screen.findByText('Annuler'));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Effacer les cookies de ce site'));
  });

  it('clears the shared cookie too when the user ticks it', async () => {
    const browser = portalBrowser();
    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    await popupDrawn('data.issy.com');
    fireEvent.click(screen.getByText('Effacer les cookies de ce site'));
    fireEvent.click(screen.getByLabelText(/Effacer aussi les cookies partagés avec issy.com/));
    fireEvent.click(screen.getByText('Effacer'));
    await screen.findByText(/^Supprimés \(5\) : /);
    expect(browser.all()).toEqual([]);
  });

  it('keeps every removal in a history, newest first, each undoable, also after the popup is reopened', async () => {
    const browser = portalBrowser();
    const first = renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    await popupDrawn('data.issy.com');
    fireEvent.click(within(rowOf('csrftoken')).getByRole('button', { name: 'Supprimer le cookie csrftoken' }));
    await screen.findByText('Supprimés (1) : csrftoken.');
    await waitFor(() => expect(rowOf('django_language')).toBeTruthy());
    fireEvent.click(
      within(rowOf('django_language')).getByRole('button', { name: 'Supprimer le cookie django_language' }),
    );
    await screen.findByText('Supprimés (1) : django_language.');
    first.unmount();
    // the background's alone: its watcher (cookies, tabs, storage, permissions), its memory (storage, session removals,
    // permissions) and its mirror of the jar (cookies, permissions)
    expect(browser.listenerCount()).toBe(9);

    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    await screen.findByText('Suppressions à annuler');
    const buttons = () =>
      [...document.querySelectorAll('.undo-history button')].map((b) => b.getAttribute('aria-label'));
    expect(buttons()).toEqual(['Annuler la suppression de django_language', 'Annuler la suppression de csrftoken']);
    fireEvent.click(screen.getByLabelText('Annuler la suppression de csrftoken'));
    await screen.findByText('Rétablis (1) : csrftoken.');
    await waitFor(() => expect(buttons()).toEqual(['Annuler la suppression de django_language']));
    expect(
      browser
        .all()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['cookies_preferences', 'csrftoken', 'sessionid', 'shared']);
  });

  it(
    'follows the journal, not each cookie; storage full: still shows each cookie the portal sets, ' +
      'says the journal is no longer kept, and follows the cookies themselves',
    async () => {
      const browser = portalBrowser();
      renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
      await popupDrawn('data.issy.com');
      // The background's two (its watcher, its mirror of the jar): a storm of cookie writes is not delivered to the
      // popup.
      expect(browser.cookieListenerCount).toBe(2);
      browser.sessionQuota = 0;
      browser.siteSets(aCookie({ name: '_pk_id.1.d3m0', value: 'a.1' }));
      await waitFor(() => expect(rowOf('_pk_id.1.d3m0')).toBeTruthy());
      await screen.findByText(
        /Le stockage de l'extension est plein : les derniers dépôts de cookies n'y sont plus notés/,
      );
      await waitFor(() => expect(browser.cookieListenerCount).toBe(3));
      browser.siteSets(aCookie({ name: '_pk_ses.1.d3m0', value: '1' }));
      await waitFor(() => expect(rowOf('_pk_ses.1.d3m0')).toBeTruthy(), { timeout: 1_000 });

      // Room again: the journal takes what it missed, and the warning goes.
      browser.sessionQuota = Infinity;
      browser.siteSets(aCookie({ name: '_pk_ref.1.d3m0', value: '1' }));
      await waitFor(() => expect(document.querySelector('.journal-refused')).toBeNull());
      expect(rowOf('_pk_ref.1.d3m0')).toBeTruthy();
    },
  );

  it(
    'never goes back to an older view, nor shows an older question’s failure, ' + 'whatever order the answers come in',
    async () => {
      const browser = portalBrowser();
      // A clock that runs: the journal's later writes wait on it.
      const started = Date.now();
      const now = () => NOW + Date.now() - started;
      const background = startBackground(browser, translatorFor('fr'), now);
      const send = directSend(background.handlers);
      // Views asked while holding are answered only when the test says, and as it says: the view, or a failure.
      let holding = false;
      const held: Array<{ built: Promise<void>; answer: () => Promise<void>; fail: () => Promise<void> }> = [];
      const heldSend: typeof send = (message) => {
        const view = send(message);
        if (!holding || message.type !== 'siteView') return view;
        let answer: () => void = () => undefined;
        let fail: () => void = () => undefined;
        const asked = new Promise((resolve, reject) => {
          answer = () => resolve(view);
          fail = () => reject(new Error('perdue'));
        }) as typeof view;
        // What follows the popup's own wait on the answer: done once the popup has taken it.
        const taken = asked.then(
          () => undefined,
          () => undefined,
        );
        held.push({
          built: view.then(() => undefined),
          answer: () => {
            answer();
            return taken;
          },
          fail: () => {
            fail();
            return taken;
          },
        });
        return asked;
      };
      const services = { t: translatorFor('fr'), locale: 'fr', send: heldSend, adapter: browser, now };
      render(
        <Services.Provider value={{ ...services, browser: 'firefox' }}>
          <App tabId={3} inTab={false} />
        </Services.Provider>,
      );
      await popupDrawn('data.issy.com');
      holding = true;
      for (const [index, name] of ['acme_first', 'acme_second', 'acme_third'].entries()) {
        browser.siteSets(aCookie({ name }));
        await waitFor(() => expect(held).toHaveLength(index + 1));
        // Each view built before the next cookie is set: the first holds one cookie, the last all three.
        await held[index]!.built;
      }
      await held[2]!.answer();
      await waitFor(() => expect(rowOf('acme_third')).toBeTruthy());
      // Each older answer, once the popup has taken it and drawn what it would draw.
      await act(() => held[0]!.answer());
      expect(rowOf('acme_third')).toBeTruthy();
      await act(() => held[1]!.fail());
      expect(screen.queryByRole('alert')).toBeNull();
      expect(rowOf('acme_third')).toBeTruthy();
      background.stop();
    },
  );

  it('does not overwrite a cookie the site set again meanwhile, and says so', async () => {
    const browser = portalBrowser();
    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    await popupDrawn('data.issy.com');
    fireEvent.click(within(rowOf('sessionid')).getByRole('button', { name: 'Supprimer le cookie sessionid' }));
    await screen.findByText('Supprimés (1) : sessionid.');
    browser.siteSets(aCookie({ name: 'sessionid', value: 'new-login', expirationDate: at(2 * WEEK) }));
    fireEvent.click(await screen.findByLabelText('Annuler la suppression de sessionid'));
    await screen.findByText("sessionid n'a pas été rétabli : le site l'a déjà redéposé.");
    expect(browser.all().find((c) => c.name === 'sessionid')?.value).toBe('new-login');
  });

  it('reports a cookie the browser would not remove', async () => {
    const browser = portalBrowser();
    browser.pretendRemoval.add('csrftoken');
    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    await popupDrawn('data.issy.com');
    fireEvent.click(within(rowOf('csrftoken')).getByRole('button', { name: 'Supprimer le cookie csrftoken' }));
    await screen.findByText("csrftoken n'a pas pu être supprimé : le navigateur l'a gardé");
  });

  it('lists the browsers’ cookie settings, the current browser first, and the portal’s charte', async () => {
    renderWithServices(<App tabId={3} inTab={false} />, portalBrowser(), NOW);
    await popupDrawn('data.issy.com');
    const links = [...document.querySelectorAll('.settings-links a')].map((a) => a.textContent);
    expect(links).toEqual(['Firefox', 'Chrome', 'Safari', 'Edge', 'Opera']);
    expect(screen.getByText('Lire la charte cookies du portail').getAttribute('href')).toBe(
      'https://data.issy.com/terms/cookies-policy/',
    );
  });

  it('brings the options page forward rather than opening another', async () => {
    const browser = portalBrowser();
    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    fireEvent.click(await screen.findByText('Gérer les portails'));
    expect(browser.opened).toEqual(['options']);
  });

  it('opens the same view in a tab', async () => {
    const browser = portalBrowser();
    renderWithServices(<App tabId={3} inTab={false} />, browser, NOW);
    fireEvent.click(await screen.findByText('Ouvrir dans un onglet'));
    expect(browser.opened).toEqual(['chrome-extension://fake/popup.html?tab=3']);
  });
});

describe('the popup elsewhere', () => {
  it('says plainly that a site is not a known portal, detects markers and adds it in one click', async () => {
    const browser = new FakeBrowser([aCookie({ name: 'sessionid', domain: 'data.exemple.fr' })]);
    browser.tabs.set(4, { id: 4, url: 'https://data.exemple.fr/', storeId: '0' });
    browser.pageHasMarkers = true;
    renderWithServices(<App tabId={4} inTab={false} />, browser, NOW);
    await screen.findByText("Ce site n'est pas un portail Opendatasoft connu.");
    await screen.findByText('Ce site semble être un portail Opendatasoft.');
    expect(browser.ranIn).toEqual([4]);
    fireEvent.click(screen.getByText('Ajouter data.exemple.fr aux portails'));
    await screen.findByText('Portail Opendatasoft reconnu');
    await waitFor(() => expect(rowOf('sessionid')).toBeTruthy());
    expect(within(rowOf('sessionid')).getByText('Déposé par Opendatasoft')).toBeTruthy();
  });

  it('says so when the portal cannot be saved', async () => {
    const browser = new FakeBrowser();
    browser.tabs.set(4, { id: 4, url: 'https://data.exemple.fr/', storeId: '0' });
    browser.storageError = 'quota';
    renderWithServices(<App tabId={4} inTab={false} />, browser, NOW);
    fireEvent.click(await screen.findByText('Ajouter data.exemple.fr aux portails'));
    await screen.findByText("La liste n'a pas pu être enregistrée (quota) : elle reste telle qu'elle était.");
  });

  it('says when a page shows no portal markers', async () => {
    const browser = new FakeBrowser();
    browser.tabs.set(4, { id: 4, url: 'https://www.example.org/', storeId: '0' });
    browser.pageHasMarkers = false;
    renderWithServices(<App tabId={4} inTab={false} />, browser, NOW);
    await screen.findByText("Aucun signe d'un portail Opendatasoft sur cette page.");
  });

  it('has nothing to explain on a browser page', async () => {
    const browser = new FakeBrowser();
    browser.tabs.set(5, { id: 5, url: 'about:addons', storeId: '0' });
    renderWithServices(<App tabId={5} inTab={false} />, browser, NOW);
    await screen.findByText(/^Rien à expliquer ici : cet onglet n'affiche pas un site web/);
  });
});

describe('the popup on a custom-domain portal without its parent’s permission', () => {
  it('says plainly that the cookies shared with the parent cannot be seen, and asks for it in one click', async () => {
    const browser = new FakeBrowser([aCookie({ name: 'sessionid', domain: 'data.ville.fr' })], ['data.ville.fr']);
    browser.storage.set('portals', {
      version: 1,
      builtInOff: [],
      custom: [{ pattern: 'data.ville.fr', enabled: true, site: 'ville.fr' }],
    });
    browser.tabs.set(6, { id: 6, url: 'https://data.ville.fr/', storeId: '0' });
    renderWithServices(<App tabId={6} inTab={false} />, browser, NOW);
    await screen.findByText(/Les cookies que ce portail partage avec ville.fr ne peuvent pas être vus/);
    fireEvent.click(screen.getByText('Autoriser ville.fr'));
    await waitFor(() => expect(document.querySelector('.hidden-parents')).toBeNull());
    expect(await browser.hasOrigins(['*://ville.fr/*'])).toBe(true);
  });
});

describe('one site view per opening', () => {
  /** The popup as `popup-ask.js` starts it: the question sent first, storage watched until the page takes over. */
  function openWithAsk(browser: FakeBrowser, changedMeanwhile: boolean) {
    const background = startBackground(browser, translatorFor('fr'), () => NOW);
    const send = directSend(background.handlers);
    const services: UiServices = {
      t: translatorFor('fr'),
      locale: 'fr',
      send,
      adapter: browser,
      browser: 'firefox',
      now: () => NOW,
    };
    const firstView = {
      view: send({ type: 'siteView', tabId: 3 }),
      stale: () => changedMeanwhile,
      handOver: () => undefined,
    };
    render(
      <Services.Provider value={services}>
        <App tabId={3} inTab={false} firstView={firstView} />
      </Services.Provider>,
    );
    return background;
  }

  /** Opens the popup, lets every timer of the opening run, and counts the site views the background built. */
  async function openAndCount(changedMeanwhile: boolean) {
    const browser = portalBrowser();
    const views = vi.spyOn(browser, 'getTab');
    const background = openWithAsk(browser, changedMeanwhile);
    await popupDrawn('data.issy.com');
    await vi.advanceTimersByTimeAsync(1_000);
    return { browser, views, background };
  }
  beforeEach(() => void vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => void vi.useRealTimers());

  it('asks the background once when nothing changed meanwhile, and follows what changes after', async () => {
    const { browser, views, background } = await openAndCount(false);
    expect(views).toHaveBeenCalledTimes(1);
    // A cookie the journal writes down: the popup follows it with one more view.
    browser.siteSets(aCookie({ name: 'acme_visit' }));
    await vi.advanceTimersByTimeAsync(1_000);
    await waitFor(() => expect(rowOf('acme_visit')).toBeTruthy());
    expect(views).toHaveBeenCalledTimes(2);
    background.stop();
  });

  it('asks again when something changed between the question and the page', async () => {
    const { views, background } = await openAndCount(true);
    expect(views).toHaveBeenCalledTimes(2);
    background.stop();
  });
});
