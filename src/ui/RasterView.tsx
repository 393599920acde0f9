/**
 * Hosts the Pixi raster in a div: the effect creates it and destroys it
 * (twice under StrictMode, which is fine), and wires it to the client's
 * frames and events directly, so spikes never pass through React. Pixi is
 * loaded on demand, so the controls show before the renderer has arrived.
 */
import { useEffect, useRef } from 'react';
import type { SpikeRaster } from '@/render/raster';
import { errorText } from '@/worker/protocol';
import { useServices } from './app-context';

export function RasterView() {
  const { client, store } = useServices();
  const hostRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const showError = (message: string) => store.getState().showError({ phase: 'page', message });
    let raster: SpikeRaster | null = null;
    let unmounted = false;
    const unsubscribe: (() => void)[] = [];
    import('@/render/raster')
      .then(({ SpikeRaster }) => {
        if (unmounted) return;
        const view = new SpikeRaster(host, showError);
        raster = view;
        // A network loaded before this mount (StrictMode's second mount, a remount) is in the store already.
        const { experiment, speed } = store.getState();
        if (experiment) view.setNetwork(experiment);
        view.setSpeed(speed);
        unsubscribe.push(
          client.onEvent((event) => {
            if (event.type === 'ready') view.setNetwork(event);
            else if (event.type === 'status') view.setSpeed(event.speed);
          }),
          client.onFrame((frame) => view.draw(frame)),
        );
      })
      .catch((error: unknown) => showError(`The raster could not be loaded: ${errorText(error)}`));
    return () => {
      unmounted = true;
      for (const off of unsubscribe) off();
      raster?.destroy();
    };
  }, [client, store]);
  return <div className="raster" ref={hostRef} role="img" aria-label="Spike raster: one row per neuron, newest time at the right" />;
}
