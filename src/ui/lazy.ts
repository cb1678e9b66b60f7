import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A component whose code loads only once the page needs it (`needed`); null until it has. */
export function useLazy<P>(load: () => Promise<ComponentType<P>>, needed: boolean): ComponentType<P> | null {
  const [component, setComponent] = useState<ComponentType<P> | null>(null);
  useEffect(() => {
    if (needed && component === null) void load().then((loaded) => setComponent(() => loaded));
  }, [needed]);
  return component;
}
