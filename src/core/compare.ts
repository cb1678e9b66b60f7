import type { DeclaredCookie, ParsedCharte } from './charte';
import type { ExplainedCookie, SiteReport } from './report';

/** A portal's charte as the extension keeps it: what it declares, and when it was read. */
export interface StoredCharte extends ParsedCharte {
  url: string;
  readAt: number;
  source: 'fetched' | 'page';
}

export interface CharteComparison {
  declaredAndSet: Array<{ declared: DeclaredCookie; cookies: ExplainedCookie[] }>;
  declaredNotSet: DeclaredCookie[];
  setNotDeclared: ExplainedCookie[];
}

/** `_ga_*` in a charte declares every `_ga_…` cookie; any other name declares itself only. */
export function declares(declaredName: string, cookieName: string): boolean {
  if (!declaredName.includes('*')) return declaredName === cookieName;
  const [head = '', ...rest] = declaredName.split('*');
  return cookieName.startsWith(head) && cookieName.endsWith(rest.at(-1) ?? '') && cookieName.length >= declaredName.length - 1;
}

/** What the charte declares for a cookie name, if anything: exact names first, then families. */
export function declarationIn(charte: Pick<ParsedCharte, 'cookies'>): (name: string) => DeclaredCookie | undefined {
  const exact = new Map(charte.cookies.filter((c) => !c.name.includes('*')).map((c) => [c.name, c]));
  const patterns = charte.cookies.filter((c) => c.name.includes('*'));
  return (name) => exact.get(name) ?? patterns.find((declared) => declares(declared.name, name));
}

export function compareWithCharte(report: SiteReport, charte: Pick<ParsedCharte, 'cookies'>): CharteComparison {
  const set = report.groups.flatMap((group) => group.cookies);
  const declaration = declarationIn(charte);
  const declaredAndSet: CharteComparison['declaredAndSet'] = [];
  const declaredNotSet: DeclaredCookie[] = [];
  for (const declared of charte.cookies) {
    const cookies = set.filter((item) => declares(declared.name, item.cookie.name));
    if (cookies.length > 0) declaredAndSet.push({ declared, cookies });
    else declaredNotSet.push(declared);
  }
  return { declaredAndSet, declaredNotSet, setNotDeclared: set.filter((item) => declaration(item.cookie.name) === undefined) };
}

export const charteKey = (host: string) => `charte:${host}`;

/** Reads what the cache holds back into a charte, or null: a damaged entry is simply read again later. */
export function loadStoredCharte(raw: unknown): StoredCharte | null {
  const value = raw as Partial<StoredCharte> | null;
  if (typeof value !== 'object' || value === null || !Array.isArray(value.cookies) || !Array.isArray(value.unread)) return null;
  if (typeof value.url !== 'string' || typeof value.readAt !== 'number' || (value.source !== 'fetched' && value.source !== 'page')) return null;
  const cookies = value.cookies.filter((c): c is DeclaredCookie => typeof c?.name === 'string' && typeof c.provider === 'string' && typeof c.lifetime === 'object');
  return { cookies, unread: value.unread, url: value.url, readAt: value.readAt, source: value.source };
}
