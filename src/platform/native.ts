import type { Browser } from 'webextension-polyfill';

/**
 * The browser's own extension API: `browser` in Firefox, `chrome` in Chrome. In Manifest V3 both
 * return promises, which is all the pages need; the polyfill stays in the background, where it makes
 * a listener's promise an answer in Chrome too.
 */
export const nativeBrowser =
  (globalThis as { browser?: Browser }).browser ?? (globalThis as unknown as { chrome: Browser }).chrome;
