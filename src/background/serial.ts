/**
 * Runs tasks one after another per key. Requests that arrive while one runs fold into a single
 * next run, of the newest task: a refresh reads the whole jar, so that run sees every change.
 */
export function createSerialQueue() {
  const newest = new Map<string, () => Promise<void>>();
  const running = new Map<string, Promise<void>>();
  return function run(key: string, task: () => Promise<void>): Promise<void> {
    newest.set(key, task);
    const current = running.get(key);
    if (current) return current;
    const loop = (async () => {
      for (let next = newest.get(key); next; next = newest.get(key)) {
        newest.delete(key);
        await next().catch(() => undefined);
      }
      running.delete(key);
    })();
    running.set(key, loop);
    return loop;
  };
}
