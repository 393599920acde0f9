/**
 * `window.__neuroplay`: read-only run statistics for the browser tests and
 * for anyone curious in the console, plus `load` to send any genome (a
 * broken one included) through the same path the page uses.
 */
import type { AppStore, RunState } from '@/store';
import type { EngineClient } from '@/worker/client';
import { RunStats, type RunStatsSnapshot } from '@/worker/run-stats';

export interface NeuroplayStats extends RunStatsSnapshot {
  runState: RunState;
  simTimeMs: number;
  realTimeFactor: number;
}

export interface NeuroplayHandle {
  /** A fresh copy of the totals on every call. */
  stats(): NeuroplayStats;
  /** Sends a genome (any JSON) to the worker, as loading an experiment does. */
  load(genome: unknown): void;
}

declare global {
  interface Window {
    __neuroplay?: NeuroplayHandle;
  }
}

export function installDebugHandle(client: EngineClient, store: AppStore): void {
  const stats = new RunStats();
  client.onEvent((event) => {
    if (event.type === 'ready') stats.reset(event.backend, event.populations);
  });
  client.onFrame((frame) => stats.add(frame));
  const handle: NeuroplayHandle = {
    stats: () => {
      const { runState, simTimeMs, realTimeFactor } = store.getState();
      return { ...stats.snapshot(), runState, simTimeMs, realTimeFactor };
    },
    load: (genome) => client.load(genome),
  };
  Object.defineProperty(window, '__neuroplay', { value: Object.freeze(handle), writable: false, configurable: true });
}
