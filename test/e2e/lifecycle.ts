import { afterAll, beforeAll } from 'vitest';
import { startDemoServer, type DemoServer } from './demo';
import { startSession, type BrowserKind, type Session } from './session';

/**
 * A demo portal and one browser with the extension, for the tests of one describe block: a new
 * Chromium, or the worker's Firefox renewed (session.ts) — as new either way: no cookie, no site
 * data, the extension just installed.
 */
export function withBrowser(
  kind: BrowserKind,
  firefoxPrefs: Record<string, unknown> = {},
): { readonly server: DemoServer; readonly session: Session } {
  let server: DemoServer | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    server = await startDemoServer();
    session = await startSession(kind, server, firefoxPrefs);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the demo server is not started yet');
      return server;
    },
    get session() {
      if (!session) throw new Error('the browser is not started yet');
      return session;
    },
  };
}
