/**
 * `window.__neuroplay`: read-only run statistics for the browser tests and
 * for anyone curious in the console, plus `load` to send any genome (a
 * broken one included) through the same path the page uses, and
 * `loseDevice` to rehearse a GPU failure.
 */
import type { AppStore, RunState } from '@/store';
import type { EngineClient } from '@/worker/client';
import type { ViewRegistry } from './app-context';
import type { EngineReport } from '@/worker/protocol';
import { RunStats, type RunStatsSnapshot } from '@/worker/run-stats';

export interface NeuroplayStats extends RunStatsSnapshot {
  runState: RunState;
  /** The engine as the worker last reported it. */
  engine: EngineReport | null;
  simTimeMs: number;
  realTimeFactor: number;
}

export interface NeuroplayHandle {
  /** A fresh copy of the totals on every call. */
  stats(): NeuroplayStats;
  /** Sends a genome (any JSON) to the worker, as loading an experiment does. */
  load(genome: unknown): void;
  /** Destroys the worker's WebGPU device: the run should move to the CPU engine from its last snapshot. */
  loseDevice(): void;
  /** Global slot indices of the synapses the connectome view draws now (empty until it has loaded). */
  connectomeSlots(): number[];
}

declare global {
  interface Window {
    __neuroplay?: NeuroplayHandle;
  }
}

export function installDebugHandle(client: EngineClient, store: AppStore, views: ViewRegistry): void {
  const stats = new RunStats();
  client.onEvent((event) => {
    if (event.type === 'ready') stats.reset(event.backend, event.populations);
    else if (event.type === 'engine') stats.setBackend(event.engine.backend);
  });
  client.onFrame((frame) => stats.add(frame));
  const handle: NeuroplayHandle = {
    stats: () => {
      const { runState, engine, simTimeMs, realTimeFactor } = store.getState();
      return { ...stats.snapshot(), runState, engine, simTimeMs, realTimeFactor };
    },
    load: (genome) => client.load(genome),
    loseDevice: () => client.loseDevice(),
    connectomeSlots: () => views.connectome?.drawnSlots() ?? [],
  };
  Object.defineProperty(window, '__neuroplay', { value: Object.freeze(handle), writable: false, configurable: true });
}
