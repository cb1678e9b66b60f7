/**
 * Host names and the rules that say which hosts are Opendatasoft portals.
 * A rule is a host (`data.issy.com`) or a wildcard (`*.opendatasoft.com`, which covers subdomains only).
 */

export interface PortalRule {
  pattern: string;
  enabled: boolean;
  builtIn: boolean;
  /**
   * The registrable domain the portal belongs to (`ville.fr` for `data.ville.fr`), found with the
   * public-suffix list when the portal was added: the parents up to it can share cookies with it.
   * Absent on portals added before the extension knew it; the options page offers to fill it in.
   */
  site?: string;
}

/** Vendor sites under the portal wildcards that are not portals. */
export const NOT_PORTALS = new Set(['www.opendatasoft.com', 'www.huwise.com']);

/** The built-in portals and their registrable domains: the manifest holds their permissions. */
const BUILT_IN: ReadonlyArray<readonly [pattern: string, site: string]> = [
  ['*.opendatasoft.com', 'opendatasoft.com'],
  ['*.huwise.com', 'huwise.com'],
  ['data.issy.com', 'issy.com'],
  ['data.ville-soissons.fr', 'ville-soissons.fr'],
  ['data.ville-cesson.fr', 'ville-cesson.fr'],
];
export const BUILT_IN_PATTERNS: readonly string[] = BUILT_IN.map(([pattern]) => pattern);

/**
 * Lower case, no trailing dot, IDN as punycode; null when the string is no host at all.
 * URL parsing does the IDN work the same way the browser will when it sends cookies.
 */
export function normaliseHost(input: string): string | null {
  const trimmed = input.trim().replace(/\.+$/, '');
  if (trimmed === '' || /[\s/\\?#@:]/.test(trimmed)) return null;
  try {
    const host = new URL(`http://${trimmed}/`).hostname;
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

export function matchesPattern(host: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

/**
 * Whether another switched-on rule still needs the host permission of `pattern`: then removing it
 * must not revoke that permission (`data.exemple.fr` under `*.exemple.fr`, or the same host twice).
 */
export function neededByOthers(pattern: string, others: readonly PortalRule[]): boolean {
  const wildcard = pattern.startsWith('*.');
  // A host only `pattern` could be needed for: the host itself, or one under the wildcard's domain.
  const sample = wildcard ? `x.${pattern.slice(2)}` : pattern;
  return others.some(
    (rule) =>
      rule.enabled &&
      (rule.pattern === pattern ||
        (matchesPattern(sample, rule.pattern) && (!wildcard || rule.pattern.startsWith('*.')))),
  );
}

export function builtInRules(): PortalRule[] {
  return BUILT_IN.map(([pattern, site]) => ({ pattern, enabled: true, builtIn: true, site }));
}

/** `data.issy.com` → [`issy.com`]: the parents whose domain cookies reach the host (never the TLD). */
export function parentDomains(host: string): string[] {
  const labels = host.split('.');
  const parents: string[] = [];
  for (let i = 1; i < labels.length - 1; i++) parents.push(labels.slice(i).join('.'));
  return parents;
}

/**
 * `data.ville.fr` under `ville.fr` → [`ville.fr`]: the parents, up to the registrable domain, whose domain cookies
 * reach the host.
 */
export function parentsUpTo(host: string, site: string | undefined): string[] {
  if (site === undefined) return [];
  return parentDomains(host).filter((parent) => parent === site || parent.endsWith(`.${site}`));
}

/** The permission that shows a host's cookies, its subdomains' included; `*` covers http and https. */
export const hostOrigin = (host: string) => `*://*.${host}/*`;
/** The permission for one parent alone: its domain cookies, and none of its other subdomains'. */
export const parentOrigin = (parent: string) => `*://${parent}/*`;

/**
 * Every permission a portal rule needs for the extension to see what the browser sends to the
 * portal: the portal and its subdomains, and each bare parent up to its registrable domain
 * (Chrome shows a `Domain=ville.fr` cookie only to holders of `ville.fr` itself).
 */
export function originsFor(rule: Pick<PortalRule, 'pattern' | 'site'>): string[] {
  const host = rule.pattern.replace(/^\*\./, '');
  return [hostOrigin(host), ...parentsUpTo(host, rule.site).map(parentOrigin)];
}

/** The permissions a removed or switched-off rule can give back: none that another switched-on rule still needs. */
export function revocableOrigins(rule: PortalRule, others: readonly PortalRule[]): string[] {
  const [own, ...parents] = originsFor(rule);
  const enabled = others.filter((other) => other.enabled);
  const kept = new Set(enabled.flatMap(originsFor));
  const coveredByWildcard = (parent: string) =>
    enabled.some((other) => other.pattern.startsWith('*.') && matchesPattern(`x.${parent}`, other.pattern));
  return [
    ...(own !== undefined && !neededByOthers(rule.pattern, others) ? [own] : []),
    ...parents.filter((origin) => !kept.has(origin) && !coveredByWildcard(origin.slice('*://'.length, -'/*'.length))),
  ];
}

/** Whether the permissions held (one `permissions.getAll`) cover an origin: one question for any number of checks. */
export function isGranted(granted: readonly string[], origin: string): boolean {
  return granted.some((held) => originCovers(held, origin));
}

/** Match-pattern containment as browsers decide it: `*.x` covers x and its subdomains, `*` both schemes. */
export function originCovers(granted: string, origin: string): boolean {
  const [gScheme, gHost] = granted.split('://').map((part) => part.replace(/\/\*$/, ''));
  const [scheme, host] = origin.split('://').map((part) => part.replace(/\/\*$/, ''));
  if (gHost === undefined || host === undefined) return false;
  if (gScheme !== '*' && gScheme !== scheme && !(scheme === '*' && gHost === host)) return false;
  if (gHost === '*') return true;
  if (!gHost.startsWith('*.')) return host === gHost;
  const domain = gHost.slice(2);
  const wanted = host.replace(/^\*\./, '');
  return wanted === domain || wanted.endsWith(`.${domain}`);
}
