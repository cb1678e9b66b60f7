import { ruleSentences, STATUS_MARK } from './rule-wording';
import type { Translate } from '../util/i18n';
import { dateFormat } from '../util/intl';
import { everyCookie, type ExplainedCookie, type Said, type SiteReport } from './site-report';
import { choiceLines, timeline } from './consent-wording';
import { cookieSentences, GROUP_TITLE } from './wording';

/**
 * What a data-protection officer's tools need of one site: plain data (ids, numbers, ISO dates).
 * Sentences belong to the Markdown report and the popup, which word the same explanation.
 */
export interface ExportedReport {
  format: 'cookies-ods/report';
  version: 2;
  portal: string;
  isPortal: boolean;
  generatedAt: string;
  charte: { source: 'portal'; url: string; readAt: string; unreadRows: string[][] } | { source: 'standard' };
  summary: SiteReport['counts'];
  cookies: Array<{
    name: string;
    domain: string;
    path: string;
    relation: ExplainedCookie['relation'];
    category: ExplainedCookie['group'];
    provider: ExplainedCookie['provider'];
    purpose: Said | null;
    /**
     * For a cookie only the Open Cookie Database knows: what it says (source: « Open Cookie Database », Apache-2.0).
     */
    reference: ExplainedCookie['reference'];
    declaration: ExplainedCookie['declaration'];
    consentRule: ExplainedCookie['consentRule'];
    declaredLifetime: { kind: string; seconds: number | null; source: string; wording: string | null } | null;
    observedLifetime: { kind: ExplainedCookie['remaining']['kind']; seconds: number | null; expires: string | null };
    flags: ExplainedCookie['flags'];
    verdict: { kind: string; choiceAt: string | null } | null;
    seen: { firstSeen: string | null; lastChanged: string | null } | null;
    alert: boolean;
    secure: boolean;
    httpOnly: boolean;
    sameSite: string;
    partition: string | null;
    store: string;
  }>;
  comparison: SiteReport['comparison'];
  /** The visitor's recorded choice on the portal and the visit's journal, for the analytics provider. */
  consent: {
    record:
      | { kind: 'none' }
      | { kind: 'unreadable'; raw: string }
      | {
          kind: 'record';
          at: string | null;
          choices: Array<{ key: string; accepted: boolean | null }>;
          others: Array<{ key: string; value: string }>;
        };
    choices: Array<{ tracker: string; status: string; at: string | null; lapsesAt: string | null }>;
    arrivals: string[];
    choicesWritten: string[];
  } | null;
  rules: SiteReport['rules'];
}

export function exportReport(report: SiteReport): ExportedReport {
  return {
    format: 'cookies-ods/report',
    version: 2,
    portal: report.host,
    isPortal: report.isPortal,
    generatedAt: isoDate(report.generatedAt) ?? '',
    charte: report.charte
      ? {
          source: 'portal',
          url: report.charte.url,
          readAt: isoDate(report.charte.readAt) ?? '',
          unreadRows: report.charte.unread,
        }
      : { source: 'standard' },
    summary: { ...report.counts },
    cookies: everyCookie(report).map(exportCookie),
    comparison: report.comparison,
    consent: report.consent && exportConsent(report.consent),
    // Each CNIL rule as this visit showed it: ids are stable (rules.ts); times in ms since 1970.
    rules: report.rules,
  };
}

function exportConsent(consent: NonNullable<SiteReport['consent']>): NonNullable<ExportedReport['consent']> {
  const { record } = consent;
  return {
    record: record.kind === 'record' ? { ...record, at: record.at === null ? null : isoDate(record.at) } : record,
    choices: consent.choices.map(({ tracker, status, at, lapsesAt }) => ({
      tracker,
      status,
      at: at === null ? null : isoDate(at),
      lapsesAt: lapsesAt === null ? null : isoDate(lapsesAt),
    })),
    arrivals: consent.arrivals.flatMap((at) => isoDate(at) ?? []),
    choicesWritten: consent.choicesWritten.flatMap((at) => isoDate(at) ?? []),
  };
}

