import { configure, render, screen, waitFor } from '@testing-library/preact';
import { expect } from 'vitest';
import type { ComponentChildren } from 'preact';
import { startBackground } from '../../src/background/background';
import type { Handlers, Send } from '../../src/protocol';
import { Services, type UiServices } from '../../src/ui/services';
import type { FakeBrowser } from './fake-browser';
import { translatorFor } from './translate';

// Conditions are waited for, never slept on; on a busy two-core machine the first import of the
// popup's later module is transformed by the test runner, which can take seconds, not the default 1 s.
configure({ asyncUtilTimeout: 10_000 });

const running = new WeakMap<FakeBrowser, ReturnType<typeof startBackground>>();

/** The real background handlers over the fake browser, reached the way messages would reach them. */
export function directSend(handlers: Handlers): Send {
  return (message) => {
    const { type, ...request } = message;
    const handler = handlers[type] as (request: unknown) => Promise<never>;
    return handler(structuredClone(request));
  };
}

/**
 * Renders a page with the real background behind it, as the browser starts it: its handlers, and
 * its watcher keeping the journal (which is what a popup on a portal follows for live updates).
 */
export function renderWithServices(ui: ComponentChildren, browser: FakeBrowser, now: number) {
  running.get(browser)?.stop();
  const background = startBackground(browser, translatorFor('fr'), () => now);
  running.set(browser, background);
  const services: UiServices = {
    t: translatorFor('fr'),
    locale: 'fr',
    send: directSend(background.handlers),
    adapter: browser,
    browser: 'firefox',
    now: () => now,
  };
  return render(<Services.Provider value={services}>{ui}</Services.Provider>);
}

/**
 * The popup as the visitor sees it once all is drawn: the rows first, then what follows them (loaded after the first
 * paint).
 */
export async function popupDrawn(host: string): Promise<void> {
  await screen.findByText(host);
  await waitFor(() => expect(document.querySelector('footer')).not.toBeNull());
}
