/**
 * Where each browser explains its cookie settings, in French (each browser's own help pages, as the chartes link them;
 * their Edge link is cut short).
 */
export type BrowserName = 'chrome' | 'firefox' | 'safari' | 'edge' | 'opera';

export const SETTINGS_HELP: Readonly<Record<BrowserName, string>> = {
  chrome: 'https://support.google.com/chrome/answer/95647?hl=fr',
  firefox: 'https://support.mozilla.org/fr/kb/effacer-cookies-donnees-site-firefox',
  safari: 'https://support.apple.com/fr-fr/guide/safari/sfri11471/mac',
  edge:
    'https://support.microsoft.com/fr-fr/windows/g%C3%A9rer-les-cookies-dans-microsoft-edge-afficher-autoriser-' +
    'bloquer-supprimer-et-utiliser-168dab11-0753-043d-7c16-ede5947fc64d',
  opera: 'https://help.opera.com/fr/latest/web-preferences/#cookies',
};

const ORDER: readonly BrowserName[] = ['chrome', 'firefox', 'safari', 'edge', 'opera'];

/** Every browser's help page, the one the user is running first. */
export function settingsLinks(current: BrowserName | undefined): Array<{ browser: BrowserName; url: string }> {
  const order = current ? [current, ...ORDER.filter((b) => b !== current)] : ORDER;
  return order.map((browser) => ({ browser, url: SETTINGS_HELP[browser] }));
}

/** Recognise the browser from its user agent; Edge and Opera carry "Chrome" too, so they are tested first. */
export function browserFromUserAgent(userAgent: string): BrowserName | undefined {
  if (/Edg\//.test(userAgent)) return 'edge';
  if (/OPR\//.test(userAgent)) return 'opera';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrom(e|ium)\//.test(userAgent)) return 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return undefined;
}
