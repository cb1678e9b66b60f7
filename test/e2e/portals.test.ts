import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageHasPortalMarkers } from '../../src/page/detect';
import { withBrowser } from './lifecycle';
import { BROWSERS } from './session';

const CUSTOM = 'data.exemple-portail.fr';

describe.each(BROWSERS)('knowing the portals, in %s', (kind) => {
  // The files a user would pick for import, in folders of their own, removed after each test.
  const dirs: string[] = [];
  const importDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cookies-ods-import-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const browser = withBrowser(kind);

  const stored = () =>
    browser.session.ext(async (api) => JSON.stringify(await (api.storage.sync ?? api.storage.local).get(null)), null);

  it('adds a custom-domain portal, asks for its permission, and explains its cookies once granted', async () => {
    const options = await browser.session.openExtensionPage('options.html');
    await options.waitFor('.portal');
    await options.fill('.add-domain', `https://${CUSTOM.toUpperCase()}/explore/`);
    await options.click('.add-form button[type="submit"]');
    await options.waitFor(`[data-pattern="${CUSTOM}"]`);
    expect(await stored()).toContain(`"pattern":"${CUSTOM}"`);

    if (kind === 'chromium') {
      // Headless Chromium cannot show its permission prompt, and offers no switch to answer it:
      // the portal is kept, shown as awaiting access, with the button that asks again.
      await options.waitForText(`[data-pattern="${CUSTOM}"] .access`, "en attente d'autorisation");
      expect(await options.text(`[data-pattern="${CUSTOM}"] .grant`)).toBe(`Autoriser l'accès à ${CUSTOM}`);
      return;
    }
    await options.waitForText(`[data-pattern="${CUSTOM}"] .access`, 'actif');
    const portal = await browser.session.visit(`https://${CUSTOM}/`);
    const popup = await browser.session.openExtensionPage(
      `popup.html?tab=${await browser.session.tabIdOf(portal.url())}`,
    );
    await popup.waitFor('[data-cookie="sessionid"]');
    expect(await popup.text('.portal-status')).toBe('Portail Opendatasoft reconnu');
    expect(await popup.text('[data-cookie="sessionid"]')).toContain('Déposé par Opendatasoft');
  });

  it(
    'recognises a portal’s own frame on an unknown host, ' + 'and not a plain page nor one that embeds widgets',
    async () => {
      const detect = `(${pageHasPortalMarkers.toString()})`;
      const found = async (url: string) =>
        (await browser.session.visit(url)).evaluate(
          (source) => new Function(`return (${source})`)()() as boolean,
          detect,
        );
      expect(await found(`https://${CUSTOM}/`)).toBe(true);
      expect(await found('https://plain.exemple.fr/')).toBe(false);
      expect(await found('https://blog.exemple.fr/')).toBe(false);
    },
  );

  it('has no accessibility violation, light and dark', async () => {
    const options = await browser.session.openExtensionPage('options.html');
    await options.waitFor('.directory-entry');
    for (const dark of [false, true]) {
      await options.emulateDark(dark);
      expect(await options.axeViolations()).toEqual([]);
    }
  });

  it(
    'says a refusal as an alert, in short, and names duplicates; ' + 'shows domains as their publishers write them',
    async () => {
      const options = await browser.session.openExtensionPage('options.html');
      await options.waitFor('.portal');
      const alert = () => options.text('[role="alert"].options-error');
      await options.fill('.add-domain', 'gouv.fr');
      await options.click('.add-form button[type="submit"]');
      await options.waitForText('[role="alert"].options-error', "« gouv.fr » n'a pas été ajouté");
      const pasted = `data.${'x'.repeat(300)}.fr`;
      await options.fill('.add-domain', pasted);
      await options.click('.add-form button[type="submit"]');
      await options.waitForText('[role="alert"].options-error', "ce n'est pas un nom de domaine valide");
      expect((await alert()).length).toBeLessThan(160);
      await options.fill('.add-domain', 'data.issy.com');
      await options.click('.add-form button[type="submit"]');
      await options.waitForText('[role="alert"].options-error', 'data.issy.com est déjà dans la liste.');
      expect(
        await options.evaluate(
          () => getComputedStyle(document.querySelector('.options-error') as Element).borderLeftWidth,
          null,
        ),
      ).toBe('4px');
      await options.fill('.add-domain', 'données.fr');
      await options.click('.add-form button[type="submit"]');
      await options.waitFor('[data-pattern="xn--donnes-eva.fr"]');
      expect(await options.text('[data-pattern="xn--donnes-eva.fr"] code')).toBe('données.fr');
    },
  );

  it('says when the directory has no match', async () => {
    const options = await browser.session.openExtensionPage('options.html');
    await options.waitFor('.directory-entry');
    await options.fill('.directory-search', 'zzzzqq');
    await options.waitForText('.no-match', 'Aucun portail ne correspond à « zzzzqq ».');
    expect(await options.evaluate(() => document.querySelectorAll('.directory-entry').length, null)).toBe(0);
  });

  it('keeps every unreadable original, not only the first', async () => {
    const storage = (value: unknown) =>
      browser.session.ext((api, v) => (api.storage.sync ?? api.storage.local).set({ portals: v }), value);
    const first = { version: 1, builtInOff: 'oops', custom: [{ pattern: 'data.un.fr', enabled: true }] };
    const second = { version: 1, custom: 'encore cassé' };
    for (const [broken, added] of [
      [first, 'data.ajout-un.fr'],
      [second, 'data.ajout-deux.fr'],
    ] as const) {
      await storage(broken);
      const options = await browser.session.openExtensionPage('options.html');
      await options.waitFor('.problem');
      await options.fill('.add-domain', added);
      await options.click('.add-form button[type="submit"]');
      await options.waitFor(`[data-pattern="${added}"]`);
      await options.close();
    }
    const kept = await browser.session.ext(async (api) => {
      const area = api.storage.sync ?? api.storage.local;
      return ((await area.get('portals.unreadable'))['portals.unreadable'] ??
        (await api.storage.local.get('portals.unreadable'))['portals.unreadable']) as Array<{ value: unknown }>;
    }, null);
    expect(kept.map((backup) => backup.value)).toEqual([first, second]);
  });

  it('recovers a corrupted stored list without losing the user’s other domains', async () => {
    await browser.session.ext(
      (api) =>
        (api.storage.sync ?? api.storage.local).set({
          portals: { version: 1, builtInOff: 'oops', custom: [{ pattern: 'data.mien.fr', enabled: true }, 7] },
        }),
      null,
    );
    const options = await browser.session.openExtensionPage('options.html');
    await options.waitFor('.problem');
    expect(await options.text('.problem')).toContain('Une partie de la liste enregistrée était illisible');
    expect(await options.text('.portal-list')).toContain('data.mien.fr');
  });

  it('changes nothing on a bad import, and reports each refused entry of a good one', async () => {
    const options = await browser.session.openExtensionPage('options.html');
    await options.waitFor('.portal');
    const before = await stored();
    const dir = importDir();
    writeFileSync(join(dir, 'bad.json'), '{ pas du json');
    await options.upload('input.import', join(dir, 'bad.json'));
    await options.waitForText('.import-report', "Ce fichier n'est pas du JSON : rien n'a été modifié.");
    expect(await stored()).toBe(before);

    writeFileSync(
      join(dir, 'mixed.json'),
      JSON.stringify({
        portals: [
          { pattern: 'data.importe.fr', enabled: true },
          { pattern: 'gouv.fr' },
          { pattern: 'data.faux.fr', enabled: 'false' },
          'data.issy.com',
        ],
      }),
    );
    await options.upload('input.import', join(dir, 'mixed.json'));
    await options.waitForText('.import-report', 'Portails importés : 1.');
    expect(await options.text('.import-report')).toContain('« gouv.fr » refusé');
    expect(await options.text('.import-report')).toContain(
      '« data.faux.fr » refusé : « enabled » doit valoir true ou false.',
    );
    expect(await options.text('.import-report')).toContain('« data.issy.com » refusé : il est déjà dans la liste.');
    expect(await options.text('.import-limits')).toContain('1 Mo et 5 000 portails au plus');

    writeFileSync(join(dir, 'huge.json'), JSON.stringify(Array.from({ length: 60_000 }, (_, i) => `data.x${i}.fr`)));
    await options.upload('input.import', join(dir, 'huge.json'));
    await options.waitForText('[role="alert"].import-report', 'Ce fichier dépasse 1 Mo');
    writeFileSync(join(dir, 'many.json'), JSON.stringify(Array.from({ length: 5001 }, (_, i) => `d${i}.fr`)));
    await options.upload('input.import', join(dir, 'many.json'));
    await options.waitForText('[role="alert"].import-report', 'plus de 5 000 portails');
    expect(await options.evaluate(() => document.querySelectorAll('[data-pattern^="d"]').length < 50, null)).toBe(true);
    await options.waitFor('[data-pattern="data.importe.fr"]');
  });

  it('keeps a list too large for sync storage, on this machine', async () => {
    const options = await browser.session.openExtensionPage('options.html');
    await options.waitFor('.portal');
    const dir = importDir();
    const many = Array.from({ length: 300 }, (_, i) => `data.commune-numero-${i}.fr`);
    writeFileSync(join(dir, 'many.json'), JSON.stringify(many));
    await options.upload('input.import', join(dir, 'many.json'));
    await options.waitForText('.import-report', 'Portails importés : 300.');
    await options.waitFor('[data-pattern="data.commune-numero-299.fr"]');
    const where = await browser.session.ext(
      async (api) => ({
        sync: (await api.storage.sync.get('portals')).portals !== undefined,
        local: (await api.storage.local.get('portals')).portals !== undefined,
      }),
      null,
    );
    expect(where).toEqual({ sync: false, local: true });
    const reopened = await browser.session.openExtensionPage('options.html');
    await reopened.waitFor('[data-pattern="data.commune-numero-299.fr"]');
  });
});
