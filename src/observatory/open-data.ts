/**
 * The observatory as open data: `history.csv` (one row per portal × rule × run), `latest.csv` (one
 * row per portal × rule, its last audit) and `datapackage.json`, a Frictionless Tabular Data Package
 * describing both with a Table Schema — what an open-data portal, an Opendatasoft one included,
 * harvests as it is. Columns are machine words (`pass`, `fail`…) with a French label beside them.
 */
import type { Translate } from '../core/util/i18n';
import { RULES } from '../core/report/rule-verdict';
import type { Mark, MarkStatus, PortalHistory, Run } from './history';
import { markLabel, sentencesOf } from './pages';

/** An evidence summary stays a cell: a few cookie names, not a page's worth. */
const EVIDENCE_LIMIT = 300;
const STATUSES: readonly MarkStatus[] = ['pass', 'fail', 'unknown', 'unreachable', 'absent'];

/** Table Schema's `datetime`: ISO 8601 to the second. */
const toSecond = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');

/** RFC 4180: every field quoted, its quotes doubled; a line break inside a value kept as a space. */
const csvLine = (values: ReadonlyArray<string | number>) =>
  `${values
    .map(
      (value) =>
        `"${String(value)
          .replace(/[\r\n]+/g, ' ')
          .replace(/"/g, '""')}"`,
    )
    .join(',')}\r\n`;

interface Column {
  name: string;
  type: 'string' | 'datetime' | 'integer';
  description: string;
  constraints?: { required?: boolean; enum?: readonly string[] };
}

function columns(t: Translate, latest: boolean): Column[] {
  return [
    { name: 'host', type: 'string', description: t('observatoryColumnHost'), constraints: { required: true } },
    {
      name: 'rule',
      type: 'string',
      description: t('observatoryColumnRule'),
      constraints: { required: true, enum: RULES.map((rule) => rule.id) },
    },
    { name: 'rule_title', type: 'string', description: t('observatoryColumnRuleTitle') },
    ...(latest
      ? []
      : [
          {
            name: 'run',
            type: 'string',
            description: t('observatoryColumnRun'),
            constraints: { required: true },
          } as Column,
        ]),
    { name: 'run_at', type: 'datetime', description: t('observatoryColumnRunAt'), constraints: { required: true } },
    { name: 'audited_at', type: 'datetime', description: t('observatoryColumnAuditedAt') },
    {
      name: 'status',
      type: 'string',
      description: t('observatoryColumnStatus'),
      constraints: { required: true, enum: STATUSES },
    },
    { name: 'status_label', type: 'string', description: t('observatoryColumnStatusLabel') },
    { name: 'why', type: 'string', description: t('observatoryColumnWhy') },
    { name: 'evidence', type: 'string', description: t('observatoryColumnEvidence') },
    ...(latest ? [{ name: 'since', type: 'datetime', description: t('observatoryColumnSince') } as Column] : []),
  ];
}

function markValues(mark: Mark, t: Translate): Record<string, string> {
  const sentences = mark.verdict ? sentencesOf(mark.verdict, t) : null;
  const evidence = sentences?.evidence.join(' · ') ?? '';
  return {
    run: mark.run.id,
    run_at: toSecond(mark.run.at),
    audited_at: toSecond(mark.result?.auditedAt ?? ''),
    status: mark.status,
    status_label: markLabel(mark, t),
    why: mark.verdict?.why ?? (mark.status === 'unreachable' ? (mark.result?.outcome ?? '') : ''),
    evidence: evidence.length > EVIDENCE_LIMIT ? `${evidence.slice(0, EVIDENCE_LIMIT - 1)}…` : evidence,
  };
}

export interface OpenData {
  history: string;
  latest: string;
  datapackage: string;
}

export function openData(runs: readonly Run[], histories: readonly PortalHistory[], t: Translate): OpenData {
  const ruleTitle = new Map(RULES.map((rule) => [rule.id, t(rule.title)]));
  const [historyColumns, latestColumns] = [columns(t, false), columns(t, true)];
  const history = [csvLine(historyColumns.map((column) => column.name))];
  const latest = [csvLine(latestColumns.map((column) => column.name))];
  for (const { host, lines } of histories) {
    for (const line of lines) {
      const common = { host, rule: line.rule, rule_title: ruleTitle.get(line.rule)! };
      for (const mark of line.marks) {
        const row: Record<string, string> = { ...common, ...markValues(mark, t) };
        history.push(csvLine(historyColumns.map((column) => row[column.name] ?? '')));
      }
      const last = line.current?.mark ?? line.marks.findLast((mark) => mark.result !== null) ?? line.marks.at(-1)!;
      const row: Record<string, string> = {
        ...common,
        ...markValues(last, t),
        since: toSecond(line.current?.since ?? ''),
      };
      latest.push(csvLine(latestColumns.map((column) => row[column.name] ?? '')));
    }
  }
  const resource = (name: string, description: string, fields: Column[], primaryKey: string[]) => ({
    name,
    path: `${name}.csv`,
    profile: 'tabular-data-resource',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    description,
    dialect: { delimiter: ',', quoteChar: '"', doubleQuote: true, header: true },
    schema: { fields, missingValues: [''], primaryKey },
  });
  const datapackage = {
    profile: 'tabular-data-package',
    name: 'cookies-ods-observatory',
    title: t('observatoryTitle'),
    description: t('observatoryPackageDescription'),
    created: runs.at(-1)!.at,
    keywords: ['cookies', 'CNIL', 'RGPD', 'Opendatasoft', 'open data'],
    licenses: [
      {
        name: 'etalab-2.0',
        title: 'Licence Ouverte / Open Licence 2.0',
        path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
      },
    ],
    resources: [
      resource('history', t('observatoryHistoryDescription'), historyColumns, ['host', 'rule', 'run']),
      resource('latest', t('observatoryLatestDescription'), latestColumns, ['host', 'rule']),
    ],
  };
  return {
    history: history.join(''),
    latest: latest.join(''),
    datapackage: `${JSON.stringify(datapackage, null, 1)}\n`,
  };
}
