/**
 * The audit's three reports, rebuilt from the portals' results after each portal: `audit.json` (the
 * results as they are), `audit.md`, and `audit.html` — one page that stands alone (its own style
 * and script, a policy that forbids any request), a table portals × rules that sorts and filters,
 * each cell opening its evidence, and each portal's timeline. Every word from `_locales`; every
 * value from a portal escaped.
 */
import { join } from 'node:path';
import type { TimelineEvent, VisitKind } from '../core/report/audit';
import { formatDuration } from '../core/util/duration';
import { dateFormat, decimalFormat } from '../core/util/intl';
import { markdownText } from '../core/report/export';
import type { MessageKey, Translate } from '../core/util/i18n';
import { ruleSentences, STATUS_MARK, STATUS_TEXT } from '../core/report/rule-wording';
import { inRuleOrder, RULES, type RuleId } from '../core/report/rule-verdict';
import { writeWhole, type AuditFile, type PortalResult } from './results';

const LOCALE = 'fr';
const VISITS: ReadonlyArray<[VisitKind, MessageKey]> = [
  ['arrive', 'auditVisitArrive'],
  ['refuse', 'auditVisitRefuse'],
  ['accept', 'auditVisitAccept'],
];
const EVENT_TEXT: Readonly<Record<TimelineEvent['kind'], MessageKey>> = {
  arrival: 'auditEventArrival',
  page: 'auditEventPage',
  choice: 'auditEventChoice',
  tracker: 'auditEventTracker',
};

export const byHost = (a: PortalResult, b: PortalResult) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0);
const seconds = (ms: number) => `+${decimalFormat(LOCALE, 1).format(ms / 1000)} s`;
export const day = (iso: string) => dateFormat(LOCALE, 'day').format(new Date(iso));

function summaryLine(results: readonly PortalResult[], t: Translate): string {
  const dates = results.map((result) => result.auditedAt).sort();
  const failing = results.filter((result) => result.rules.some((rule) => rule.status === 'fail')).length;
  const unreachable = results.filter((result) => result.outcome !== 'audited').length;
  const [first, last] = [dates[0] ? day(dates[0]) : '—', dates.at(-1) ? day(dates.at(-1)!) : '—'];
  return first === last
    ? t('auditSummaryOneDay', results.length, first, failing, unreachable)
    : t('auditSummary', results.length, first, last, failing, unreachable);
}

function outcomeLine(result: PortalResult, t: Translate): string {
  if (result.outcome === 'unreachable') return t('auditUnreachable', result.error ?? '');
  if (result.outcome === 'failed') return t('auditFailed', result.error ?? '');
  const charte = result.charteUrl ? t('auditCharteRead', result.charteUrl) : t('auditCharteMissing');
  return result.redirectedTo ? `${t('auditRedirected', result.redirectedTo)} ${charte}` : charte;
}

function managerLine(result: PortalResult, t: Translate): string {
  return result.consentManager ? t('auditManager', result.consentManager) : t('auditManagerUnknown');
}

function timelineLines(result: PortalResult, kind: VisitKind, t: Translate): string[] | null {
  const visit = result.visits?.[kind];
  if (!visit) return null;
  return visit.timeline.map(
    (event) => `${seconds(event.at - visit.startedAt)} ${t(EVENT_TEXT[event.kind], event.label)}`,
  );
}

// --- Markdown ---

