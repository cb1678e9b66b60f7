import browser from 'webextension-polyfill';
import { browserFromUserAgent } from '../core/browsers';
import { translate } from '../platform/i18n';
import { webextAdapter } from '../platform/webext';
import type { Send } from '../protocol';
import type { UiServices } from './services';

const send: Send = (message) => browser.runtime.sendMessage(message);

export function realServices(): UiServices {
  return {
    t: translate,
    locale: browser.i18n.getUILanguage(),
    send,
    adapter: webextAdapter,
    browser: browserFromUserAgent(navigator.userAgent),
    now: Date.now,
  };
}
