import browser, { type Runtime } from 'webextension-polyfill';
import { isMessage, isOwnPage } from '../protocol';
import { translate } from '../platform/i18n';
import { webextAdapter } from '../platform/webext';
import { createHandlers } from './handlers';
import { watchBrowser } from './watcher';

const handlers = createHandlers(webextAdapter);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isMessage(message) || !isOwnPage(sender, browser.runtime.id, browser.runtime.getURL(''))) return undefined;
  const handler = handlers[message.type] as (request: typeof message) => Promise<unknown>;
  return handler(message);
});

// Listeners are registered at the top level, so a woken service worker or event page hears the event that woke it.
const badges = watchBrowser(webextAdapter, translate);
browser.runtime.onStartup.addListener(() => void badges.refreshAll());
browser.runtime.onInstalled.addListener(() => void badges.refreshAll());
browser.permissions.onAdded.addListener(() => void badges.refreshAll());
