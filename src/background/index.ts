import browser, { type Runtime } from 'webextension-polyfill';
import { isMessage, isOwnPage } from '../protocol';
import { translate } from '../platform/i18n';
import { webextAdapter } from '../platform/webext';
import { createBadgeWatcher } from './badge';
import { createHandlers } from './handlers';

const handlers = createHandlers(webextAdapter);
const badges = createBadgeWatcher(webextAdapter, translate);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isMessage(message) || !isOwnPage(sender, browser.runtime.id, browser.runtime.getURL(''))) return undefined;
  const handler = handlers[message.type] as (request: typeof message) => Promise<unknown>;
  return handler(message);
});

webextAdapter.onCookieChanged((change) => void badges.onCookieChanged(change));
webextAdapter.onTabChanged((tab) => void badges.refreshTab(tab));
browser.runtime.onStartup.addListener(() => void badges.refreshAll());
browser.runtime.onInstalled.addListener(() => void badges.refreshAll());
browser.permissions.onAdded.addListener(() => void badges.refreshAll());
