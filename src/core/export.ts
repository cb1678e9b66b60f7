import type { DeclaredCookie } from './charte';
import { compareWithCharte, declarationIn, type StoredCharte } from './compare';
import type { Translate } from './i18n';
import type { ExplainedCookie, SiteReport } from './report';
import { catalogueKey } from './i18n';
import { declaredText, flagText, GROUP_TITLE, remainingText } from './wording';

/** What a data-protection officer needs of one site, as data: the JSON export, and the source of the Markdown one. */
export interface ExportedReport {
  format: 'cookies-ods/report';
  version: 1;
  portal: string;
  isPortal: boolean;
  generatedAt: string;
  charte: { source: 'portal'; url: string; readAt: string; unreadRows: string[][] } | { source: 'standard' };
  summary: { total: number; undeclared: number; outlivesDeclared: number; beyondCnil: number; needsConsent: number; parentDomain: number };
  cookies: Array<{
    name: string;
    domain: string;
    path: string;
    category: string;
    provider: string | null;
    service: string | null;
    purpose: string;
    consent: 'exempt' | 'conditional' | 'required' | 'unknown';
    declaredLifetime: { text: string; seconds: number | null; wording: string | null };
    observedLifetime: { text: string; seconds: number | null; expires: string | null };
    flags: string[];
    flagTexts: string[];
    secure: boolean;
    httpOnly: boolean;
    sameSite: string;
    partition: string | null;
  }>;
  comparison: { declaredAndSet: string[]; declaredNotSet: string[]; setNotDeclared: string[] } | null;
}

export function exportReport(report: SiteReport, charte: StoredCharte | null, t: Translate, locale: string): ExportedReport {
  const items = report.groups.flatMap((group) => group.cookies);
  const count = (flag: string) => items.filter((item) => item.flags.includes(flag as never)).length;
  const comparison = charte && compareWithCharte(report, charte);
  const declaration = charte ? declarationIn(charte) : () => undefined;
  return {
    format: 'cookies-ods/report',
    version: 1,
    portal: report.host,
    isPortal: report.isPortal,
    generatedAt: new Date(report.generatedAt).toISOString(),
    charte: charte
      ? { source: 'portal', url: charte.url, readAt: new Date(charte.readAt).toISOString(), unreadRows: charte.unread.map((row) => row.cells) }
      : { source: 'standard' },
    summary: {
      total: items.length,
      undeclared: count('undeclared'),
      outlivesDeclared: count('outlivesDeclared'),
      beyondCnil: count('beyondCnil'),
      needsConsent: count('needsConsent'),
      parentDomain: count('parentDomain'),
    },
    cookies: items.map((item) => exportCookie(item, declaration, t, locale)),
    comparison: comparison && {
      declaredAndSet: comparison.declaredAndSet.map(({ declared }) => declared.name),
      declaredNotSet: comparison.declaredNotSet.map((declared) => declared.name),
      setNotDeclared: comparison.setNotDeclared.map((item) => item.cookie.name),
    },
  };
}

function exportCookie(
  item: ExplainedCookie,
  declaration: (name: string) => DeclaredCookie | undefined,
  t: Translate,
  locale: string,
): ExportedReport['cookies'][number] {
  const { cookie, entry } = item;
  const fromCharte = declaration(cookie.name);
  const declared = fromCharte && fromCharte.lifetime.kind !== 'unknown' ? fromCharte.lifetime : entry?.lifetime.declared;
  return {
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    category: t(GROUP_TITLE[item.group]),
    provider: entry?.provider ?? (fromCharte?.provider || null),
    service: entry ? t(catalogueKey(entry.id, 'service')) : (fromCharte?.service ?? null),
    purpose: entry ? t(catalogueKey(entry.id, 'purpose')) : (fromCharte?.purpose ?? t('unknownPurpose')),
    consent: entry?.consent ?? 'unknown',
    declaredLifetime: {
      text: declared ? declaredText(declared, t, locale) : t('declaredUnknown'),
      seconds: declared && 'seconds' in declared ? declared.seconds : null,
      wording: fromCharte?.lifetimeWording ?? entry?.lifetime.charteWording ?? null,
    },
    observedLifetime: {
      text: remainingText(item.remaining, t, locale),
      seconds: item.remaining.kind === 'remaining' ? Math.round(item.remaining.seconds) : null,
      expires: cookie.expirationDate !== undefined && Number.isFinite(cookie.expirationDate) && !cookie.session ? safeIso(cookie.expirationDate * 1000) : null,
    },
    flags: [...item.flags],
    flagTexts: item.flags.map((flag) => flagText(flag, cookie, t)),
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    partition: cookie.partitionKey?.topLevelSite ?? null,
  };
}

function safeIso(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Backslash-escapes every character Markdown could read as markup, so a hostile cookie name stays text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, '\\$&');
}

export function reportToMarkdown(data: ExportedReport, t: Translate, locale: string): string {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(data.generatedAt));
  const s = data.summary;
  const lines = [
    `# ${escapeMarkdown(t('reportTitle', data.portal))}`,
    '',
    escapeMarkdown(t('reportDate', date)),
    '',
    escapeMarkdown(t('reportSummary', s.total, s.undeclared, s.outlivesDeclared, s.beyondCnil, s.needsConsent)),
    '',
    escapeMarkdown(data.charte.source === 'portal' ? t('reportCharteSource', data.charte.url) : t('reportGenericCharte')),
    '',
    `| ${t('reportColumns')} |`,
    `|${' --- |'.repeat(6)}`,
    ...data.cookies.map((c) =>
      `| ${[c.name, c.category, c.provider ?? '', c.declaredLifetime.text, c.observedLifetime.text, c.flagTexts.join(', ') || t('reportNoFlag')]
        .map(escapeMarkdown)
        .join(' | ')} |`,
    ),
  ];
  if (data.comparison) {
    lines.push('', `## ${escapeMarkdown(t('charteTitle'))}`, '');
    const groups: Array<[string, string[]]> = [
      [t('charteDeclaredAndSet'), data.comparison.declaredAndSet],
      [t('charteDeclaredNotSet'), data.comparison.declaredNotSet],
      [t('charteSetNotDeclared'), data.comparison.setNotDeclared],
    ];
    for (const [title, names] of groups) lines.push(`- ${escapeMarkdown(title)} (${names.length}) : ${names.map(escapeMarkdown).join(', ') || escapeMarkdown(t('charteNone'))}`);
  }
  if (data.charte.source === 'portal') {
    for (const row of data.charte.unreadRows) lines.push('', escapeMarkdown(t('reportUnreadRow', row.join(' / '))));
  }
  return `${lines.join('\n')}\n`;
}
