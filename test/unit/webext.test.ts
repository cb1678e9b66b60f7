import { describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { webextAdapter } from '../../src/platform/webext';

/** A browser's storage as the adapter sees it: three areas, each counting the questions it is asked. */
function storageOf(contents: Record<'sync' | 'local' | 'session', Record<string, unknown>>) {
  const asked: Array<{ area: string; keys: string[] }> = [];
  const area = (name: keyof typeof contents) => ({
    async get(keys: string[]) {
      asked.push({ area: name, keys });
      return Object.fromEntries(keys.filter((key) => key in contents[name]).map((key) => [key, contents[name][key]]));
    },
    async set(values: Record<string, unknown>) {
      Object.assign(contents[name], values);
    },
    async remove(key: string) {
      delete contents[name][key];
    },
  });
  const browser = {
    runtime: { getURL: (path: string) => path },
    storage: { sync: area('sync'), local: area('local'), session: area('session') },
  } as unknown as Browser;
  return { adapter: webextAdapter(browser), asked };
}

describe('the background’s reads of storage', () => {
  it('asks each area once for what is read together, and gives each key its own value', async () => {
    const { adapter, asked } = storageOf({
      sync: {},
      local: { 'charte:data.issy.com': 'charte', undoHosts: ['data.issy.com'] },
      session: { undo: ['entry'], 'journal:0': { seq: 3 } },
    });
    const values = await Promise.all([
      adapter.readCache('charte:data.issy.com'),
      adapter.readSession('undo'),
      adapter.readCache('undoHosts'),
      adapter.readSession('journal:0'),
      adapter.readCache('missing'),
    ]);
    expect(values).toEqual(['charte', ['entry'], ['data.issy.com'], { seq: 3 }, undefined]);
    expect(asked).toEqual([
      { area: 'local', keys: ['charte:data.issy.com', 'undoHosts', 'missing'] },
      { area: 'session', keys: ['undo', 'journal:0'] },
    ]);
  });

  it('reads again after a write: a later question is never answered from an earlier one', async () => {
    const { adapter, asked } = storageOf({ sync: {}, local: { undoHosts: [] }, session: {} });
    expect(await adapter.readCache('undoHosts')).toEqual([]);
    await adapter.writeCache('undoHosts', ['data.issy.com']);
    expect(await adapter.readCache('undoHosts')).toEqual(['data.issy.com']);
    expect(asked).toHaveLength(2);
  });

  it('finds settings kept on this machine when sync has none, and prefers the synced ones', async () => {
    const kept = { version: 1, custom: ['data.ville-a.fr'] };
    const synced = { version: 1, custom: ['data.ville-b.fr'] };
    expect(await storageOf({ sync: {}, local: { portals: kept }, session: {} }).adapter.readStorage('portals')).toEqual(
      kept,
    );
    const both = storageOf({ sync: { portals: synced }, local: { portals: kept }, session: {} });
    expect(await both.adapter.readStorage('portals')).toEqual(synced);
  });
});
