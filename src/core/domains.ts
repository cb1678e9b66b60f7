/**
 * Host names and the rules that say which hosts are Opendatasoft portals.
 * A rule is a host (`data.issy.com`) or a wildcard (`*.opendatasoft.com`, which covers subdomains only).
 */

export interface PortalRule {
  pattern: string;
  enabled: boolean;
  builtIn: boolean;
}

/** Vendor sites under the portal wildcards that are not portals. */
const NOT_PORTALS = new Set(['www.opendatasoft.com', 'www.huwise.com']);

export const BUILT_IN_PATTERNS = [
  '*.opendatasoft.com',
  '*.huwise.com',
  'data.issy.com',
  'data.ville-soissons.fr',
  'data.ville-cesson.fr',
] as const;

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
    (rule) => rule.enabled && (rule.pattern === pattern || (matchesPattern(sample, rule.pattern) && (!wildcard || rule.pattern.startsWith('*.')))),
  );
}

export function isPortalHost(host: string, rules: readonly PortalRule[]): boolean {
  const normal = normaliseHost(host);
  if (normal === null || NOT_PORTALS.has(normal)) return false;
  return rules.some((rule) => rule.enabled && matchesPattern(normal, rule.pattern));
}

export function builtInRules(): PortalRule[] {
  return BUILT_IN_PATTERNS.map((pattern) => ({ pattern, enabled: true, builtIn: true }));
}

/** `data.issy.com` → [`issy.com`]: the parents whose domain cookies reach the host (never the TLD). */
export function parentDomains(host: string): string[] {
  const labels = host.split('.');
  const parents: string[] = [];
  for (let i = 1; i < labels.length - 1; i++) parents.push(labels.slice(i).join('.'));
  return parents;
}

/** The match patterns a host permission needs: both schemes, so Secure cookies are readable too. */
export function originsFor(pattern: string): string[] {
  return [`https://${pattern}/*`, `http://${pattern}/*`];
}
