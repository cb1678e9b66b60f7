import { CATEGORIES, type CatalogueEntry, type Category } from './catalogue';
import { cookieKey, type ObservedCookie } from './cookie';
import { isPortalHost, type PortalRule } from './domains';
import { beyondCnilCeiling, outlivesDeclared, remaining, type DeclaredLifetime, type Remaining } from './lifetime';
import { matchCookie } from './match';
import { relationTo, type Relation } from './relation';

export type Flag = 'undeclared' | 'outlivesDeclared' | 'beyondCnil' | 'parentDomain' | 'needsConsent';
export type Group = Category | 'unknown';
const GROUP_ORDER: readonly Group[] = [...CATEGORIES, 'unknown'];

export interface ExplainedCookie {
  key: string;
  cookie: ObservedCookie;
  entry?: CatalogueEntry;
  group: Group;
  relation: Relation;
  remaining: Remaining;
  flags: Flag[];
}

export interface SiteReport {
  host: string;
  isPortal: boolean;
  generatedAt: number;
  groups: Array<{ group: Group; cookies: ExplainedCookie[] }>;
  counts: { total: number; undeclared: number; parentDomain: number; flagged: number };
}

export interface ReportInput {
  host: string;
  cookies: readonly ObservedCookie[];
  rules: readonly PortalRule[];
  nowMs: number;
  /**
   * What the portal's own charte declares for a name (undefined: not declared); without it, the
   * standard charte is assumed. A lifetime it gives replaces the catalogue's.
   */
  declarationOf?: (name: string) => { lifetime: DeclaredLifetime } | undefined;
}

export function buildSiteReport(input: ReportInput): SiteReport {
  const { host, nowMs, declarationOf } = input;
  const isPortal = isPortalHost(host, input.rules);
  const byGroup = new Map<Group, ExplainedCookie[]>();
  const counts = { total: 0, undeclared: 0, parentDomain: 0, flagged: 0 };

  for (const cookie of input.cookies) {
    const relation = relationTo(host, cookie);
    if (relation === null) continue;
    const entry = matchCookie(cookie.name, isPortal);
    const left = remaining(cookie, nowMs);
    const flags: Flag[] = [];
    const own = declarationOf?.(cookie.name);
    const declared = declarationOf ? own !== undefined : entry?.declaredInCharte === true;
    const lifetime = own && own.lifetime.kind !== 'unknown' ? own.lifetime : entry?.lifetime.declared;
    if (isPortal && !declared) flags.push('undeclared');
    if (lifetime && outlivesDeclared(left, lifetime)) flags.push('outlivesDeclared');
    if (beyondCnilCeiling(left)) flags.push('beyondCnil');
    if (relation === 'parent') flags.push('parentDomain');
    if (entry?.consent === 'required') flags.push('needsConsent');

    const group: Group = entry?.category ?? 'unknown';
    const explained: ExplainedCookie = { key: cookieKey(cookie), cookie, entry, group, relation, remaining: left, flags };
    const list = byGroup.get(group);
    if (list) list.push(explained);
    else byGroup.set(group, [explained]);

    counts.total++;
    if (flags.includes('undeclared')) counts.undeclared++;
    if (relation === 'parent') counts.parentDomain++;
    if (flags.length > 0) counts.flagged++;
  }

  const groups = GROUP_ORDER.flatMap((group) => {
    const cookies = byGroup.get(group);
    return cookies ? [{ group, cookies: cookies.sort(byNameThenDomain) }] : [];
  });
  return { host, isPortal, generatedAt: nowMs, groups, counts };
}

function byNameThenDomain(a: ExplainedCookie, b: ExplainedCookie): number {
  return compare(a.cookie.name, b.cookie.name) || compare(a.cookie.domain, b.cookie.domain) || compare(a.cookie.path, b.cookie.path);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
