import type { Translate } from '../core/util/i18n';
import type { BrowserAdapter } from '../platform/adapter';
import { createHandlers } from './handlers';
import { rememberingAdapter } from './remembered';
import { watchBrowser } from './watcher';
import { jarMirror } from './jar-mirror';
import { systemNow } from '../core/util/clock';

/**
 * The background in one piece: what pages ask (the handlers) and what it watches, over one
 * remembering adapter and one mirror of the jar. They are made first, so they forget a changed
 * value, or take a cookie's change, before the watcher, told of the same change, reads again.
 */
export function startBackground(browser: BrowserAdapter, t: Translate, now: () => number = systemNow) {
  const adapter = rememberingAdapter(browser);
  const jar = jarMirror(adapter, now);
  const handlers = createHandlers(adapter, now, jar, (storeId) => watcher.journalRefused(storeId));
  const watcher = watchBrowser(adapter, t, now, jar);
  return {
    handlers,
    watcher,
    stop: () => {
      watcher.stop();
      jar.stop();
      adapter.stop();
    },
  };
}
