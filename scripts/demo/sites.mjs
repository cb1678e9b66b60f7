// The sites the demo server plays: the five portals of the chartes, two more portals (Matomo, English),
// a portal on a custom domain the extension does not know, and two ordinary sites.
import { readFileSync } from 'node:fs';

const fixtures = new URL('./', import.meta.url);
const charte = (file) => readFileSync(new URL(`chartes/${file}`, fixtures), 'utf8');

const DAY = 86400;
const MONTH = Math.round((365.2425 * DAY) / 12);

/** The four cookies with the attributes a real Opendatasoft portal gives them. */
export const PORTAL_COOKIES = [
  { name: 'sessionid', value: 'demo-session', maxAge: 14 * DAY, httpOnly: true },
  { name: 'csrftoken', value: 'demo-csrf', maxAge: 52 * 7 * DAY },
  // As the portal's banner writes it (URI-encoded JSON); portals without analytics record no tracker.
  {
    name: 'cookies_preferences',
    value: encodeURIComponent(JSON.stringify({ functional_cookies: true, timestamp: 1760263200 })),
    maxAge: 6 * MONTH,
  },
  { name: 'django_language', value: 'fr', maxAge: 12 * MONTH },
];

export const SITES = {
  'data.issy.com': {
    kind: 'portal',
    title: 'Issy-les-Moulineaux : données ouvertes',
    charte: charte('data.issy.com.txt'),
  },
  'data.ville-soissons.fr': {
    kind: 'portal',
    title: 'Soissons open data',
    charte: charte('data.ville-soissons.fr.txt'),
  },
  // As on real custom-domain portals, Google Analytics writes its cookies on the registrable domain.
  'data.ville-cesson.fr': {
    kind: 'portal',
    title: 'Cesson-Sévigné open data',
    charte: charte('data.ville-cesson.fr.txt'),
    extraCookies: [
      { name: '_ga', value: 'GA1.1.1234.5678', maxAge: 400 * DAY, domain: 'ville-cesson.fr' },
      { name: '_gid', value: 'GA1.1.8765.4321', maxAge: DAY, domain: 'ville-cesson.fr' },
    ],
  },
  'aix-en-provence.opendatasoft.com': {
    kind: 'portal',
    title: 'Aix-en-Provence open data',
    charte: charte('aix-en-provence.opendatasoft.com.txt'),
  },
  'valenciennesmetro.opendatasoft.com': {
    kind: 'portal',
    title: 'Valenciennes Métropole open data',
    charte: charte('valenciennesmetro.opendatasoft.com.txt'),
  },
  'metropole-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'Métropole démo (Matomo)',
    charte: charte('variants/matomo.txt'),
    extraCookies: [{ name: '_pk_id.1.d3m0', value: 'demo', maxAge: 13 * MONTH }],
  },
  'english-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'English demo portal',
    charte: charte('variants/english.txt'),
    lang: 'en',
  },
  'data.exemple-portail.fr': {
    kind: 'portal',
    title: 'Portail open data de la ville exemple',
    charte: charte('data.issy.com.txt'),
  },
  'api.aix-en-provence.opendatasoft.com': {
    kind: 'plain',
    title: 'API (sous-domaine d’un portail)',
    cookies: [{ name: 'api_pref', value: 'json', maxAge: 30 * DAY }],
  },
  'plain.exemple.fr': {
    kind: 'plain',
    title: 'Un site ordinaire',
    cookies: [{ name: 'theme', value: 'clair', maxAge: 30 * DAY }],
  },
  // A portal that publishes its charte at the other address real portals use, in the English layout split in two
  // tables.
  'dashboard-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'Dashboard demo portal',
    lang: 'en',
    chartePath: '/terms/cookies-information/',
    charteHtml: readFileSync(new URL('chartes/real/dashboard.paris.html', fixtures), 'utf8'),
  },
  // An ordinary site that embeds Opendatasoft widgets: not a portal.
  'blog.exemple.fr': { kind: 'widgets', title: 'Le blog de la ville exemple', cookies: [] },
  // Portals with a consent banner: one that waits for the visitor's choice, one whose Google
  // Analytics starts on arrival, one whose trackers go on after « Tout refuser ».
  'consent-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'Portail démo : mesure d’audience avec votre accord',
    charte: charte('data.issy.com.txt'),
    analytics: 'consent',
  },
  'arrivee-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'Portail démo : mesure d’audience dès l’arrivée',
    charte: charte('data.issy.com.txt'),
    analytics: 'arrival',
  },
  // The same behaviour on hosts of their own, whose journals no other visit has touched.
  'purge-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'Portail démo : mesure d’audience dès l’arrivée, purgée au refus',
    charte: charte('data.issy.com.txt'),
    analytics: 'arrival',
  },
  'resave-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'Portail démo : un choix enregistré de nouveau',
    charte: charte('data.issy.com.txt'),
    analytics: 'consent',
  },
  'reprise-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'Portail démo : mesure d’audience dès l’arrivée (bis)',
    charte: charte('data.issy.com.txt'),
    analytics: 'arrival',
  },
  // The portal of the screenshots: a visitor's refusal of 2 November 2026, then Google Analytics
  // cookies whose own values say they were created after it; every value fixed, so that the
  // screenshots are the same from one run to the next.
  'vitrine-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'Portail démo : traceurs déposés après un refus',
    charte: charte('data.issy.com.txt'),
    analytics: 'fixed',
    extraCookies: [
      {
        name: 'cookies_preferences',
        value: encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: false, timestamp: 1793610000 })),
        maxAge: 6 * MONTH,
      },
      { name: '_ga', value: 'GA1.1.1234567890.1793613600', maxAge: 400 * DAY },
      { name: '_gid', value: 'GA1.1.987654321.1793613600', maxAge: DAY },
    ],
  },
  'sans-refus-demo.opendatasoft.com': {
    kind: 'portal',
    title: 'Portail démo : mesure d’audience malgré le refus',
    charte: charte('variants/matomo.txt'),
    analytics: 'ignoresRefusal',
  },
  'demo.my.opendatasoft.com': {
    kind: 'portal',
    title: 'Portail démo (sous-domaine my.opendatasoft.com)',
    charte: charte('data.issy.com.txt'),
  },
  // Around the custom-domain portal data.issy.com: a subdomain of the portal, the city's own site
  // (the registrable domain, where analytics put their cookies), and another of its subdomains.
  'www.data.issy.com': { kind: 'plain', title: 'Sous-domaine du portail', cookies: [] },
  'issy.com': { kind: 'plain', title: 'Site de la ville', cookies: [] },
  'www.issy.com': { kind: 'plain', title: 'Autre site de la ville', cookies: [] },
  // A tracker's host, for the charte that redirects to it: nothing may ever reach it.
  'tracker.example': { kind: 'plain', title: 'Traceur (ne doit recevoir aucune requête)', cookies: [] },
  'www.example.org': {
    kind: 'plain',
    title: 'Example (not a portal)',
    cookies: [
      { name: 'visitor', value: 'example-visitor', maxAge: 30 * DAY },
      { name: 'sessionid', value: 'not-ods', maxAge: DAY },
    ],
  },
};

export const HOSTS = Object.keys(SITES);
