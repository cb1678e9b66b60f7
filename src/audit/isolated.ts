/**
 * Reads a page from a world of the audit's own (Chromium's isolated world, as extensions' content
 * scripts run): the page shares its DOM but not its JavaScript, so a page that rewrites
 * `Array.prototype.slice` or `Element.prototype.querySelectorAll` changes nothing of what the
 * audit reads. What comes back is still only data, checked in Node before it is used.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface PageReader {
  /** Runs `fn(arg)` in the audit's world of the page's main frame; what it returns, by value. */
  read<A, T>(fn: (arg: A) => T, arg?: A): Promise<T>;
  cdp: CDPSession;
  mainFrame: string;
}

export async function pageReader(page: Page): Promise<PageReader> {
  const cdp = await page.context().newCDPSession(page);
  const tree = await cdp.send('Page.getFrameTree');
  const mainFrame = tree.frameTree.frame.id;
  return {
    cdp,
    mainFrame,
    async read(fn, arg) {
      // A world per reading: each navigation starts a new document, and its worlds with it.
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
        frameId: mainFrame,
        worldName: 'cookies-ods-audit',
      });
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression: `(${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)})`,
        contextId: executionContextId,
        returnByValue: true,
        awaitPromise: true,
      });
      if (exceptionDetails)
        throw new Error(exceptionDetails.exception?.description?.split('\n')[0] ?? exceptionDetails.text);
      return result.value;
    },
  };
}
