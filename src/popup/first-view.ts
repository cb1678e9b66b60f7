import type { SiteView } from '../protocol';

declare global {
  interface Window {
    /** The popup's first view, asked for by `ask.ts` before the page's code loaded. */
    firstSiteView?: Promise<SiteView>;
  }
}

/** `popup.html?tab=<id>` explains that tab (a popup opened in a tab, and the tests); otherwise the active tab. */
export function tabParam(search: string): number | undefined {
  const param = new URLSearchParams(search).get('tab');
  return param !== null && /^\d+$/.test(param) ? Number(param) : undefined;
}
