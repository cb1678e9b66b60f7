import type { Translate } from '../core/i18n';
import type { BrowserAdapter } from '../platform/adapter';
import { createHandlers } from './handlers';
import { rememberingAdapter } from './remembered';
import { watchBrowser } from './watcher';
import { systemNow } from '../core/clock';

/**
 * The background in one piece: what pages ask (the handlers) and what it watches, over one
 * remembering adapter. It is made first, so it forgets a changed value before the watcher,
 * told of the same change, reads it again.
 */
export function startBackground(browser: BrowserAdapter, t: Translate, now: () => number = systemNow) {
  const adapter = rememberingAdapter(browser);
  const handlers = createHandlers(adapter, now);
  const watcher = watchBrowser(adapter, t, now);
  return {
    handlers,
    watcher,
    stop: () => {
      watcher.stop();
      adapter.stop();
    },
  };
}
