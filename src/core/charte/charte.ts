import { DAY, HOUR, MINUTE, MONTH, WEEK, YEAR } from '../util/duration';
import type { DeclaredLifetime } from '../cookies/lifetime';

/** One cookie as a portal's « Charte cookies » declares it. */
export interface DeclaredCookie {
  name: string;
  provider: string;
  service?: string;
  purpose?: string;
  /** The charte's own words; only the older template gives a lifetime. */
  lifetimeWording?: string;
  lifetime: DeclaredLifetime;
}

export interface UnreadRow {
  cells: string[];
  /** `placeholder`: a name such as « <nom du cookie> » or « {cookie} », which declares no cookie. */
  reason: 'noName' | 'badName' | 'placeholder';
}

export interface ParsedCharte {
  cookies: DeclaredCookie[];
  /** Rows of a cookie table that could not be read: shown to the user, never dropped silently. */
  unread: UnreadRow[];
  /** Rows past the reading limit, not read: said, never dropped silently. */
  cutRows: number;
}

type Column = 'name' | 'provider' | 'service' | 'purpose' | 'lifetime';

/** Header words of both Opendatasoft templates, in French, English and Spanish, as portals publish them. */
const HEADERS: ReadonlyArray<[Column, RegExp]> = [
  [
    'name',
    /nom du cookie|nom des cookies|nom du traceur|cookie name|nombre de la cookie|^cookies?$|^traceurs?$|^nom$|^name$/i,
  ],
  ['provider', /prestataire|fournisseur|provider|supplier|vendor|proveedor|émetteur|éditeur|déposé par|set by/i],
  ['lifetime', /durée|lifetime|duration|duración|expir|retention|conservation|validité/i],
  ['service', /service|emplacement|location/i],
  ['purpose', /fonction|finalit|purpose|function|description|objet|usage|rôle/i],
];

/** Who sets cookies on portals: a column of these names is the provider column, whatever its header says. */
const KNOWN_PROVIDERS = /^(opendatasoft|huwise|google( analytics)?|matomo|piwik|at internet|piano|xiti|eulerian)\b/i;

/** Cookie names are RFC 6265 tokens; a cell with spaces or markup is prose, not a name. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/;
const MAX_CELL = 2000;

function columnsOf(header: readonly string[]): Map<Column, number> | null {
  const columns = new Map<Column, number>();
  header.forEach((cell, index) => {
    const found = HEADERS.find(([column, pattern]) => !columns.has(column) && pattern.test(cell.trim()));
    if (found) columns.set(found[0], index);
  });
  return columns.has('name') ? columns : null;
}

/**
 * A provider column whose header word is unknown is told apart by what it holds: most of its
 * cells name a known provider. The column it takes is then no longer anything else.
 */
function withProviderByContent(
  columns: Map<Column, number>,
  rows: ReadonlyArray<readonly string[]>,
): Map<Column, number> {
  if (columns.has('provider') || rows.length === 0) return columns;
  const width = Math.max(...rows.map((row) => row.length));
  for (let index = 0; index < width; index++) {
    if (index === columns.get('name')) continue;
    const cells = rows.map((row) => clean(row[index] ?? '')).filter((cell) => cell !== '');
    if (cells.length > 0 && cells.filter((cell) => KNOWN_PROVIDERS.test(cell)).length * 2 > cells.length) {
      const next = new Map([...columns].filter(([, at]) => at !== index));
      return next.set('provider', index);
    }
  }
  return columns;
}

