import type { BrowserAdapter, StorageArea, Unsubscribe } from '../platform/adapter';

/**
 * The background's adapter, with its reads of storage and permissions answered from memory.
 * Under a storm of cookie events every round trip to the busy browser delays the popup, and the
 * background asks the same few things for every view (settings, a charte, the undo history, the
 * journal, the permissions). It writes these stores itself, so what it wrote is what it remembers;
 * what changes behind its back is forgotten when the browser says so (settings synced from another
 * computer, a permission granted or removed in a page or in the browser's settings).
 */
export function rememberingAdapter(adapter: BrowserAdapter): BrowserAdapter & { stop: Unsubscribe } {
  const values = new Map<string, Promise<unknown>>();
  let granted: Promise<string[]> | undefined;

  const remembered = (area: StorageArea, key: string, read: () => Promise<unknown>) => {
    const slot = `${area}:${key}`;
    let value = values.get(slot);
    if (!value) {
      value = read();
      values.set(slot, value);
      value.catch(() => values.get(slot) === value && values.delete(slot));
    }
    return value;
  };
  /**
   * Forgotten while the write is under way, remembered once the browser took it: a failed write leaves nothing stale.
   */
  const written = async (area: StorageArea, key: string, value: unknown, write: () => Promise<void>) => {
    const slot = `${area}:${key}`;
    values.delete(slot);
    await write();
    values.set(slot, Promise.resolve(value));
  };

  const stopStorage = adapter.onStorageChanged(
    (keys) => {
      for (const key of keys) for (const area of ['sync', 'local'] as const) values.delete(`${area}:${key}`);
    },
    ['sync', 'local'],
  );
  // The session area is the background's alone (undo history, journal): only a removal — the
  // browser or a test clearing it — is news there; hearing its own writes would only cost time.
  const stopSession = adapter.onStorageChanged(
    (_, removed) => {
      for (const key of removed) values.delete(`session:${key}`);
    },
    ['session'],
  );
  const stopPermissions = adapter.onPermissionsChanged(() => (granted = undefined));

  const own: Partial<BrowserAdapter> & { stop: Unsubscribe } = {
    readStorage: (key) => remembered('sync', key, () => adapter.readStorage(key)),
    writeStorage: (key, value) => written('sync', key, value, () => adapter.writeStorage(key, value)),
    readCache: (key) => remembered('local', key, () => adapter.readCache(key)),
    writeCache: (key, value) => written('local', key, value, () => adapter.writeCache(key, value)),
    readSession: (key) => remembered('session', key, () => adapter.readSession(key)),
    writeSession: (key, value) => written('session', key, value, () => adapter.writeSession(key, value)),
    grantedOrigins: () => {
      const asked = (granted ??= adapter.grantedOrigins());
      asked.catch(() => granted === asked && (granted = undefined));
      return asked;
    },
    stop: () => {
      stopStorage();
      stopSession();
      stopPermissions();
    },
  };
  // Everything else goes to the browser as it is, called on the adapter itself (a class keeps its fields).
  return new Proxy(adapter, {
    get(target, name) {
      if (name in own) return own[name as keyof typeof own];
      const value: unknown = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as BrowserAdapter & { stop: Unsubscribe };
}
