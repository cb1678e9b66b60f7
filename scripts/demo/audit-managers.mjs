// The audit portals whose banner is a city's real consent manager, unmodified from npm: tarteaucitron.js
// (its French banner, « Tout refuser » shown), Orejime in its standard and its DSFR theme. Their Google
// Analytics is the page's own stand-in (it writes the cookies GA4 writes, 13 months at most, without
// reaching Google), run by the manager: tarteaucitron's own « gtag » service, an Orejime purpose.
// `ignoresRefusal`: the stand-in writes its cookies on every page after a refusal too.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';

const require = createRequire(import.meta.url);
const VENDORS = {
  tarteaucitron: dirname(require.resolve('tarteaucitronjs/tarteaucitron.js')),
  orejime: join(dirname(require.resolve('orejime/package.json')), 'dist'),
};
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** A file of a manager's package at `/vendor/<manager>/<path>`, or null: nothing outside its folder is served. */
export async function vendorFile(path) {
  const found = /^\/vendor\/(tarteaucitron|orejime)\/([\w./-]+)$/.exec(path);
  const type = found && TYPES[found[2].slice(found[2].lastIndexOf('.'))];
  if (!found || !type || normalize(found[2]).startsWith('..')) return null;
  try {
    return { type, body: await readFile(join(VENDORS[found[1]], normalize(found[2]))) };
  } catch {
    return null;
  }
}

const DAY = 86400;
const MONTH = Math.round((365.2425 * DAY) / 12);

/** Google Analytics' cookies as GA4 writes them, kept 13 months at most (the CNIL's ceiling). */
const analytics = `window.demoAnalytics = () => {
  const now = Math.floor(Date.now() / 1000);
  const set = (name, value) => {
    document.cookie = name + '=' + value + '; Max-Age=${13 * MONTH - DAY}; Path=/; Secure; SameSite=Lax';
  };
  set('_ga', 'GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + now);
  set('_ga_DEMO1234', 'GS1.1.' + now + '.1.0.' + now + '.0.0.0');
};`;

function tarteaucitron({ ignoresRefusal, iconsOnly }) {
  // Icons only: a banner whose words say nothing a visitor's reading (or ours) can go by.
  const icons = iconsOnly ? `tarteaucitronCustomText = { acceptAll: '✓', denyAll: '✕', personalize: '⚙' };` : '';
  return `<script src="/vendor/tarteaucitron/tarteaucitron.js"></script>
<script src="/vendor/tarteaucitron/lang/tarteaucitron.fr.js"></script>
<script src="/vendor/tarteaucitron/tarteaucitron.services.js"></script>
<script>
${analytics}
(() => {
  const gtag = tarteaucitron.services.gtag;
  gtag.js = () => window.demoAnalytics();
  // tarteaucitron runs a service's fallback while it is refused or not yet chosen.
  gtag.fallback = () => {
    if (${ignoresRefusal} && tarteaucitron.cookie.read().includes('!gtag=false')) window.demoAnalytics();
  };
  tarteaucitronForceLanguage = 'fr';
  ${icons}
  tarteaucitron.init({
    privacyUrl: '/terms/cookies-policy/', hashtag: '#tarteaucitron', cookieName: 'tarteaucitron',
    orientation: 'middle', showAlertSmall: false, cookieslist: false, showIcon: false,
    DenyAllCta: true, AcceptAllCta: true, highPrivacy: true, removeCredit: true, moreInfoLink: false,
    useExternalCss: false, useExternalJs: true, mandatory: true,
  });
  tarteaucitron.user.gtagUa = 'G-DEMO1234';
  (tarteaucitron.job = tarteaucitron.job || []).push('gtag');
})();
</script>`;
}

function orejime({ theme, ignoresRefusal }) {
  const ignore = ignoresRefusal
    ? `<script>if (/(^|; )eu-consent=/.test(document.cookie)) window.demoAnalytics();</script>`
    : '';
  return `${theme === 'standard' ? '<link rel="stylesheet" href="/vendor/orejime/orejime-standard.css">' : ''}
<script>
${analytics}
window.orejimeConfig = {
  privacyPolicyUrl: '/terms/cookies-policy/',
  cookie: { duration: 182 },
  purposes: [
    { id: 'mesure-audience', title: "Mesure d'audience", description: 'Google Analytics', cookies: ['_ga', /^_ga_/] },
  ],
};
</script>
<script src="/vendor/orejime/orejime-${theme}-fr.js"></script>
<template data-purpose="mesure-audience"><script>window.demoAnalytics();</script></template>
${ignore}`;
}

/** Each behaviour run by a real consent manager, and what its page carries in place of the platform's banner. */
export const MANAGED = {
  'tac-conforme': () => tarteaucitron({ ignoresRefusal: false, iconsOnly: false }),
  'tac-refus-ignore': () => tarteaucitron({ ignoresRefusal: true, iconsOnly: false }),
  'tac-icones': () => tarteaucitron({ ignoresRefusal: false, iconsOnly: true }),
  'orejime-conforme': () => orejime({ theme: 'standard', ignoresRefusal: false }),
  'orejime-dsfr': () => orejime({ theme: 'dsfr', ignoresRefusal: false }),
  'orejime-refus-ignore': () => orejime({ theme: 'standard', ignoresRefusal: true }),
};

/** The rows a managed portal's charte adds: its manager's record and Google Analytics. */
export function managedCharteRows(behaviour) {
  const record = behaviour.startsWith('tac-')
    ? ['tarteaucitron', 'tarteaucitron', '12 mois', 'Se souvenir de vos choix sur les cookies']
    : ['Orejime', 'eu-consent', '6 mois', 'Se souvenir de vos choix sur les cookies'];
  return [
    record,
    ['Google', '_ga', '13 mois', "Mesure d'audience : identifiant du visiteur"],
    ['Google', '_ga_*', '13 mois', "Mesure d'audience : la session"],
  ];
}
