/**
 * tarteaucitron.js (AmauriC/tarteaucitron.js, MIT): one cookie named by the site (`cookieName`,
 * `tarteaucitron` by default), `!<service>=true|false|wait` for each service the site runs, written by
 * `tarteaucitron.cookie.create` (tarteaucitron.js 1.34) for 365 days, on `cookieDomain` when the site
 * shares the choice with its subdomains. The value carries no date. Which cookies a service key covers
 * is the library's own `tarteaucitron.services.js`, compiled at build time (scripts/data/tarteaucitron.mjs).
 */
import SERVICES from 'virtual:tarteaucitron-services';
import { byKeys, MAX_KEYS, MAX_RAW, type Choice, type ConsentReader } from './reader';

const STATUS: ReadonlyMap<string, Choice> = new Map<string, Choice>([
  ['true', true],
  ['false', false],
  ['wait', 'pending'],
]);

/** Cookie name → the services that list it; listed prefixes (`_ga_*`) apart. */
let index: { exact: Map<string, string[]>; prefixes: Array<[string, string]> } | undefined;
function servicesCovering(name: string): string[] {
  if (!index) {
    index = { exact: new Map(), prefixes: [] };
    for (const [service, names] of Object.entries(SERVICES)) {
      for (const listed of names) {
        if (listed.endsWith('*')) index.prefixes.push([listed.slice(0, -1), service]);
        else index.exact.set(listed, [...(index.exact.get(listed) ?? []), service]);
      }
    }
  }
  // Matomo's `_pk_id` stands for `_pk_id.<site>.<hash>`: a listed name covers its dotted family.
  const dot = name.indexOf('.');
  const family = dot > 0 ? (index.exact.get(name.slice(0, dot)) ?? []) : [];
  return [
    ...(index.exact.get(name) ?? []),
    ...family,
    ...index.prefixes.flatMap(([prefix, service]) => (name.startsWith(prefix) ? [service] : [])),
  ];
}

export const tarteaucitronReader: ConsentReader = {
  id: 'tarteaucitron',
  label: 'tarteaucitron',
  names: ['tarteaucitron'],
  source: 'AmauriC/tarteaucitron.js 1.34: tarteaucitron.js (cookie.create, cookie.read), tarteaucitron.services.js',
  keptFor: 365 * 86_400,
  judgesByName: true,
  read(value) {
    // Each choice is written after a « ! »: anything else is not this format.
    if (value.length > MAX_RAW || (value !== '' && !value.startsWith('!'))) return null;
    const parts = value.split('!').filter((part) => part !== '');
    if (parts.length > MAX_KEYS) return null;
    const choices: Array<[string, Choice]> = [];
    for (const part of parts) {
      const found = /^([\w-]+)=(.*)$/.exec(part);
      if (!found) return null;
      choices.push([found[1]!, STATUS.get(found[2]!) ?? null]);
    }
    return { at: null, choices };
  },
  says: (choices, subject) => byKeys(choices, servicesCovering(subject.name)),
};
