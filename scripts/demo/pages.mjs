// The HTML the demo sites answer with: portal pages carry the Opendatasoft markers, the charte is a real table.
import { banner } from './banner.mjs';
import { blocksFromCharteText } from './charte-text.mjs';

export const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const linkify = (text) =>
  escapeHtml(text).replace(/&#60;(https?:\/\/[^&\s]+)&#62;/g, (_, url) => `<a href="${url}">${url}</a>`);

/**
 * A demo page: a portal's carries Opendatasoft's header and footer (the charte's link, and `inFooter` beside it);
 * `after` closes the body (a banner, its scripts).
 */
/** A table with its header row, every cell's text escaped. */
export function htmlTable(head, rows) {
  const cells = (row, tag) => row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('');
  const body = rows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('');
  return `<table><thead><tr>${cells(head, 'th')}</tr></thead><tbody>${body}</tbody></table>`;
}

export function layout({
  title,
  lang = 'fr',
  portal,
  body,
  chartePath = '/terms/cookies-policy/',
  inFooter = '',
  after = '',
}) {
  const header = portal
    ? `<nav class="ods-front-header"><a href="/">${escapeHtml(title)}</a> <a href="/explore/">Données</a></nav>`
    : `<header><a href="/">${escapeHtml(title)}</a></header>`;
  const footer = portal
    ? `<footer class="ods-front-footer"><a href="${chartePath}">Charte cookies</a>${inFooter}</footer>`
    : '<footer>—</footer>';
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,"></head>
<body>${header}<main>${body}</main>${footer}${after}</body>
</html>`;
}

export function homePage(host, site) {
  if (site.kind === 'widgets') return widgetPage(site);
  const portal = site.kind === 'portal';
  const body = portal
    ? `<div class="ods-box"><h1>${escapeHtml(site.title)}</h1>` +
      `<p>Portail de démonstration servi en local : ${escapeHtml(host)}.</p>` +
      '<p><a href="/explore/">Explorer les jeux de données</a></p></div>'
    : `<h1>${escapeHtml(site.title)}</h1><p>Un site ordinaire, sans rapport avec Opendatasoft.</p>`;
  return layout({
    title: site.title,
    lang: site.lang,
    portal,
    body: site.analytics ? `${body}${banner(site.analytics)}` : body,
    chartePath: site.chartePath,
  });
}

/** An ordinary site that embeds an Opendatasoft chart: widget markup, none of a portal's own header or footer. */
function widgetPage(site) {
  return `<!doctype html>
<html lang="fr" ng-app="ods-widgets">
<head><meta charset="utf-8"><title>${escapeHtml(site.title)}</title><link rel="icon" href="data:,"></head>
<body><header><a href="/">${escapeHtml(site.title)}</a></header><main><h1>${escapeHtml(site.title)}</h1>
<p>Notre article, illustré par un graphique du portail de la métropole.</p>
<ods-dataset-context context="velos" velos-domain="metropole-demo.opendatasoft.com" velos-dataset="comptages-velos">
<ods-chart><ods-chart-query context="velos"></ods-chart-query></ods-chart></ods-dataset-context>
<div class="ods-box">Graphique : comptages vélos</div></main><footer>—</footer></body>
</html>`;
}

export function chartePage(site) {
  const body = blocksFromCharteText(site.charte, { asPublished: true })
    .map((block) => {
      if (block.kind === 'heading') return `<h2>${linkify(block.text)}</h2>`;
      if (block.kind === 'paragraph') return `<p>${linkify(block.text)}</p>`;
      const [head, ...rows] = block.rows;
      return htmlTable(head, rows);
    })
    .join('\n');
  return layout({ title: site.title, lang: site.lang, portal: true, body: `<div class="ods-box">${body}</div>` });
}
