/** Asks the worker now and every few seconds while a panel is open: what it shows follows learning without flooding the worker. */
import { useEffect, useState } from 'react';
import { errorText } from '@/worker/protocol';

export interface Polled<T> {
  /** The latest answer, or null before the first (and after `request` changes). */
  value: T | null;
  /** Why the latest request failed, or ''. */
  problem: string;
}

/** Calls `request` at once and every `intervalMs` until it changes or the component unmounts; null asks nothing. */
export function usePolled<T>(request: (() => Promise<T>) | null, intervalMs: number): Polled<T> {
  const [polled, setPolled] = useState<Polled<T>>({ value: null, problem: '' });
  useEffect(() => {
    setPolled({ value: null, problem: '' });
    if (!request) return;
    let live = true;
    const ask = () =>
      request()
        .then((value) => live && setPolled({ value, problem: '' }))
        .catch((error: unknown) => live && setPolled((last) => ({ ...last, problem: errorText(error) })));
    void ask();
    const timer = setInterval(ask, intervalMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [request, intervalMs]);
  return polled;
}
