// Portals for the command-line audit: any host name under audit-demo.fr is a portal whose banner
// and trackers behave as a word of its name says, so a test or the scale bench can ask for as many
// as it likes (`portail-0042-arrivee.audit-demo.fr`). With no such word, it is compliant. Each
// behaviour is one way the CNIL's rules tell portals apart:
//   conforme           — Matomo only after « Tout accepter »; « Tout refuser » beside it; the choice
//                        kept six months; « Gérer les cookies » in the footer; the charte declares all.
//   arrivee            — Matomo on every page from the arrival, whatever the choice.
//   refus-ignore       — Matomo after any choice, refusal included.
//   sans-refus         — the first layer offers « Tout accepter » and « Personnaliser » only; refusing
//                        takes the second layer (its toggle pre-checked) and « Sauvegarder mes choix ».
//   longue-duree       — after acceptance, the server asks for a 25-month visitor cookie.
//   charte-incomplete  — the charte leaves Matomo's cookies out.
//   sans-gestion       — no « Gérer les cookies » anywhere.
// And portals whose banner is a city's real consent manager (audit-managers.mjs): tac-conforme,
// tac-refus-ignore, tac-icones (tarteaucitron with icons for words), orejime-conforme, orejime-dsfr,
// orejime-refus-ignore.
// And portals that attack the audit itself (audit-hostile.mjs).
import { MANAGED, managedCharteRows, vendorFile } from './audit-managers.mjs';
import { bannerMarkup, bannerScript } from './banner.mjs';
import { escapeHtml, htmlTable, layout } from './pages.mjs';
import {
  HOSTILE_BEHAVIOURS,
  hostileAnswer,
  hostileCharteWords,
  hostileScript,
  PLATFORM_NAME,
} from './audit-hostile.mjs';

const DAY = 86400;
const MONTH = Math.round((365.2425 * DAY) / 12);

export const AUDIT_BEHAVIOURS = [
  'conforme',
  'arrivee',
  'refus-ignore',
  'sans-refus',
  'longue-duree',
  'charte-incomplete',
  'sans-gestion',
  ...Object.keys(MANAGED),
  ...HOSTILE_BEHAVIOURS,
];

export const AUDIT_DOMAIN = 'audit-demo.fr';
export const isAuditPortal = (host) => host.endsWith(`.${AUDIT_DOMAIN}`) || PLATFORM_NAME.test(host);

export function auditBehaviour(host) {
  const words = host.split(/[.]/)[0];
  return (
    [...AUDIT_BEHAVIOURS].sort((a, b) => b.length - a.length).find((behaviour) => words.includes(behaviour)) ??
    'conforme'
  );
}

/** The cookies every page sets, as an Opendatasoft portal does. */
export const AUDIT_PORTAL_COOKIES = [
  `sessionid=audit-session; Path=/; Max-Age=${14 * DAY}; HttpOnly; Secure; SameSite=Lax`,
  `csrftoken=audit-csrf; Path=/; Max-Age=${52 * 7 * DAY}; Secure; SameSite=Lax`,
  `django_language=fr; Path=/; Max-Age=${12 * MONTH}; Secure; SameSite=Lax`,
];

/** Matomo's visitor cookie as `/matomo.php` asks for it when the portal keeps it 25 months. */
export const LONG_TRACKER_COOKIE =
  `_pk_id.7.a1b2=audit-visitor.${Math.floor(Date.now() / 1000)}; ` +
  `Path=/; Max-Age=${25 * MONTH}; Secure; SameSite=Lax`;

// What the audit portals' Matomo does, by behaviour, over the demo's banner (banner.mjs).
const MATOMO = `  const matomo = () => {
    if (behaviour === 'longue-duree') { fetch('/matomo.php', { credentials: 'same-origin' }); return; }
    const visitor = Math.random().toString(16).slice(2) + '.' + Math.floor(Date.now() / 1000);
    set('_pk_id.7.a1b2', visitor, ${13 * MONTH - DAY});
    set('_pk_ses.7.a1b2', '1', 1800);
  };
  if (behaviour === 'arrivee' || (behaviour === 'refus-ignore' && prefs !== null) || prefs?.matomo === true) matomo();
  on('accept-all', () => { save(true); matomo(); });
  on('refuse-all', () => {
    // The decoy: a refusal button that records an acceptance.
    if (behaviour === 'refus-leurre') { save(true); matomo(); return; }
    save(false);
    if (behaviour === 'refus-ignore') matomo();
  });
  on('customise', () => { document.getElementById('second-layer').hidden = false; });
  on('save-choices', () => {
    const accepted = document.getElementById('toggle-matomo').checked;
    save(accepted);
    if (accepted) matomo();
  });
  on('manage-cookies', () => { banner.hidden = false; });`;

