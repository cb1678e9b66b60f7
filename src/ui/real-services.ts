import browser from 'webextension-polyfill';
import { browserFromUserAgent } from '../core/browsers';
import type { MessageKey } from '../core/i18n';
import { translate } from '../platform/i18n';
import { webextAdapter } from '../platform/webext';
import type { Send } from '../protocol';
import type { UiServices } from './services';
import { systemNow } from '../core/clock';

const send: Send = (message) => browser.runtime.sendMessage(message);

/** The services of an extension page, which also takes its language and title from the locale. */
export function realServices(title: MessageKey): UiServices {
  const services: UiServices = {
    t: translate,
    // The language the messages resolved to (French when the browser's is neither fr nor en), so
    // durations and dates never mix languages with the text around them.
    locale: translate('lang'),
    send,
    adapter: webextAdapter,
    browser: browserFromUserAgent(navigator.userAgent),
    now: systemNow,
  };
  document.documentElement.lang = services.locale;
  document.title = translate(title);
  return services;
}
