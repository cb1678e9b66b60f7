/**
 * audit.html, a page that stands alone (the observatory's pages are built of the same parts): its style and its one
 * script are files of their own beside this one, inlined at build.
 */
import { RULES, verdictFor, type RuleId } from '../core/report/rule-verdict';
import { ruleSentences, STATUS_MARK, STATUS_TEXT } from '../core/report/rule-wording';
import type { Translate } from '../core/util/i18n';
import STYLE from './report.css?raw';
import TABLE_SCRIPT from './report-table.js?raw';
import { byHost, EVENT_TEXT, LOCALE, managerLine, outcomeLine, seconds, summaryLine, VISITS } from './report-words';
import type { PortalResult } from './results';

export { STYLE, TABLE_SCRIPT };

export const html = (text: string | number) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const STATUS_ORDER = { fail: 0, unknown: 1, pass: 2 } as const;
const anchor = (host: string) => `portal-${host.replace(/[^a-z0-9-]/g, '-')}`;

function cell(result: PortalResult, id: RuleId, t: Translate): string {
  // By the rule's id, never its place: a column always holds its own rule.
  const judged = verdictFor(result.rules, id);
  const rule = judged && ruleSentences([judged], t, LOCALE)[0];
  if (!judged || !rule) return '<td data-sort="9">—</td>';
  // The summary says the status; why a rule could not be judged opens with the evidence.
  const evidence = [...(judged.why ? [rule.verdict] : []), ...rule.evidence]
    .map((line) => `<li>${html(line)}</li>`)
    .join('');
  const mark = `<span class="mark" aria-hidden="true">${STATUS_MARK[rule.status]}</span>`;
  const summary = `<summary>${mark} ${html(t(STATUS_TEXT[rule.status]))}</summary>`;
  const sort = `${STATUS_ORDER[rule.status]} ${html(result.host)}`;
  const list = evidence ? `<ul>${evidence}</ul>` : '';
  return `<td data-status="${rule.status}" data-sort="${sort}"><details>${summary}${list}</details></td>`;
}

function timelineHtml(result: PortalResult, t: Translate): string {
  const visits = VISITS.flatMap(([kind, title]) => {
    const visit = result.visits?.[kind];
    if (!visit) return [];
    const span = Math.max(1, ...visit.timeline.map((event) => event.at - visit.startedAt));
    const items = visit.timeline.map((event) => {
      const when = `<time>${seconds(event.at - visit.startedAt)}</time>`;
      return `<li data-kind="${event.kind}">${when}<span>${html(t(EVENT_TEXT[event.kind], event.label))}</span></li>`;
    });
    const marks = visit.timeline.map((event) => {
      const left = ((100 * (event.at - visit.startedAt)) / span).toFixed(1);
      return `<span data-kind="${event.kind}" style="left:${left}%"></span>`;
    });
    const none = kind !== 'arrive' && !visit.choice ? `<p>${html(t('auditNoChoiceMade'))}</p>` : '';
    const strip = `<div class="strip" aria-hidden="true">${marks.join('')}</div>`;
    return [`<h4>${html(t(title))}</h4>${strip}<ol class="timeline">${items.join('')}</ol>${none}`];
  });
  const id = anchor(result.host);
  const manager = result.outcome === 'audited' ? `<p>${html(managerLine(result, t))}</p>` : '';
  const heading = `<h3 id="${id}-title">${html(result.host)}</h3><p>${html(outcomeLine(result, t))}</p>`;
  return `<article id="${id}" aria-labelledby="${id}-title">${heading}${manager}${visits.join('')}</article>`;
}

/**
 * The table portals × rules with its filters, as audit.html and the observatory's index show it; `hostHref` links a
 * portal's name.
 */
export function rulesTableSection(
  results: readonly PortalResult[],
  t: Translate,
  hostHref: (host: string) => string,
): string {
  const headings = [t('auditPortal'), ...RULES.map((rule) => t(rule.title))].map((title, index) => {
    const sorted = index === 0 ? ' aria-sort="ascending"' : '';
    return `<th scope="col"${sorted}><button type="button">${html(title)}</button></th>`;
  });
  const rows = [...results].sort(byHost).map((result) => {
    const failing = result.rules.some((rule) => rule.status === 'fail');
    const cells = RULES.map((rule) => cell(result, rule.id, t)).join('');
    const host = html(result.host);
    const name = `<th scope="row" data-sort="${host}"><a href="${html(hostHref(result.host))}">${host}</a></th>`;
    return `<tr data-host="${host}" data-failing="${failing}">${name}${cells}</tr>`;
  });
  return `<section aria-labelledby="rules-title">
<h2 id="rules-title">${html(t('auditTableTitle'))}</h2>
<p>${html(t('auditSortHint'))}</p>
<div class="filters">
<label for="filter">${html(t('auditFilter'))}</label> <input id="filter" type="search" autocomplete="off">
<label><input id="failing" type="checkbox"> ${html(t('auditOnlyFailing'))}</label>
<p id="count" aria-live="polite" data-template="${html(t('auditShown', '$1', '$2'))}"></p>
</div>
<p>${html(t('auditLegendMarks'))}</p>
<div class="scroll" tabindex="0">
<table aria-labelledby="rules-title">
<thead><tr>${headings.join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table>
</div>
</section>`;
}

const NO_REQUEST_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** A page that stands alone: its own style and script, and a policy that forbids any request. */
export function standalonePage(title: string, body: string, { script = '', style = '', head = '' } = {}): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${NO_REQUEST_POLICY}">
<title>${html(title)}</title>
<link rel="icon" href="data:,">${head}
<style>${STYLE}${style}</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}

export function auditHtml(results: readonly PortalResult[], t: Translate): string {
  const sorted = [...results].sort(byHost);
  const summary = `<p>${html(summaryLine(sorted, t))}</p><p>${html(t('auditMethod'))}</p>`;
  const body = `<header><h1>${html(t('auditTitle'))}</h1>${summary}</header>
<main>
${rulesTableSection(sorted, t, (host) => `#${anchor(host)}`)}
<section aria-labelledby="basis-title">
<h2 id="basis-title">${html(t('auditRulesBasisTitle'))}</h2>
<dl>${RULES.map((rule) => `<dt>${html(t(rule.title))}</dt><dd>${html(t(rule.basis))}</dd>`).join('')}</dl>
</section>
<section aria-labelledby="timelines-title">
<h2 id="timelines-title">${html(t('auditTimelines'))}</h2>
<p>${html(t('auditLegendStrip'))}</p>
${sorted.map((result) => timelineHtml(result, t)).join('\n')}
</section>
</main>
<footer><p>${html(t('auditFooter'))}</p></footer>`;
  return standalonePage(t('auditTitle'), body, { script: TABLE_SCRIPT });
}