function bannerHtml(behaviour) {
  const markup = bannerMarkup({
    intro: "Nous mesurons l'audience de ce portail avec Matomo, si vous l'acceptez.",
    refuse: behaviour !== 'sans-refus',
    secondLayer: { label: "Mesure d'audience (Matomo)", checked: behaviour === 'sans-refus' },
  });
  return `${markup}\n<script>${bannerScript({ behaviour, trackers: ['matomo'], code: MATOMO })}</script>`;
}

function charteHtml(behaviour) {
  const rows = [
    ['Opendatasoft', 'sessionid', '2 semaines', "Se souvenir de l'utilisateur d'une page à une autre"],
    ['Opendatasoft', 'csrftoken', '12 mois', 'Protéger les formulaires'],
    ['Opendatasoft', 'django_language', '12 mois', 'Se souvenir de la langue du visiteur'],
    ['Opendatasoft', 'cookies_preferences', '6 mois', 'Se souvenir du choix du visiteur concernant les cookies'],
    ...(MANAGED[behaviour]
      ? managedCharteRows(behaviour)
      : behaviour === 'charte-incomplete'
        ? []
        : [
            [
              'Matomo',
              '_pk_id.*',
              behaviour === 'longue-duree' ? '25 mois' : '13 mois',
              "Mesure d'audience : identifiant du visiteur",
            ],
            ['Matomo', '_pk_ses.*', '30 minutes', "Mesure d'audience : la visite en cours"],
          ]),
    ...(hostileCharteWords(behaviour)
      ? [['Inconnu', `cookie${hostileCharteWords(behaviour)}`, '1 jour', hostileCharteWords(behaviour)]]
      : []),
  ];
  const head = ['Nom du prestataire', 'Nom du cookie', 'Durée de conservation', 'Finalités'];
  return `<h1>Charte cookies</h1>${htmlTable(head, rows)}`;
}

/**
 * The page of an audit portal at `path`, and the cookies its answer sets; a consent manager's own files under
 * `/vendor/`.
 */
export async function auditPortalAnswer(host, path, behaviour = auditBehaviour(host)) {
  const hostile = hostileAnswer(host, path, behaviour);
  if (hostile) return hostile;
  if (path.startsWith('/vendor/')) {
    const file = await vendorFile(path);
    return file
      ? { status: 200, type: file.type, cookies: [], html: file.body }
      : { status: 404, cookies: [], html: 'not found' };
  }
  if (path === '/matomo.php')
    return { status: 204, cookies: behaviour === 'longue-duree' ? [LONG_TRACKER_COOKIE] : [], html: '' };
  const title = `Portail de démonstration de l'audit (${behaviour})`;
  const body = path.startsWith('/terms/cookies-policy')
    ? charteHtml(behaviour)
    : `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(host)}</p>` +
      '<p><a href="/explore/">Explorer les jeux de données</a> · <a href="/pages/a-propos/">À propos</a></p>';
  const manage =
    behaviour === 'sans-gestion'
      ? ''
      : ' <ods-manage-cookies-preferences>' +
        '<button type="button" id="manage-cookies" class="ods-manage-cookies-preferences__show-button">' +
        'Gérer les cookies</button></ods-manage-cookies-preferences>';
  const banner = MANAGED[behaviour] ? MANAGED[behaviour]() : bannerHtml(behaviour);
  const attack = hostileScript(behaviour) ? `<script>${hostileScript(behaviour)}</script>` : '';
  const html = layout({
    title,
    portal: true,
    body: `<div class="ods-box">${body}</div>`,
    inFooter: manage,
    after: `\n${banner}\n${attack}\n`,
  });
  return { status: 200, cookies: AUDIT_PORTAL_COOKIES, html };
}
