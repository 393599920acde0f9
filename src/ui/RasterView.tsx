/**
 * Hosts the Pixi raster in a div (through `useHostedView`: loaded on demand,
 * destroyed on unmount) and wires it to the client's frames and events
 * directly, so spikes never pass through React.
 */
import { useCallback } from 'react';
import type { SpikeRaster } from '@/render/raster';
import { useServices } from './app-context';
import { useHostedView, type ViewFactory } from './use-hosted-view';

const loadView = (): Promise<ViewFactory<SpikeRaster>> => import('@/render/raster').then(({ SpikeRaster }) => (host, showError) => new SpikeRaster(host, showError));

export function RasterView() {
  const { client, store } = useServices();
  const wire = useCallback(
    (view: SpikeRaster) => {
      // A network loaded before this mount (StrictMode's second mount, a remount) is in the store already.
      const { experiment, speed } = store.getState();
      if (experiment) view.setNetwork(experiment);
      view.setSpeed(speed);
      return [
        client.onEvent((event) => {
          if (event.type === 'ready') view.setNetwork(event);
          else if (event.type === 'status') view.setSpeed(event.speed);
        }),
        client.onFrame((frame) => view.draw(frame)),
      ];
    },
    [client, store],
  );
  const hostRef = useHostedView('The raster', loadView, wire);
  return <div className="raster" ref={hostRef} role="img" aria-label="Spike raster: one row per neuron, newest time at the right" />;
}
