import { browserFromUserAgent } from '../core/util/browsers';
import type { MessageKey } from '../core/util/i18n';
import { translate } from '../platform/i18n';
import { pageAdapter } from '../platform/webext';
import { opened, type Answer, type Send } from '../protocol';
import { nativeBrowser } from '../platform/native';
import type { UiServices } from './services';
import { systemNow } from '../core/util/clock';
import { madeOnce } from '../core/util/intl';

const send: Send = async (message) => opened((await nativeBrowser.runtime.sendMessage(message)) as Answer<never>);
const adapter = pageAdapter(nativeBrowser);

/** The services of an extension page, which also takes its language and title from the locale. */
export function realServices(title: MessageKey): UiServices {
  const services: UiServices = {
    // A page's words are asked once each: the browser's answer does not change while the page lives.
    t: madeOnce(translate),
    // The language the messages resolved to (French when the browser's is neither fr nor en), so
    // durations and dates never mix languages with the text around them.
    locale: translate('lang'),
    send,
    adapter,
    browser: browserFromUserAgent(navigator.userAgent),
    now: systemNow,
  };
  document.documentElement.lang = services.locale;
  document.title = translate(title);
  return services;
}
