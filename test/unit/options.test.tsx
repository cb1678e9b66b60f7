// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_BACKUP_KEY, SETTINGS_KEY } from '../../src/core/portals/settings';
import { App } from '../../src/options/App';
import { FakeBrowser } from '../helpers/fake-browser';
import { renderWithServices } from '../helpers/render';

const NOW = Date.UTC(2026, 10, 25, 12);
afterEach(cleanup);

const patterns = () => [...document.querySelectorAll('.portal')].map((el) => el.getAttribute('data-pattern'));
const stored = (browser: FakeBrowser) => browser.storage.get(SETTINGS_KEY) as { custom: Array<{ pattern: string }> };

async function addDomain(text: string) {
  fireEvent.input(screen.getByLabelText('Ajouter un portail (domaine ou *.domaine)'), { target: { value: text } });
  fireEvent.click(screen.getByText('Ajouter'));
}

describe('the options page', () => {
  it('lists the built-in portals, which can be switched off but not removed', async () => {
    renderWithServices(<App />, new FakeBrowser([], ['*.opendatasoft.com']), NOW);
    await waitFor(() => expect(patterns()).toHaveLength(5));
    expect(document.querySelectorAll('.portal .remove')).toHaveLength(0);
    expect(document.querySelector('[data-pattern="*.opendatasoft.com"] .access')?.textContent).toBe('actif');
    expect(document.querySelector('[data-pattern="data.issy.com"] .access')?.textContent).toBe(
      "en attente d'autorisation",
    );
  });

  it('adds a pasted URL as its host, asks for its permission, and stores it', async () => {
    const browser = new FakeBrowser();
    renderWithServices(<App />, browser, NOW);
    await waitFor(() => expect(patterns()).toHaveLength(5));
    await addDomain('https://Data.Exemple.fr/explore/');
    await waitFor(() => expect(patterns()).toContain('data.exemple.fr'));
    expect(await browser.hasOrigins(['*://*.data.exemple.fr/*', '*://exemple.fr/*'])).toBe(true);
    expect(stored(browser).custom).toEqual([{ pattern: 'data.exemple.fr', enabled: true, site: 'exemple.fr' }]);
  });

  it(
    'upgrades a portal added before parents were known: explains, ' + 'then asks for the whole set in one click',
    async () => {
      const browser = new FakeBrowser();
      await browser.writeStorage(SETTINGS_KEY, {
        version: 1,
        builtInOff: [],
        custom: [{ pattern: 'data.exemple.fr', enabled: true }],
      });
      renderWithServices(<App />, browser, NOW);
      await screen.findByText(/Cette version montre aussi les cookies que vos portails partagent/);
      fireEvent.click(screen.getByText('Compléter les autorisations'));
      await waitFor(() =>
        expect(stored(browser).custom).toEqual([{ pattern: 'data.exemple.fr', enabled: true, site: 'exemple.fr' }]),
      );
      expect(await browser.hasOrigins(['*://*.data.exemple.fr/*', '*://exemple.fr/*'])).toBe(true);
      await waitFor(() => expect(screen.queryByText('Compléter les autorisations')).toBeNull());
    },
  );

  it('refuses a public suffix with the reason, in French', async () => {
    const browser = new FakeBrowser();
    renderWithServices(<App />, browser, NOW);
    await waitFor(() => expect(patterns()).toHaveLength(5));
    await addDomain('gouv.fr');
    await screen.findByText(/« gouv.fr » n'a pas été ajouté : c'est une extension publique/);
    expect(browser.storage.has(SETTINGS_KEY)).toBe(false);
  });

  it('says so when the browser refuses to save, and keeps the list as it was', async () => {
    const browser = new FakeBrowser();
    browser.storage.set(SETTINGS_KEY, {
      version: 1,
      builtInOff: [],
      custom: [{ pattern: 'data.mien.fr', enabled: true }],
    });
    browser.storageError = 'QUOTA_BYTES_PER_ITEM quota exceeded';
    renderWithServices(<App />, browser, NOW);
    await waitFor(() => expect(patterns()).toContain('data.mien.fr'));
    await addDomain('data.autre.fr');
    await screen.findByText(
      "La liste n'a pas pu être enregistrée (QUOTA_BYTES_PER_ITEM quota exceeded) : elle reste telle qu'elle était.",
    );
    expect(patterns()).not.toContain('data.autre.fr');
    expect(stored(browser).custom).toEqual([{ pattern: 'data.mien.fr', enabled: true }]);
  });

  it('removes a user portal and revokes its permission', async () => {
    const browser = new FakeBrowser([], ['data.exemple.fr']);
    browser.storage.set(SETTINGS_KEY, {
      version: 1,
      builtInOff: [],
      custom: [{ pattern: 'data.exemple.fr', enabled: true }],
    });
    renderWithServices(<App />, browser, NOW);
    fireEvent.click(await screen.findByText('Retirer data.exemple.fr'));
    await waitFor(() => expect(patterns()).not.toContain('data.exemple.fr'));
    expect(await browser.hasOrigins(['https://data.exemple.fr/*'])).toBe(false);
  });

  it('recovers from corrupted storage without losing the user’s other domains', async () => {
    const browser = new FakeBrowser();
    const corrupted = {
      version: 1,
      builtInOff: 'oops',
      custom: [{ pattern: 'data.mien.fr', enabled: true }, null, { pattern: 5 }],
    };
    browser.storage.set(SETTINGS_KEY, corrupted);
    renderWithServices(<App />, browser, NOW);
    await screen.findByText(/Une partie de la liste enregistrée était illisible/);
    expect(patterns()).toContain('data.mien.fr');
    await addDomain('data.autre.fr');
    await waitFor(() =>
      expect(stored(browser).custom.map((c) => c.pattern)).toEqual(['data.mien.fr', 'data.autre.fr']),
    );
    expect(browser.storage.get(SETTINGS_BACKUP_KEY)).toEqual([{ at: NOW, value: corrupted }]);
  });

  it('imports entry by entry and reports what it refused; a bad file changes nothing', async () => {
    const browser = new FakeBrowser();
    browser.storage.set(SETTINGS_KEY, {
      version: 1,
      builtInOff: [],
      custom: [{ pattern: 'data.mien.fr', enabled: true }],
    });
    renderWithServices(<App />, browser, NOW);
    await waitFor(() => expect(patterns()).toContain('data.mien.fr'));
    const input = document.querySelector('input.import') as HTMLInputElement;

    const bad = new File(['pas du json'], 'liste.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [bad], configurable: true });
    fireEvent.change(input);
    await screen.findByText("Ce fichier n'est pas du JSON : rien n'a été modifié.");
    expect(stored(browser).custom).toEqual([{ pattern: 'data.mien.fr', enabled: true }]);

    const good = new File([JSON.stringify(['data.nouveau.fr', 'fr'])], 'liste.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [good], configurable: true });
    fireEvent.change(input);
    await screen.findByText('Portails importés : 1.');
    expect(screen.getByText(/« fr » refusé/)).toBeTruthy();
    await waitFor(() =>
      expect(stored(browser).custom.map((c) => c.pattern)).toEqual(['data.mien.fr', 'data.nouveau.fr']),
    );
  });

  it('switches a built-in portal back on from the directory', async () => {
    const browser = new FakeBrowser();
    browser.storage.set(SETTINGS_KEY, { version: 1, builtInOff: ['data.issy.com'], custom: [] });
    renderWithServices(<App />, browser, NOW);
    await waitFor(() => expect(patterns()).toHaveLength(5));
    fireEvent.input(screen.getByLabelText('Rechercher un portail (ex. Rennes, région)'), { target: { value: 'issy' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Activer Issy-les-Moulineaux (data.issy.com)' }));
    await waitFor(() => expect((browser.storage.get(SETTINGS_KEY) as { builtInOff: string[] }).builtInOff).toEqual([]));
  });

  it('enables a portal from the directory in one click', async () => {
    const browser = new FakeBrowser();
    renderWithServices(<App />, browser, NOW);
    await waitFor(() => expect(patterns()).toHaveLength(5));
    fireEvent.input(screen.getByLabelText('Rechercher un portail (ex. Rennes, région)'), {
      target: { value: 'bretagne achat' },
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Activer Région Bretagne (achat-public.data.bretagne.bzh)' }),
    );
    await waitFor(() => expect(patterns()).toContain('achat-public.data.bretagne.bzh'));
  });
});
