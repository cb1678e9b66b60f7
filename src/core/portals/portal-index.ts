import { loadSettings } from './settings';
import { normaliseHost, NOT_PORTALS, parentsUpTo, type PortalRule } from './domains';

/**
 * The switched-on portals, looked up by host: a cookie event or a site view asks about one host's
 * few labels, never scans the list, so 5 000 imported portals cost what 8 do.
 */
export interface PortalIndex {
  readonly rules: readonly PortalRule[];
  /** The first switched-on rule, in the list's order, that makes the host a portal. */
  ruleOf(host: string): PortalRule | undefined;
  /**
   * Whether a cookie of this domain reaches a portal: the portal, one of its subdomains, or a parent up to its
   * registrable domain.
   */
  reaches(host: string): boolean;
}

/** `a.b.c` → [`b.c`, `c`]: the domains strictly above a host. */
function above(host: string): string[] {
  const out: string[] = [];
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) out.push(host.slice(dot + 1));
  return out;
}

export function indexPortals(rules: readonly PortalRule[]): PortalIndex {
  // Each pattern's first switched-on rule, with its place in the list: the earliest match wins, as a scan would find
  // it.
  const exact = new Map<string, [number, PortalRule]>();
  const wildcard = new Map<string, [number, PortalRule]>();
  /** Hosts of portals and of wildcards' domains: a cookie of a subdomain of one reaches it. */
  const portalHosts = new Set<string>();
  /** Parents a portal shares cookies with, and the wildcards' own domains. */
  const sharedParents = new Set<string>();
  rules.forEach((rule, place) => {
    if (!rule.enabled) return;
    const isWildcard = rule.pattern.startsWith('*.');
    const host = isWildcard ? rule.pattern.slice(2) : rule.pattern;
    const slots = isWildcard ? wildcard : exact;
    if (!slots.has(host)) slots.set(host, [place, rule]);
    portalHosts.add(host);
    if (isWildcard) sharedParents.add(host);
    for (const parent of parentsUpTo(host, rule.site)) sharedParents.add(parent);
  });

  const ruleOf = (host: string) => {
    const normal = normaliseHost(host);
    if (normal === null || NOT_PORTALS.has(normal)) return undefined;
    let best = exact.get(normal);
    for (const domain of above(normal)) {
      const match = wildcard.get(domain);
      if (match && (best === undefined || match[0] < best[0])) best = match;
    }
    return best?.[1];
  };
  return {
    rules,
    ruleOf,
    reaches: (host) =>
      ruleOf(host) !== undefined || sharedParents.has(host) || above(host).some((domain) => portalHosts.has(domain)),
  };
}

const byRules = new WeakMap<readonly PortalRule[], PortalIndex>();

/** The index of a list of rules, made once per list: every later question about it is one lookup, never a scan. */
export function indexOfRules(rules: readonly PortalRule[]): PortalIndex {
  let index = byRules.get(rules);
  if (index === undefined) byRules.set(rules, (index = indexPortals(rules)));
  return index;
}

/** Whether the host is a portal of the list: the one way it is asked, through the list's index. */
export const isPortalHost = (host: string, rules: readonly PortalRule[]): boolean =>
  indexOfRules(rules).ruleOf(host) !== undefined;

const indexes = new WeakMap<object, PortalIndex>();
let builtInIndex: PortalIndex | undefined;

/**
 * The index of the stored settings, made once per stored value: the background reads storage
 * through a memory that hands back the same value until it changes.
 */
export function portalIndexOf(stored: unknown): PortalIndex {
  if (typeof stored !== 'object' || stored === null) return (builtInIndex ??= indexPortals(loadSettings(stored).rules));
  let index = indexes.get(stored);
  if (index === undefined) indexes.set(stored, (index = indexPortals(loadSettings(stored).rules)));
  return index;
}
