/**
 * Where Opendatasoft portals publish their charte when the page does not link it: most at the first
 * address, some (the English layout) at the second. The popup, its link and the reader use these;
 * apart from the charte's reader, so that the popup's first paint carries none of it.
 */
export const CHARTE_PATHS = ['/terms/cookies-policy/', '/terms/cookies-information/'] as const;

/** Whether the page open is one of the charte's usual addresses, with or without its final slash. */
export const isChartePath = (pathname: string) => CHARTE_PATHS.some((path) => pathname.startsWith(path.slice(0, -1)));
