/** audit.md: the table of verdicts, then each portal's rules with their evidence and its timelines. */
import { markdownText } from '../core/report/export';
import { inRuleOrder, RULES, verdictFor } from '../core/report/rule-verdict';
import { ruleSentences, STATUS_MARK } from '../core/report/rule-wording';
import type { Translate } from '../core/util/i18n';
import { byHost, LOCALE, managerLine, outcomeLine, summaryLine, timelineLines, VISITS } from './report-words';
import type { PortalResult } from './results';

/** The core's one Markdown escaper; a heading's `#` besides. */
const md = (text: string) => markdownText(text).replace(/#/g, '\\#');

export function auditMarkdown(results: readonly PortalResult[], t: Translate): string {
  const sorted = [...results].sort(byHost);
  const titles = RULES.map((rule) => t(rule.title));
  const lines = [`# ${t('auditTitle')}`, '', summaryLine(sorted, t), '', t('auditMethod'), ''];
  lines.push(`| ${t('auditPortal')} | ${titles.map(md).join(' | ')} |`, `|---|${titles.map(() => ':-:').join('|')}|`);
  for (const result of sorted) {
    const marks = RULES.map((rule) => STATUS_MARK[verdictFor(result.rules, rule.id)?.status ?? 'unknown']);
    lines.push(`| ${md(result.host)} | ${marks.join(' | ')} |`);
  }
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