/** The core's one Markdown escaper; a heading's `#` besides. */
const md = (text: string) => markdownText(text).replace(/#/g, '\\#');

export function auditMarkdown(results: readonly PortalResult[], t: Translate): string {
  const sorted = [...results].sort(byHost);
  const titles = RULES.map((rule) => t(rule.title));
  const lines = [`# ${t('auditTitle')}`, '', summaryLine(sorted, t), '', t('auditMethod'), ''];
  lines.push(`| ${t('auditPortal')} | ${titles.map(md).join(' | ')} |`, `|---|${titles.map(() => ':-:').join('|')}|`);
  for (const result of sorted)
    lines.push(
      `| ${md(result.host)} | ${RULES.map((rule) => STATUS_MARK[result.rules.find((judged) => judged.id === rule.id)?.status ?? 'unknown']).join(' | ')} |`,
    );
  lines.push(
    '',
    md(t('auditLegendMarks')),
    '',
    `## ${md(t('auditRulesBasisTitle'))}`,
    '',
    ...RULES.map((rule) => `- **${md(t(rule.title))}** — ${md(t(rule.basis))}`),
  );
  for (const result of sorted) {
    lines.push('', `## ${md(result.host)}`, '', md(outcomeLine(result, t)), '');
    if (result.outcome === 'audited') lines.push(md(managerLine(result, t)), '');
    for (const rule of ruleSentences(inRuleOrder(result.rules), t, LOCALE)) {
      lines.push(`- ${STATUS_MARK[rule.status]} **${md(rule.title)}** — ${md(rule.verdict)}`);
      for (const evidence of rule.evidence) lines.push(`  - ${md(evidence)}`);
    }
    for (const [kind, title] of VISITS) {
      const events = timelineLines(result, kind, t);
      if (!events) continue;
      lines.push('', `### ${t(title)}`, '', ...events.map((event) => `1. ${md(event)}`));
      if (kind !== 'arrive' && !result.visits?.[kind].choice) lines.push('', md(t('auditNoChoiceMade')));
    }
  }
  return `${lines.join('\n')}\n`;
}

// --- HTML ---

export const html = (text: string | number) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const STATUS_ORDER = { fail: 0, unknown: 1, pass: 2 } as const;
const anchor = (host: string) => `portal-${host.replace(/[^a-z0-9-]/g, '-')}`;

export const STYLE = `
:root { color-scheme: light; font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; }
body { margin: 0 auto; max-width: 80rem; padding: 1rem; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #8a8a8a; padding: .25rem .4rem; vertical-align: top; text-align: left; }
thead th { background: #f0f0f0; position: sticky; top: 0; }
thead button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; color: inherit; }
thead button::after { content: " ↕"; color: #595959; }
th[aria-sort="ascending"] button::after { content: " ↑"; }
th[aria-sort="descending"] button::after { content: " ↓"; }
summary { cursor: pointer; }
td ul { margin: .25rem 0 0; padding-left: 1rem; }
.scroll { overflow-x: auto; }
td[data-status="fail"] { background: #fde8e8; }
td[data-status="pass"] { background: #e6f4ea; }
td[data-status="unknown"] { background: #f3f3f3; }
.mark { font-weight: 700; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; margin: .5rem 0; }
.timeline { list-style: none; padding: 0; }
.timeline li { display: grid; grid-template-columns: 5rem 1fr; gap: .5rem; border-left: 3px solid #5a5a5a; padding-left: .5rem; }
.timeline li[data-kind="choice"] { border-color: #1d4ed8; font-weight: 600; }
.timeline li[data-kind="tracker"] { border-color: #b42318; }
.timeline time { font-variant-numeric: tabular-nums; color: #404040; }
.strip { position: relative; height: 1.2rem; background: #eee; margin: .25rem 0 .75rem; border-radius: .2rem; }
.strip span { position: absolute; top: 0; width: 3px; height: 100%; background: #5a5a5a; }
.strip span[data-kind="choice"] { background: #1d4ed8; width: 5px; }
.strip span[data-kind="tracker"] { background: #b42318; }
a { color: #1d4ed8; }
:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
`;

/** Sorts on a heading's click, filters as one types: the page's only script, inline. */
export const TABLE_SCRIPT = `
const table = document.querySelector('table');
const rows = [...table.tBodies[0].rows];
const filter = document.getElementById('filter');
const failing = document.getElementById('failing');
const count = document.getElementById('count');
const template = count.dataset.template;
function apply() {
  const words = filter.value.trim().toLowerCase();
  let shown = 0;
  for (const row of rows) {
    const visible = row.dataset.host.includes(words) && (!failing.checked || row.dataset.failing === 'true');
    row.hidden = !visible;
    if (visible) shown++;
  }
  count.textContent = template.replace('$1', shown).replace('$2', rows.length);
}
filter.addEventListener('input', apply);
failing.addEventListener('change', apply);
for (const [column, heading] of [...table.tHead.rows[0].cells].entries()) {
  heading.querySelector('button').addEventListener('click', () => {
    const direction = heading.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    for (const other of table.tHead.rows[0].cells) other.removeAttribute('aria-sort');
    heading.setAttribute('aria-sort', direction);
    const key = (row) => row.cells[column].dataset.sort;
    rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (direction === 'ascending' ? 1 : -1));
    table.tBodies[0].append(...rows);
  });
}
apply();
`;

function cell(result: PortalResult, id: RuleId, t: Translate): string {
  // By the rule's id, never its place: a column always holds its own rule.
  const judged = result.rules.find((rule) => rule.id === id);
  const rule = judged && ruleSentences([judged], t, LOCALE)[0];
  if (!judged || !rule) return '<td data-sort="9">—</td>';
  // The summary says the status; why a rule could not be judged opens with the evidence.
  const evidence = [...(judged.why ? [rule.verdict] : []), ...rule.evidence]
    .map((line) => `<li>${html(line)}</li>`)
    .join('');
  return `<td data-status="${rule.status}" data-sort="${STATUS_ORDER[rule.status]} ${html(result.host)}"><details><summary><span class="mark" aria-hidden="true">${STATUS_MARK[rule.status]}</span> ${html(t(STATUS_TEXT[rule.status]))}</summary>${evidence ? `<ul>${evidence}</ul>` : ''}</details></td>`;
}

function timelineHtml(result: PortalResult, t: Translate): string {
  const visits = VISITS.flatMap(([kind, title]) => {
    const visit = result.visits?.[kind];
    if (!visit) return [];
    const span = Math.max(1, ...visit.timeline.map((event) => event.at - visit.startedAt));
    const items = visit.timeline.map(
      (event) =>
        `<li data-kind="${event.kind}"><time>${seconds(event.at - visit.startedAt)}</time><span>${html(t(EVENT_TEXT[event.kind], event.label))}</span></li>`,
    );
    const marks = visit.timeline.map(
      (event) =>
        `<span data-kind="${event.kind}" style="left:${((100 * (event.at - visit.startedAt)) / span).toFixed(1)}%"></span>`,
    );
    const none = kind !== 'arrive' && !visit.choice ? `<p>${html(t('auditNoChoiceMade'))}</p>` : '';
    return [
      `<h4>${html(t(title))}</h4><div class="strip" aria-hidden="true">${marks.join('')}</div><ol class="timeline">${items.join('')}</ol>${none}`,
    ];
  });
  return `<article id="${anchor(result.host)}" aria-labelledby="${anchor(result.host)}-title"><h3 id="${anchor(result.host)}-title">${html(result.host)}</h3><p>${html(outcomeLine(result, t))}</p>${result.outcome === 'audited' ? `<p>${html(managerLine(result, t))}</p>` : ''}${visits.join('')}</article>`;
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
  const headings = [t('auditPortal'), ...RULES.map((rule) => t(rule.title))].map(
    (title, index) =>
      `<th scope="col"${index === 0 ? ' aria-sort="ascending"' : ''}><button type="button">${html(title)}</button></th>`,
  );
  const rows = [...results].sort(byHost).map((result) => {
    const failing = result.rules.some((rule) => rule.status === 'fail');
    const cells = RULES.map((rule) => cell(result, rule.id, t)).join('');
    return `<tr data-host="${html(result.host)}" data-failing="${failing}"><th scope="row" data-sort="${html(result.host)}"><a href="${html(hostHref(result.host))}">${html(result.host)}</a></th>${cells}</tr>`;
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

/** A page that stands alone: its own style and script, and a policy that forbids any request. */
export function standalonePage(title: string, body: string, { script = '', style = '', head = '' } = {}): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
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
  const body = `<header><h1>${html(t('auditTitle'))}</h1><p>${html(summaryLine(sorted, t))}</p><p>${html(t('auditMethod'))}</p></header>
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

export async function writeReports(
  out: string,
  results: readonly PortalResult[],
  t: Translate,
  tool: string,
): Promise<void> {
  const sorted = [...results].sort(byHost);
  const file: AuditFile = { tool, portals: sorted };
  await writeWhole(join(out, 'audit.json'), `${JSON.stringify(file, null, 1)}\n`);
  await writeWhole(join(out, 'audit.md'), auditMarkdown(sorted, t));
  await writeWhole(join(out, 'audit.html'), auditHtml(sorted, t));
}

export const elapsed = (ms: number) => formatDuration(ms / 1000, LOCALE);
