/**
 * Runs tasks one after another per key, and folds a burst of requests for the same key into one
 * run: a refresh reads the whole jar, so the last one queued sees every change before it.
 */
export function createSerialQueue() {
  const tails = new Map<string, Promise<void>>();
  const queued = new Set<string>();
  return function run(key: string, task: () => Promise<void>): Promise<void> {
    if (queued.has(key)) return tails.get(key) ?? Promise.resolve();
    queued.add(key);
    const next = (tails.get(key) ?? Promise.resolve()).then(async () => {
      queued.delete(key);
      await task().catch(() => undefined);
    });
    tails.set(key, next);
    void next.then(() => {
      if (tails.get(key) === next) tails.delete(key);
    });
    return next;
  };
}
