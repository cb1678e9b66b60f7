// The consent banner of the demo portals, as Opendatasoft portals show it: « Tout accepter » /
// « Tout refuser », the choice kept six months in `cookies_preferences` (URI-encoded JSON, one
// boolean per tracker and a timestamp). `behaviour` says how the portal's trackers behave:
//   consent — trackers start only after « Tout accepter » (what the CNIL asks);
//   arrival — Google Analytics writes _ga and _gid on arrival, before any choice;
//   ignoresRefusal — Google Analytics and Matomo keep writing their cookies after « Tout refuser »;
//   fixed — the server sets every cookie with fixed values (the screenshots' portal); the page writes none.

const script = (behaviour) => `
(() => {
  const behaviour = ${JSON.stringify(behaviour)};
  const year = 365 * 24 * 3600;
  const set = (name, value, maxAge) => { document.cookie = name + '=' + value + '; Max-Age=' + maxAge + '; Path=/; Secure; SameSite=Lax'; };
  const read = () => {
    const found = document.cookie.match(/(?:^|; )cookies_preferences=([^;]*)/);
    try { return found ? JSON.parse(decodeURIComponent(found[1])) : null; } catch { return null; }
  };
  const ga = () => { set('_ga', 'GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000), 2 * year); set('_gid', 'GA1.1.' + Math.floor(Math.random() * 1e9), 86400); };
  const matomo = () => { set('_pk_id.1.d3m0', Math.random().toString(16).slice(2) + '.' + Math.floor(Date.now() / 1000), 34128000); set('_pk_ses.1.d3m0', '1', 1800); };
  const save = (accepted) => {
    set('cookies_preferences', encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: accepted, matomo: accepted, timestamp: Math.floor(Date.now() / 1000) })), 182 * 24 * 3600);
    document.getElementById('cookie-banner').hidden = true;
  };
  const prefs = read();
  document.getElementById('cookie-banner').hidden = prefs !== null;
  if (behaviour === 'arrival' || prefs?.ga === true) ga();
  if (behaviour === 'ignoresRefusal') { matomo(); setInterval(matomo, 2000); }
  document.getElementById('accept-all').addEventListener('click', () => { save(true); ga(); });
  document.getElementById('refuse-all').addEventListener('click', () => {
    save(false);
    if (behaviour === 'ignoresRefusal') setTimeout(ga, 1500);
  });
})();`;

export function banner(behaviour) {
  return `<div id="cookie-banner" role="dialog" aria-labelledby="cookie-banner-title" hidden>
<h2 id="cookie-banner-title">Gestion de vos préférences sur les cookies</h2>
<p>Cookies strictement nécessaires — Toujours actif. Mesure d'audience — Inactif.</p>
<button type="button" id="accept-all">Tout accepter</button> <button type="button" id="refuse-all">Tout refuser</button>
</div>
<script>${script(behaviour)}</script>`;
}
