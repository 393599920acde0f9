/**
 * The one store, made of typed slices. It holds what a person reads at
 * human speed; spikes and frames never enter it (they go from the worker
 * client straight to the raster).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkerEvent } from '@/worker/client';
import { createExperimentSlice, type ExperimentSlice } from './experiment-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export interface WorkerEventSlice {
  /** Folds one message from the worker into the slices it concerns. */
  applyWorkerEvent(event: WorkerEvent): void;
}

export type AppState = ExperimentSlice & RunSlice & UiSlice & WorkerEventSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => {
    const [set, get] = a;
    return {
      ...createExperimentSlice(...a),
      ...createRunSlice(...a),
      ...createUiSlice(...a),
      applyWorkerEvent: (event) => {
        const state = get();
        switch (event.type) {
          case 'engine':
            state.setEngine(event.engine);
            return;
          case 'ready':
            state.setExperiment({
              backend: event.backend,
              genomeName: event.genomeName,
              genome: event.genome,
              dtMs: event.dtMs,
              neurons: event.neurons,
              synapses: event.synapses,
              populations: event.populations,
            });
            state.clearRateHistory();
            state.inspect(null);
            set({ bound: {} });
            return;
          case 'status':
            state.applyStatus(event);
            return;
          case 'error':
            if (event.phase === 'worker') state.markStopped();
            state.showError({ phase: event.phase, message: event.message });
            return;
          default: {
            const unknown: never = event;
            state.showError({ phase: 'message', message: `unknown event ${JSON.stringify(unknown)}` });
          }
        }
      },
    };
  });
}
