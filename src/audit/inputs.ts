/** The portals an audit is asked for: host names, addresses, files of them, the built-in directory. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import messages from '../../public/_locales/fr/messages.json';
import { DIRECTORY } from 'virtual:ods-directory';
import { normaliseHost } from '../core/portals/domains';
import { translatorOf } from '../core/util/i18n';

const t = translatorOf(messages);

export interface Portal {
  host: string;
  url: string;
}

/** A host name or an address (https when no scheme); null for anything else. */
export function portalOf(input: string): Portal | null {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return null;
  const url = new URL(withScheme);
  const host = url.protocol === 'https:' || url.protocol === 'http:' ? normaliseHost(url.hostname) : null;
  return host === null ? null : { host, url: `${url.protocol}//${url.host}${url.pathname}${url.search}` };
}

/** A path, not a host name: `/tmp/x.txt`, `./liste`, `portails.tsv` (no host ends so). */
const looksLikeFile = (input: string) => /^(\.{0,2}\/|~)/.test(input) || /\.(txt|tsv|csv|list)$/i.test(input);

/** Each argument a portal, or a file with one per line (the first column; `#` starts a comment). */
export function portalsFrom(inputs: readonly string[], directory: boolean, warn: (line: string) => void): Portal[] {
  const lines = inputs.flatMap((input) => {
    if (!existsSync(input) || !statSync(input).isFile()) {
      if (!looksLikeFile(input)) return [input];
      warn(t('auditMissingFile', input.slice(0, 200)));
      return [];
    }
    try {
      return readFileSync(input, 'utf8')
        .split(/\r?\n/)
        .map((line) => line.replace(/#.*/, '').trim().split(/\s+/)[0] ?? '')
        .filter((first) => first !== '' && first !== 'domain');
    } catch {
      warn(t('auditUnreadableList', input));
      return [];
    }
  });
  const portals = new Map<string, Portal>();
  for (const line of [...lines, ...(directory ? DIRECTORY.map(([domain]) => domain) : [])]) {
    const portal = portalOf(line);
    if (portal === null) warn(t('auditInvalidPortal', line.slice(0, 200)));
    else if (!portals.has(portal.host)) portals.set(portal.host, portal);
  }
  return [...portals.values()];
}
