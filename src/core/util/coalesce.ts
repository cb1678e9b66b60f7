import { systemNow } from './clock';

/**
 * One call of `fn` for any number of requests: `ms` after the first, or sooner when a request asks
 * for less. The watcher's journal writes, the badges' rounds and the popup's reloads fold bursts so.
 */
export function coalesce(fn: () => void, ms: number, now: () => number = systemNow) {
  let pending: { handle: ReturnType<typeof setTimeout>; due: number } | undefined;
  const cancel = () => {
    if (pending) clearTimeout(pending.handle);
    pending = undefined;
  };
  const request = (delay = ms) => {
    const due = now() + delay;
    if (pending && pending.due <= due) return;
    cancel();
    pending = {
      due,
      handle: setTimeout(() => {
        pending = undefined;
        fn();
      }, delay),
    };
  };
  return Object.assign(request, { cancel });
}
