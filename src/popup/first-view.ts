import type { SiteView } from '../protocol';

declare global {
  interface Window {
    /** The popup's first view, asked for by `ask.ts` before the page's code loaded. */
    firstSiteView?: Promise<SiteView>;
    /** Set when storage changed after that question: the first view may not show it. */
    firstSiteViewStale?: boolean;
    /** Ends `ask.ts`'s noting, once the popup's own listeners are there. */
    stopNotingChanges?: () => void;
  }
}

/** `popup.html?tab=<id>` explains that tab (a popup opened in a tab, and the tests); otherwise the active tab. */
export function tabParam(search: string): number | undefined {
  const param = new URLSearchParams(search).get('tab');
  return param !== null && /^\d+$/.test(param) ? Number(param) : undefined;
}

/** The first view asked for before the page's code loaded, and whether something changed since the question. */
export interface FirstView {
  view: Promise<SiteView>;
  /** The answer, when it came before the page drew anything (a failure is left to `view` to tell). */
  ready?: SiteView;
  /** True when storage changed since the question was sent (or when that cannot be known). */
  stale: () => boolean;
  /** The page's own listeners are there: what asked the question may stop watching. */
  handOver: () => void;
}
