// Portals that try to fool, steer or break the command-line audit, one way each (a word of the host
// name says which, as for the other audit portals):
//   hors-portail      — `/` sends to another site (a compliant one): never judged as the portal.
//   renomme           — reached as `audit-renomme.opendatasoft.com`, the platform's name, which sends
//                       to the portal's own domain: followed, said, and judged there.
//   erreur-500, erreur-403 — every page answers that status.
//   trop-de-requetes  — every page answers 429 with `Retry-After: 1`.
//   refus-leurre      — « Tout refuser » records an acceptance and starts Matomo.
//   prototype         — the page rewrites Array, String and URL methods so that links read as
//                       `file:///etc/shadow` and `chrome://version/`, and links to them.
//   mots-geants       — the banner's words run to 256 kB, and the page rewrites String's slice and trim.
//   echappements      — terminal escapes and bidi overrides in the title, banner and charte.
//   page-bloquee      — no page ever answers.
//   charte-bloquee    — the charte never answers; the rest of the portal is compliant.
//   jamais-calme      — the page sends a request every 50 ms, forever.

export const HOSTILE_BEHAVIOURS = [
  'hors-portail',
  'renomme',
  'erreur-500',
  'erreur-403',
  'trop-de-requetes',
  'refus-leurre',
  'prototype',
  'mots-geants',
  'echappements',
  'page-bloquee',
  'charte-bloquee',
  'jamais-calme',
];

/** The platform's name for a demo portal: `audit-<name>.opendatasoft.com` sends to `<name>.audit-demo.fr`. */
export const PLATFORM_NAME = /^audit-([a-z0-9-]+)\.opendatasoft\.com$/;

const ESCAPES = '\u001b]0;audit piraté\u0007\u001b[2J\u001b[32m✔ audité\u001b[0m \u202egnirts desrever\u202c';

/**
 * The answer that replaces a portal's own, or null when the behaviour only changes its page
 * (`pageScript`) or has nothing to say for this path.
 */
export function hostileAnswer(host, path, behaviour) {
  const platform = PLATFORM_NAME.exec(host);
  if (platform)
    return { status: 302, headers: { location: `https://${platform[1]}.audit-demo.fr${path}` }, cookies: [], html: '' };
  if (behaviour === 'hors-portail' && path === '/')
    return { status: 302, headers: { location: 'https://ailleurs-conforme.audit-demo.fr/' }, cookies: [], html: '' };
  if (behaviour === 'erreur-500') return { status: 500, cookies: [], html: '<h1>Erreur interne</h1>' };
  if (behaviour === 'erreur-403') return { status: 403, cookies: [], html: '<h1>Accès refusé</h1>' };
  if (behaviour === 'trop-de-requetes')
    return { status: 429, headers: { 'retry-after': '1' }, cookies: [], html: '<h1>Trop de requêtes</h1>' };
  if (behaviour === 'page-bloquee' || (behaviour === 'charte-bloquee' && path.startsWith('/terms/')))
    return { hold: true };
  if (behaviour === 'jamais-calme' && path === '/ping') return { status: 204, cookies: [], html: '' };
  return null;
}

/** What the page itself does beside the usual portal, for the behaviours that act in the page. */
export function hostileScript(behaviour) {
  if (behaviour === 'prototype') {
    return `
const evil = ['file:///etc/shadow', 'chrome://version/'];
Array.prototype.slice = function () { return ['file:///etc/shadow', 'chrome://version/']; };
Array.from = () => ['file:///etc/shadow', 'chrome://version/'];
const OriginalURL = URL;
window.URL = function () {
  const url = new OriginalURL(evil[0]);
  Object.defineProperty(url, 'origin', { value: location.origin });
  return url;
};
document.querySelector('main').insertAdjacentHTML(
  'beforeend',
  '<a href="file:///etc/shadow">Ombres</a> <a href="chrome://version/">Version</a>',
);`;
  }
  if (behaviour === 'mots-geants') {
    return `
const giant = 'Tout accepter ' + 'x'.repeat(256 * 1024);
document.getElementById('accept-all').textContent = giant;
String.prototype.slice = function () { return String(this); };
String.prototype.trim = function () { return String(this); };`;
  }
  if (behaviour === 'echappements') {
    return `document.title = ${JSON.stringify(ESCAPES)};
document.getElementById('refuse-all').textContent = ${JSON.stringify(`Tout refuser ${ESCAPES}`)};`;
  }
  if (behaviour === 'jamais-calme') return `setInterval(() => fetch('/ping', { cache: 'no-store' }), 50);`;
  return '';
}

/** Words put into the charte's rows by the behaviours that attack the report through them. */
export const hostileCharteWords = (behaviour) => (behaviour === 'echappements' ? ESCAPES : '');