function exportCookie(item: ExplainedCookie): ExportedReport['cookies'][number] {
  const { cookie, declaredLifetime: declared, remaining } = item;
  return {
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    relation: item.relation,
    category: item.group,
    provider: item.provider,
    // Data, not a sentence: a catalogue id (its words are in `_locales`), or the charte's own words.
    purpose: item.purpose,
    reference: item.reference,
    declaration: item.declaration,
    consentRule: item.consentRule,
    declaredLifetime: declared && {
      kind: declared.lifetime.kind,
      seconds: 'seconds' in declared.lifetime ? declared.lifetime.seconds : null,
      source: declared.source,
      wording: declared.wording,
    },
    observedLifetime: {
      kind: remaining.kind,
      seconds: remaining.kind === 'remaining' ? Math.round(remaining.seconds) : null,
      expires:
        remaining.kind === 'session' || cookie.expirationDate === undefined
          ? null
          : isoDate(cookie.expirationDate * 1000),
    },
    flags: [...item.flags],
    verdict: item.verdict && {
      kind: item.verdict.kind,
      choiceAt: 'at' in item.verdict && item.verdict.at !== null ? isoDate(item.verdict.at) : null,
    },
    seen: item.seen && { firstSeen: isoDate(item.seen.firstSeen), lastChanged: isoDate(item.seen.lastChanged) },
    alert: item.alert,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    partition: cookie.partitionKey?.topLevelSite ?? null,
    store: cookie.storeId,
  };
}

function isoDate(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Escapes what CommonMark (with tables) could read as markup or HTML, and nothing else: a hostile
 * cookie name stays text, and `data.issy.com` or « d'audience » stay as written.
 */
export function markdownText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[\\`*_[\]<>&|~]/g, '\\$&');
}

export function reportToMarkdown(report: SiteReport, t: Translate, locale: string): string {
  const date = (ms: number) => dateFormat(locale, 'dayAndTime').format(ms);
  const c = report.counts;
  const line = (text: string) => markdownText(text);
  const lines = [
    `# ${line(t('reportTitle', report.host))}`,
    '',
    line(t('reportDate', date(report.generatedAt))),
    '',
    line(t('reportSummary', c.total, c.undeclared, c.outlivesDeclared, c.beyondCnil, c.needsConsent)),
    '',
    line(
      report.charte ? t('reportCharteSource', report.charte.url, date(report.charte.readAt)) : t('reportGenericCharte'),
    ),
    '',
    `| ${t('reportColumns')} |`,
    `|${' --- |'.repeat(7)}`,
    ...everyCookie(report).map((item) => {
      const said = cookieSentences(item, t, locale);
      const notes = [...(said.verdict ? [said.verdict.text] : []), ...said.flags.map((flag) => flag.text)];
      const purpose = said.purposeLang ? `${said.purpose} (${t('ocdEnglish')})` : said.purpose;
      const provider = said.reference ? `${said.provider} (${said.reference.source})` : said.provider;
      const cells = [
        item.cookie.name,
        t(GROUP_TITLE[item.group]),
        provider,
        purpose,
        said.lifetime ?? t('reportNoLifetime'),
        said.remaining,
        notes.join(' ; ') || t('reportNoFlag'),
      ];
      return `| ${cells.map(line).join(' | ')} |`;
    }),
  ];
  if (report.consent) {
    lines.push(
      '',
      `## ${line(t('consentTitle'))}`,
      '',
      ...choiceLines(report.consent, t, locale).map((text) => `- ${line(text)}`),
    );
    const moments = timeline(report, t, locale);
    if (moments.length > 0)
      lines.push('', `### ${line(t('timelineTitle'))}`, '', ...moments.map((moment) => `- ${line(moment.text)}`));
  }
  if (report.rules.length > 0) {
    lines.push('', `## ${line(t('rulesTitle'))}`, '');
    for (const rule of ruleSentences(report.rules, t, locale)) {
      lines.push(
        `- ${STATUS_MARK[rule.status]} ${line(rule.title)} — ${line(rule.verdict)}`,
        ...rule.evidence.map((text) => `  - ${line(text)}`),
      );
    }
  }
  if (report.comparison) {
    lines.push('', `## ${line(t('charteTitle'))}`, '');
    const groups: Array<[string, string[]]> = [
      [t('charteDeclaredAndSet'), report.comparison.declaredAndSet],
      [t('charteDeclaredNotSet'), report.comparison.declaredNotSet],
      [t('charteSetNotDeclared'), report.comparison.setNotDeclared],
    ];
    for (const [title, names] of groups)
      lines.push(`- ${line(`${title} (${names.length}) : ${names.join(', ') || t('charteNone')}`)}`);
  }
  for (const row of report.charte?.unread ?? []) lines.push('', line(t('reportUnreadRow', row.join(' / '))));
  return `${lines.join('\n')}\n`;
}
