/**
 * Runs inside the portal's page (the command-line audit hands it to the browser), so it stands
 * alone: the consent banner as a visitor finds it — a visible dialog, or a visible box named for
 * cookies or consent — and its controls read by their words; and whether the page offers a way
 * back to the choice (« Gérer les cookies », Opendatasoft's `<ods-manage-cookies-preferences>`).
 * Each control found is marked with `data-cookies-ods-control` so the audit can click it as a
 * visitor would.
 */
export type ControlRole = 'accept' | 'refuse' | 'settings' | 'save';

export interface BannerReading {
  banner: {
    accept: string | null;
    refuse: string | null;
    settings: string | null;
    save: string | null;
    toggles: number;
  } | null;
  manageControl: string | null;
}

export function readBanner(): BannerReading {
  const MARK = 'data-cookies-ods-control';
  const MAX_NODES = 5000;
  const words = (element: Element): string =>
    ((element as HTMLInputElement).value || element.textContent || element.getAttribute('aria-label') || '')
      .normalize('NFC')
      .replace(/[’`]/g, "'")
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120);
  const visible = (element: Element): boolean => {
    if (element.closest('[hidden], [aria-hidden="true"]')) return false;
    const style = getComputedStyle(element);
    return (
      style.display !== 'none' &&
      style.visibility !== 'hidden' &&
      style.opacity !== '0' &&
      element.getClientRects().length > 0
    );
  };
  /** Words a control's label starts with, one alternative each; `end` closes the group. */
  const startsWith = (alternatives: string[], end = '') => new RegExp(`^(${alternatives.join('|')})${end}`, 'i');
  // Refusal first: « Continuer sans accepter » holds « accepter ».
  const ROLES: Array<[ControlRole, RegExp]> = [
    [
      'refuse',
      startsWith(
        [
          'tout refuser',
          'refuser( tout| tous les cookies| et fermer)?',
          'je refuse',
          'continuer sans accepter',
          'non merci',
          'reject( all)?',
          'refuse( all)?',
          'decline( all)?',
          'deny',
        ],
        '\\b',
      ),
    ],
    [
      'accept',
      startsWith(
        [
          'tout accepter',
          'accepter( tout| tous les cookies| et fermer| et continuer)?',
          "j'accepte",
          'accept( all)?',
          'allow all',
          'ok',
        ],
        '\\b',
      ),
    ],
    [
      'save',
      /^(sauvegarder|enregistrer|valider|confirmer)( mes| les)? ?(choix|préférences|paramètres)?|^save\b|^confirm\b/i,
    ],
    [
      'settings',
      startsWith([
        'personnaliser',
        'paramétrer',
        'paramètres',
        'gérer mes (choix|préférences)',
        'préférences',
        'en savoir plus et personnaliser',
        'customi[sz]e',
        'settings',
        'manage',
      ]),
    ],
  ];
  const CONTROLS = 'button, a[href], [role="button"], input[type="button"], input[type="submit"]';
  const NAMED = /cookie|consent|gdpr|rgpd|tarteaucitron|orejime|klaro|didomi|axeptio|onetrust|cmp/i;
  const MANAGE = startsWith([
    'gérer (les|mes) cookies',
    'gestion des cookies',
    'paramètres (des )?cookies',
    'préférences (de )?cookies',
    'manage cookies',
    'cookie (settings|preferences)',
  ]);

  for (const marked of document.querySelectorAll(`[${MARK}]`)) marked.removeAttribute(MARK);
  const roleOf = (element: Element): ControlRole | null =>
    ROLES.find(([, pattern]) => pattern.test(words(element)))?.[0] ?? null;
  const candidates = [
    ...document.querySelectorAll('dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"]'),
    ...[...document.querySelectorAll('div, section, aside, form, footer')]
      .slice(0, MAX_NODES)
      .filter((element) => NAMED.test(`${element.id} ${element.className}`)),
  ].filter(visible);
  const box = candidates.find((candidate) =>
    [...candidate.querySelectorAll(CONTROLS)].some((control) => visible(control) && roleOf(control) !== null),
  );

  let banner: BannerReading['banner'] = null;
  if (box) {
    const found: Record<ControlRole, string | null> = { accept: null, refuse: null, settings: null, save: null };
    for (const control of box.querySelectorAll(CONTROLS)) {
      const role = visible(control) ? roleOf(control) : null;
      if (role === null || found[role] !== null) continue;
      found[role] = words(control);
      control.setAttribute(MARK, role);
    }
    const toggles = [...box.querySelectorAll('input[type="checkbox"], [role="switch"]')].filter(
      (toggle) => !(toggle as HTMLInputElement).disabled,
    );
    toggles.forEach((toggle) => toggle.setAttribute(MARK, 'toggle'));
    banner = { ...found, toggles: toggles.length };
  }

  const manage =
    document.querySelector('ods-manage-cookies-preferences, .ods-manage-cookies-preferences__show-button') ??
    [...document.querySelectorAll(CONTROLS)].find((control) => !box?.contains(control) && MANAGE.test(words(control)));
  return { banner, manageControl: manage ? words(manage) || 'ods-manage-cookies-preferences' : null };
}
