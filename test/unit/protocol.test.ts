import { describe, expect, it } from 'vitest';
import { answer, isMessage, isOwnPage, opened } from '../../src/protocol';
import type { PageAdapter } from '../../src/platform/adapter';
import { FakeBrowser } from '../helpers/fake-browser';

const ID = 'abcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;

describe('the message protocol', () => {
  it('answers the extension’s own pages only', () => {
    expect(isOwnPage({ id: ID, url: `${BASE}popup.html?tab=3` }, ID, BASE)).toBe(true);
    expect(isOwnPage({ id: ID, url: 'https://data.issy.com/' }, ID, BASE)).toBe(false); // a content script's page
    expect(isOwnPage({ id: 'another-extension', url: `${BASE}popup.html` }, ID, BASE)).toBe(false);
    expect(isOwnPage({ id: ID }, ID, BASE)).toBe(false);
  });

  it('knows its request types and nothing else', () => {
    expect(isMessage({ type: 'siteView', tabId: 3 })).toBe(true);
    expect(isMessage({ type: 'eval', code: '1' })).toBe(false);
    expect(isMessage('siteView')).toBe(false);
    expect(isMessage(null)).toBe(false);
  });

  it('carries a refusal to the page as a rejection with the browser’s words, and a value as itself', async () => {
    // Both go through a structured clone, as messages do between the background and a page.
    const failed = structuredClone(await answer(Promise.reject(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'))));
    expect(() => opened(failed)).toThrow('QUOTA_BYTES_PER_ITEM quota exceeded');
    expect(opened(structuredClone(await answer(Promise.resolve(null))))).toBeNull();
  });
});

describe('the narrow door of the pages', () => {
  it('lets a page read and ask, never write cookies or storage itself (checked by the compiler)', () => {
    const page: PageAdapter = new FakeBrowser();
    // @ts-expect-error a page never removes a cookie itself: it asks the background
    void page.removeCookie;
    // @ts-expect-error a page never writes storage itself: it asks the background
    void page.writeSession;
    expect(typeof page.openOptions).toBe('function');
  });
});
