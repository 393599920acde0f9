/**
 * A renderer hosted in a div outside React: its module is loaded on demand
 * (so the controls show before Pixi arrives), the view is built in the div
 * and wired to its sources, and on unmount it is unwired and destroyed.
 * StrictMode mounts twice: a module that arrives after its mount has gone
 * builds nothing, and each mount destroys only the view it built.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { errorText } from '@/worker/protocol';
import { useServices } from './app-context';

/** Builds the view in `host`; `showError` hears a renderer that could not start. */
export type ViewFactory<V> = (host: HTMLDivElement, showError: (message: string) => void) => V;

/**
 * Returns the ref for the host div. `load` brings the module and how to build
 * the view; `wire` feeds a new view and returns its unsubscribes, undone in
 * order before it is destroyed. A new `load` or `wire` (keep them stable)
 * builds the view afresh. `name` starts the message of a load that failed.
 */
export function useHostedView<V extends { destroy(): void }>(name: string, load: () => Promise<ViewFactory<V>>, wire: (view: V) => (() => void)[]): RefObject<HTMLDivElement | null> {
  const { store } = useServices();
  const hostRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const showError = (message: string) => store.getState().showError({ phase: 'page', message });
    let view: V | null = null;
    let unmounted = false;
    const unsubscribe: (() => void)[] = [];
    load()
      .then((build) => {
        if (unmounted) return;
        view = build(host, showError);
        unsubscribe.push(...wire(view));
      })
      .catch((error: unknown) => showError(`${name} could not be loaded: ${errorText(error)}`));
    return () => {
      unmounted = true;
      for (const off of unsubscribe) off();
      view?.destroy();
    };
  }, [store, name, load, wire]);
  return hostRef;
}
