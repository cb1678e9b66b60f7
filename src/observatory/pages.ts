/**
 * The observatory's HTML: `index.html` (the trend of each rule over the runs, then every portal's
 * latest state in audit.html's table) and one page per portal (each rule, one mark per run, each mark
 * opening that run's evidence). Pages stand alone, as audit.html does: no request leaves them.
 */
import { html, rulesTableSection, standalonePage, TABLE_SCRIPT } from '../audit/report-html';
import { fileNameOf } from '../audit/results';
import type { Translate } from '../core/util/i18n';
import { ruleSentences, STATUS_MARK, STATUS_TEXT, type RuleSentences } from '../core/report/rule-wording';
import { RULES, type RuleVerdict } from '../core/report/rule-verdict';
import { sharesOf, type Mark, type MarkStatus, type PortalHistory, type RuleLine, type Run } from './history';
import { TREND_STYLE, trendFigure } from './trend';
import { longDay, shortDay } from './words';

export const FEED_FILE = 'changes.atom';
export const portalPage = (host: string) => `portals/${fileNameOf(host)}.html`;

const MARK_OF: Readonly<Record<MarkStatus, string>> = { ...STATUS_MARK, unreachable: '⌀', absent: '·' };

function intro(runs: readonly Run[], portals: number, t: Translate): string {
  return t('observatoryIntro', runs.length, longDay(runs[0]!.at), longDay(runs.at(-1)!.at), portals);
}

export function indexPage(runs: readonly Run[], histories: readonly PortalHistory[], t: Translate): string {
  const trends = RULES.map((rule, index) =>
    trendFigure(`trend-${index + 1}`, t(rule.title), sharesOf(runs, rule.id), t),
  ).join('\n');
  const files = '(<a href="data/latest.csv">latest.csv</a>, <a href="data/history.csv">history.csv</a>)';
  const data = `<a href="data/datapackage.json">${html(t('observatoryDataLink'))}</a> ${files}`;
  const body = `<header><h1>${html(t('observatoryTitle'))}</h1><p>${html(intro(runs, histories.length, t))}</p>
<p><a href="${FEED_FILE}">${html(t('observatoryFeedLink'))}</a> · ${data}</p></header>
<main>
<section aria-labelledby="trends-title">
<h2 id="trends-title">${html(t('observatoryTrendsTitle'))}</h2>
<p>${html(t('observatoryTrendsHint'))}</p>
<div class="trends">${trends}</div>
</section>
<p>${html(t('observatoryLatestHint'))}</p>
${rulesTableSection(
  histories.map((history) => history.latest),
  t,
  portalPage,
)}
</main>
<footer><p>${html(t('observatoryFooter'))}</p></footer>`;
  const feedTitle = html(t('observatoryFeedTitle'));
  const feed = `\n<link rel="alternate" type="application/atom+xml" href="${FEED_FILE}" title="${feedTitle}">`;
  return standalonePage(t('observatoryTitle'), body, {
    script: TABLE_SCRIPT,
    style: TREND_STYLE + HISTORY_STYLE,
    head: feed,
  });
}

const sentences = new WeakMap<RuleVerdict, RuleSentences>();
/** A verdict's words, made once for its mark on the portal's page and its row in the CSV. */
export function sentencesOf(verdict: RuleVerdict, t: Translate): RuleSentences {
  let words = sentences.get(verdict);
  if (!words) sentences.set(verdict, (words = ruleSentences([verdict], t, 'fr')[0]!));
  return words;
}

export function markLabel(mark: Mark, t: Translate): string {
  if (mark.status === 'absent') return t('observatoryAbsent');
  if (mark.status === 'unreachable') return t('observatoryUnreachable');
  return t(STATUS_TEXT[mark.status]);
}

function markCell(mark: Mark, t: Translate): string {
  const label = `<span class="hidden">${html(markLabel(mark, t))}</span>`;
  if (!mark.verdict || !mark.result)
    return `<td data-status="${mark.status}"><span aria-hidden="true">${MARK_OF[mark.status]}</span>${label}</td>`;
  const words = sentencesOf(mark.verdict, t);
  const lines = [
    ...(mark.verdict.why ? [words.verdict] : []),
    ...words.evidence,
    t('observatoryAuditedOn', longDay(mark.result.auditedAt)),
  ];
  const summary = `<summary><span class="mark" aria-hidden="true">${MARK_OF[mark.status]}</span>${label}</summary>`;
  const list = `<ul>${lines.map((line) => `<li>${html(line)}</li>`).join('')}</ul>`;
  return `<td data-status="${mark.status}"><details>${summary}${list}</details></td>`;
}

function sinceLine(line: RuleLine, t: Translate): string {
  if (!line.current) return t('observatoryNeverJudged');
  return t(
    'observatorySince',
    t(STATUS_TEXT[line.current.mark.status as keyof typeof STATUS_TEXT]),
    longDay(line.current.since),
  );
}

export function portalHistoryPage(history: PortalHistory, t: Translate): string {
  const newestFirst = (marks: readonly Mark[]) => [...marks].reverse();
  const runs = newestFirst(history.lines[0]!.marks).map(
    (mark) => `<th scope="col">${html(shortDay(mark.run.at))}</th>`,
  );
  const rows = history.lines.map((line) => {
    const rule = RULES.find((candidate) => candidate.id === line.rule)!;
    return `<tr><th scope="row">${html(t(rule.title))}<br><small>${html(sinceLine(line, t))}</small></th>${newestFirst(
      line.marks,
    )
      .map((mark) => markCell(mark, t))
      .join('')}</tr>`;
  });
  const head = `<thead><tr><th scope="col">${html(t('observatoryRuleColumn'))}</th>${runs.join('')}</tr></thead>`;
  const lines = `<tbody>${rows.join('\n')}</tbody>`;
  const table = `<table class="history" aria-labelledby="history-title">${head}${lines}</table>`;
  const body = `<header><p><a href="../index.html">${html(t('observatoryBack'))}</a></p><h1>${html(history.host)}</h1>
<p>${html(t('observatoryLatestAudit', longDay(history.latest.auditedAt)))}</p></header>
<main><section aria-labelledby="history-title">
<h2 id="history-title">${html(t('observatoryHistoryTitle'))}</h2>
<p>${html(t('observatoryLegend'))}</p>
<div class="scroll" tabindex="0">${table}</div>
</section></main>
<footer><p>${html(t('observatoryFooter'))}</p></footer>`;
  return standalonePage(`${history.host} — ${t('observatoryTitle')}`, body, { style: HISTORY_STYLE });
}

const HISTORY_STYLE = `
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.history td { text-align: center; min-width: 2rem; }
.history td ul { text-align: left; min-width: 16rem; }
.history th[scope="row"] { min-width: 14rem; }
td[data-status="absent"], td[data-status="unreachable"] { background: #fff; color: #404040; }
`;
