export function homePage(host: string, site: unknown): string;
export function chartePage(site: { charte: string; title: string; lang?: string }): string;
