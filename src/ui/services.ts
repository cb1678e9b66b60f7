import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { BrowserName } from '../core/util/browsers';
import type { Translate } from '../core/util/i18n';
import type { PageAdapter } from '../platform/adapter';
import type { Send } from '../protocol';

/** What the extension pages need from the outside world; tests hand in fakes. */
export interface UiServices {
  t: Translate;
  locale: string;
  send: Send;
  adapter: PageAdapter;
  browser: BrowserName | undefined;
  now: () => number;
}

export const Services = createContext<UiServices | null>(null);

export function useServices(): UiServices {
  const services = useContext(Services);
  if (services === null) throw new Error('UiServices missing: wrap the page in <Services.Provider>');
  return services;
}
