import type { StoredCharte } from './core/charte/stored-charte';
import type { ObservedCookie } from './core/cookies/cookie';
import type { PortalRule } from './core/portals/domains';
import type { SiteReport } from './core/report/site-report';
import type { LoadedSettings, NewPortal } from './core/portals/settings';
import type { UndoEntry } from './core/cookies/undo';

/** What the popup shows for one tab. */
export type SiteView =
  | { kind: 'noSite' }
  | {
      kind: 'site';
      tabId: number;
      storeId: string;
      host: string;
      origin: string;
      pathname: string;
      isPortal: boolean;
      /** The extension holds the host permission, so the cookies below are complete. */
      access: boolean;
      /** Parents whose shared cookies the browser would send here but the extension may not see (Chrome). */
      hiddenParents: string[];
      report: SiteReport | null;
      /** A charte was stored for this portal but could not be read back: it is ignored, and the popup says so. */
      charteDamaged: boolean;
      /** Removals made on this site in this browser session, newest first: each can be undone. */
      undo: UndoEntry[];
      /** Removals made here before the browser closed (or its session storage was cleared): gone, and said so. */
      undoLost: boolean;
      /**
       * Storage refused the background's journal: the latest writes are not in it, so verdicts that hang on
       * their order may miss them, and the popup follows the cookies itself. Said.
       */
      journalRefused: boolean;
    };

/** `noUndoSpace`: storage refused the undo entry, so the cookie was left in place. */
export type FailureReason = 'stillThere' | 'refused' | 'expired' | 'noUndoSpace';

export interface CookieOutcome {
  done: ObservedCookie[];
  /** A cookie the site set again meanwhile is never overwritten by an undo. */
  skipped: ObservedCookie[];
  failed: Array<{ cookie: ObservedCookie; reason: FailureReason }>;
}

/** Every request the UI can make of the background, and what it gets back. */
export interface Protocol {
  siteView: { request: { tabId?: number }; response: SiteView };
  removeCookies: { request: { host: string; cookies: ObservedCookie[] }; response: CookieOutcome };
  undoRemoval: { request: { id: string }; response: CookieOutcome };
  /** The charte the popup read (on the user's click, or from the open page), for the background to keep. */
  saveCharte: {
    request: { host: string; charte: StoredCharte };
    response: { saved: true } | { saved: false; reason: 'invalid' | 'storage' };
  };
  portals: { request: object; response: LoadedSettings };
  /** Rejects with the browser's words when the write is refused; what was stored then stays as it was. */
  savePortals: { request: { rules: PortalRule[] }; response: null };
  addPortals: { request: { entries: NewPortal[] }; response: null };
}

export type RequestType = keyof Protocol;
export type Message<K extends RequestType = RequestType> = { type: K } & Protocol[K]['request'];
export type Response<K extends RequestType> = Protocol[K]['response'];
export type Handlers = { [K in RequestType]: (request: Protocol[K]['request']) => Promise<Response<K>> };

/** How the UI reaches the background: real messaging in the extension, a direct call in tests. */
export type Send = <K extends RequestType>(message: Message<K>) => Promise<Response<K>>;

/**
 * What crosses the wire: the handler's value, or the words of its failure. A rejection is not carried
 * alike by the polyfill (the background's) and the browsers' own messaging (the pages').
 */
export type Answer<T> = { value: T } | { failure: string };

export const answer = <T>(work: Promise<T>): Promise<Answer<T>> =>
  work.then(
    (value) => ({ value }),
    (error: unknown) => ({ failure: error instanceof Error ? error.message : String(error) }),
  );

export function opened<T>(reply: Answer<T>): T {
  if ('failure' in reply) throw new Error(reply.failure);
  return reply.value;
}

export const REQUEST_TYPES: readonly RequestType[] = [
  'siteView',
  'removeCookies',
  'undoRemoval',
  'saveCharte',
  'portals',
  'savePortals',
  'addPortals',
];

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && REQUEST_TYPES.includes((value as { type: RequestType }).type);
}

/** Only the extension's own pages may ask: a content script or any web page is never answered. */
export function isOwnPage(
  sender: { id?: string; url?: string },
  extensionId: string,
  extensionBaseUrl: string,
): boolean {
  return sender.id === extensionId && (sender.url ?? '').startsWith(extensionBaseUrl);
}