/** Reads every table whose header names a cookie column; other tables are not cookie tables. */
export function parseCharteTables({
  tables,
  cutRows,
}: {
  tables: ReadonlyArray<ReadonlyArray<readonly string[]>>;
  cutRows: number;
}): ParsedCharte {
  const cookies: DeclaredCookie[] = [];
  const unread: UnreadRow[] = [];
  // A cookie table split in several (functional, audience measurement) may repeat no header: a
  // table of the same width as the last cookie table, with no header of its own, continues it.
  let last: { columns: Map<Column, number>; width: number } | undefined;
  for (const table of tables) {
    const headerIndex = table.findIndex((row) => columnsOf(row) !== null);
    const width = table[0]?.length ?? 0;
    const continues =
      headerIndex < 0 && last !== undefined && width === last.width && table.every((row) => row.length === width);
    if (headerIndex < 0 && !continues) continue;
    const body = continues ? table : table.slice(headerIndex + 1);
    const columns =
      continues && last
        ? last.columns
        : withProviderByContent(columnsOf(table[headerIndex] ?? []) as Map<Column, number>, body);
    last = { columns, width: continues ? width : (table[headerIndex]?.length ?? 0) };
    for (const row of body) {
      const cells = row.map((cell) => clean(cell));
      if (cells.every((cell) => cell === '' || /^-+$/.test(cell))) continue;
      const at = (column: Column) => {
        const index = columns.get(column);
        const value = index === undefined ? '' : (cells[index] ?? '');
        return value === '' ? undefined : value;
      };
      const names = cookieNames(at('name'));
      if (names === null || names.length === 0)
        unread.push({
          cells,
          reason: at('name') === undefined ? 'noName' : names === null ? 'badName' : 'placeholder',
        });
      else {
        const wording = at('lifetime');
        for (const name of names) {
          cookies.push({
            name,
            provider: at('provider') ?? '',
            service: at('service'),
            purpose: at('purpose'),
            lifetimeWording: wording,
            lifetime: wording === undefined ? { kind: 'unknown' } : parseLifetime(wording),
          });
        }
      }
    }
  }
  return { cookies, unread, cutRows };
}

/**
 * « _pk_id, _pk_ses et _pk_ref » declares three cookies; « _ga_<ID> » a family (`_ga_*`).
 * Null when the cell is not a list of cookie names (prose, markup, nothing); empty when it names
 * only placeholders (« <nom du cookie> », « {cookie} », « * »), which declare nothing.
 */
function cookieNames(cell: string | undefined): string[] | null {
  if (cell === undefined) return null;
  const placeholder = /<[^<>]{1,40}>|\{[^{}]{1,40}\}/g;
  // A placeholder alone may hold spaces (« <nom du cookie> »): it is one name, of nothing.
  if (cell.replace(placeholder, '').trim() === '') return cell.trim() === '' ? null : [];
  const names = cell
    .replace(placeholder, '*')
    .split(/\s*(?:[,;/]|\s(?:et|and|ou|or)\s|\s)\s*/)
    .filter((name) => name !== '');
  if (names.length === 0 || names.length > 20 || !names.every((name) => COOKIE_NAME.test(name))) return null;
  // A family needs a stem of its own: « * » or « _* » would declare every cookie.
  return names.filter(
    (name) => name.replace(/\*/g, '').replace(/[^0-9A-Za-z]/g, '').length >= 2 || !name.includes('*'),
  );
}

function clean(cell: string): string {
  return cell.slice(0, MAX_CELL).replace(/\s+/g, ' ').trim();
}

const UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(secondes?|seconds?|s)$/i, 1],
  [/^(minutes?|min|mn)$/i, MINUTE],
  [/^(heures?|hours?|h)$/i, HOUR],
  [/^(jours?|days?)$/i, DAY],
  [/^(semaines?|weeks?)$/i, WEEK],
  [/^(mois|months?)$/i, MONTH],
  [/^(ans?|années?|years?)$/i, YEAR],
];

/** A cookie kept until the browser closes, as chartes say it. */
const SESSION_WORDS = new RegExp(
  [
    '^\\s*session\\b',
    'de la session',
    'session cookie',
    'fin de session',
    'end of (the )?session',
    'fermeture du navigateur',
    'browser (is )?closed?',
  ].join('|'),
  'i',
);

/** « 2 semaines par défaut », « 12 mois maximum », « 13 months », « Session » → a duration. */
export function parseLifetime(wording: string): DeclaredLifetime {
  const text = wording.slice(0, MAX_CELL);
  let seconds: number | undefined;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:[.,]\d+)?)\s*([A-Za-zéèû]+)/g)) {
    const factor = UNITS.find(([pattern]) => pattern.test(unit ?? ''))?.[1];
    if (factor !== undefined) seconds = Number((amount ?? '').replace(',', '.')) * factor;
  }
  if (seconds !== undefined) {
    return /maximum|max\b|au plus|jusqu|up to|at most/i.test(text)
      ? { kind: 'upTo', seconds }
      : { kind: 'fixed', seconds };
  }
  return SESSION_WORDS.test(text) ? { kind: 'session' } : { kind: 'unknown' };
}
