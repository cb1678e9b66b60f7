import { parse } from 'tldts';
import { normaliseHost } from './domains';

/** `notPublic`: a name no public DNS answers (`printer.local`, `intranet.corp`, `data.example`). */
export type DomainInputError = 'empty' | 'invalid' | 'publicSuffix' | 'ipAddress' | 'localhost' | 'notPublic';
/**
 * `site` is the registrable domain (`ville.fr` for `data.ville.fr`): its parents up to it may share cookies with the
 * portal.
 */
export type DomainInput = { ok: true; pattern: string; site: string } | { ok: false; error: DomainInputError };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Whatever the user typed or pasted, reduced to its host: a whole URL, a path, a port are dropped. */
function hostPart(input: string): string {
  let text = input.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text);
  if (scheme) text = text.slice(scheme[0].length);
  text = text.replace(/^[^@/]*@/, '');
  return text.split(/[/?#]/, 1)[0] ?? '';
}

/**
 * A domain (`data.exemple.fr`) or a wildcard (`*.exemple.fr`) from the options page or an import.
 * Never throws: anything else comes back as a reason the page can say in words.
 */
export function parseDomainInput(input: string): DomainInput {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, error: 'empty' };
  let host = hostPart(input);
  if (host.startsWith('[') || (host.match(/:/g) ?? []).length > 1) return { ok: false, error: 'ipAddress' };
  host = host.replace(/:\d*$/, '');
  const wildcard = host.startsWith('*.');
  if (wildcard) host = host.slice(2);
  // `%41.fr` would silently become `a.fr`: an escaped host is not what the user meant to type.
  if (host.includes('%')) return { ok: false, error: 'invalid' };
  const normal = normaliseHost(host);
  if (normal === null || normal.length > 253) return { ok: false, error: 'invalid' };
  if (IPV4.test(normal)) return { ok: false, error: 'ipAddress' };
  if (normal === 'localhost' || normal.endsWith('.localhost')) return { ok: false, error: 'localhost' };
  const labels = normal.split('.');
  if (!labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels.at(-1) ?? ''))
    return { ok: false, error: 'invalid' };
  // Browsers scope cookies by the whole public-suffix list, its private section (github.io, netlify.app) included.
  const parsed = parse(normal, { allowPrivateDomains: true });
  if (!parsed.isIcann && !parsed.isPrivate) return { ok: false, error: 'notPublic' };
  if (labels.length < 2 || parsed.publicSuffix === normal || parsed.domain === null)
    return { ok: false, error: 'publicSuffix' };
  return { ok: true, pattern: wildcard ? `*.${normal}` : normal, site: parsed.domain };
}
