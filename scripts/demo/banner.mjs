// The consent banner of the demo portals, as Opendatasoft portals show it: « Tout accepter » /
// « Tout refuser », the choice kept six months in `cookies_preferences` (URI-encoded JSON, one
// boolean per tracker and a timestamp). The demo portals' and the audit's portals (audit-portals.mjs)
// are this one banner; what their trackers do is theirs.
const DAY = 86400;

/** The dialog: its words, « Tout refuser » unless `refuse` is false, and a second layer with one toggle if asked. */
export function bannerMarkup({ intro, refuse = true, secondLayer = null }) {
  const refuseButton = refuse ? ' <button type="button" id="refuse-all">Tout refuser</button>' : '';
  const layers = secondLayer
    ? ` <button type="button" id="customise">Personnaliser</button>
<div id="second-layer" hidden>
<p>Cookies strictement nécessaires — Toujours actif.</p>
<label><input type="checkbox" id="toggle-matomo"${secondLayer.checked ? ' checked' : ''}> ${secondLayer.label}</label>
<button type="button" id="save-choices">Sauvegarder mes choix</button>
</div>`
    : '';
  return `<div id="cookie-banner" role="dialog" aria-labelledby="cookie-banner-title" hidden>
<h2 id="cookie-banner-title">Gestion de vos préférences sur les cookies</h2>
<p>${intro}</p>
<button type="button" id="accept-all">Tout accepter</button>${refuseButton}${layers}
</div>`;
}

/**
 * The banner's script: the record read and written, the banner shown while there is none, then `code` — what the
 * portal's trackers do — given `behaviour`, `set`, `read`, `save(accepted)`, `prefs`, `banner` and `on(id, click)`.
 */
export function bannerScript({ behaviour, trackers, code }) {
  const choices = trackers.map((tracker) => `${tracker}: accepted`).join(', ');
  return `
(() => {
  const behaviour = ${JSON.stringify(behaviour)};
  const banner = document.getElementById('cookie-banner');
  const set = (name, value, maxAge) => {
    document.cookie = name + '=' + value + '; Max-Age=' + maxAge + '; Path=/; Secure; SameSite=Lax';
  };
  const read = () => {
    const found = document.cookie.match(/(?:^|; )cookies_preferences=([^;]*)/);
    try { return found ? JSON.parse(decodeURIComponent(found[1])) : null; } catch { return null; }
  };
  const save = (accepted) => {
    const record = { functional_cookies: true, ${choices}, timestamp: Math.floor(Date.now() / 1000) };
    set('cookies_preferences', encodeURIComponent(JSON.stringify(record)), ${182 * DAY});
    banner.hidden = true;
  };
  const prefs = read();
  banner.hidden = prefs !== null;
  const on = (id, listener) => document.getElementById(id)?.addEventListener('click', listener);
${code}
})();`;
}

// The demo portals' trackers. `behaviour` says how they behave:
//   consent — trackers start only after « Tout accepter » (what the CNIL asks);
//   arrival — Google Analytics writes _ga and _gid on arrival, before any choice;
//   ignoresRefusal — Google Analytics and Matomo keep writing their cookies after « Tout refuser »;
//   fixed — the server sets every cookie with fixed values (the screenshots' portal); the page writes none.
const DEMO_TRACKERS = `  const year = 365 * 24 * 3600;
  const ga = () => {
    set('_ga', 'GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000), 2 * year);
    set('_gid', 'GA1.1.' + Math.floor(Math.random() * 1e9), 86400);
  };
  const matomo = () => {
    set('_pk_id.1.d3m0', Math.random().toString(16).slice(2) + '.' + Math.floor(Date.now() / 1000), 34128000);
    set('_pk_ses.1.d3m0', '1', 1800);
  };
  if (behaviour === 'arrival' || prefs?.ga === true) ga();
  if (behaviour === 'ignoresRefusal') { matomo(); setInterval(matomo, 2000); }
  on('accept-all', () => { save(true); ga(); });
  on('refuse-all', () => {
    save(false);
    if (behaviour === 'ignoresRefusal') setTimeout(ga, 1500);
  });`;

export function banner(behaviour) {
  const intro = "Cookies strictement nécessaires — Toujours actif. Mesure d'audience — Inactif.";
  return `${bannerMarkup({ intro })}
<script>${bannerScript({ behaviour, trackers: ['ga', 'matomo'], code: DEMO_TRACKERS })}</script>`;
}
