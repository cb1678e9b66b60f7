import type { Browser, Runtime } from 'webextension-polyfill';
import { answer, isMessage, isOwnPage } from '../protocol';
import { translate } from '../platform/i18n';
import { webextAdapter } from '../platform/webext';
import { startBackground } from './background';

// Required, not imported: esbuild's import of a CommonJS module copies each property of its export — Chrome's own
// `browser` — and reading a property's descriptor makes Chrome build that API: 9 ms of every wake, for nothing.
const browser: Browser = require('webextension-polyfill');

/** Long enough for the question that woke the background to be answered first. */
const BADGES_AFTER_WAKE_MS = 300;

// Listeners are registered at the top level, so a woken service worker or event page hears the event that woke it.
const { handlers, watcher } = startBackground(webextAdapter(browser), translate);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isMessage(message) || !isOwnPage(sender, browser.runtime.id, browser.runtime.getURL(''))) return undefined;
  const handler = handlers[message.type] as (request: typeof message) => Promise<unknown>;
  return answer(handler(message));
});

// Every start, the browser's or a woken background's: a badge round the last stop cut short is made good —
// once the event that woke it is answered, which the popup is waiting on.
setTimeout(() => void watcher.refreshAll(), BADGES_AFTER_WAKE_MS);
