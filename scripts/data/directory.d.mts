export const DIRECTORY_TSV: string;
export function compileDirectory(tsv?: string): string[][];
