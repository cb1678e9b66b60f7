export type CharteBlock = { kind: 'heading' | 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };
export function blocksFromCharteText(text: string): CharteBlock[];
export function tablesFromCharteText(text: string): string[][][];
