import { DIRECTORY } from 'virtual:ods-directory';

export interface DirectoryEntry {
  domain: string;
  publisher: string;
}

/** « région » finds « Region Bretagne »: case and accents do not matter when searching. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** In the order a reader looks for them: by publisher's name, as French sorts it (« Écully » among the E). */
const INDEX = DIRECTORY.map(([domain, publisher]) => ({
  domain,
  publisher,
  text: fold(`${domain} ${publisher}`),
})).sort(
  (a, b) => a.publisher.localeCompare(b.publisher, 'fr', { sensitivity: 'base' }) || a.domain.localeCompare(b.domain),
);

export function searchDirectory(query: string, limit = 30): DirectoryEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const found = words.length === 0 ? INDEX : INDEX.filter((entry) => words.every((word) => entry.text.includes(word)));
  return found.slice(0, limit).map(({ domain, publisher }) => ({ domain, publisher }));
}

export const DIRECTORY_SIZE = DIRECTORY.length;
