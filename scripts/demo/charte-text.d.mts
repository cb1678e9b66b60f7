export type CharteBlock = { kind: 'heading' | 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };
export function blocksFromCharteText(text: string, options?: { asPublished?: boolean }): CharteBlock[];
export function tablesFromCharteText(text: string): string[][][];
