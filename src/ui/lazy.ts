import { useEffect, useState } from 'preact/hooks';

/** Code that loads only once the page needs it (`needed`): a component, or a module of them; null until it has. */
export function useLazy<T>(load: () => Promise<T>, needed: boolean): T | null {
  const [loaded, setLoaded] = useState<T | null>(null);
  useEffect(() => {
    if (needed && loaded === null) void load().then((value) => setLoaded(() => value));
  }, [needed]);
  return loaded;
}
