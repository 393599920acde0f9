/**
 * `window.__neuroplay`: read-only run statistics for the browser tests and
 * for anyone curious in the console, plus `load` to send any genome (a
 * broken one included) through the same path the page uses,
 * `loseDevice` to rehearse a GPU failure, and what the browser tests compare
 * between pages (spikes of a window of steps, a digest of the learned state).
 */
import type { AppStore, RunState } from '@/store';
import type { EngineClient } from '@/worker/client';
import type { EngineSnapshot } from '@/sim';
import type { ViewRegistry } from './app-context';
import type { Persistence } from './persistence';
import type { EngineReport } from '@/worker/protocol';
import { RunStats, type RunStatsSnapshot } from '@/worker/run-stats';

export interface NeuroplayStats extends RunStatsSnapshot {
  runState: RunState;
  /** The engine as the worker last reported it. */
  engine: EngineReport | null;
  simTimeMs: number;
  realTimeFactor: number;
  /** Sensors the worker has confirmed a stimulus on (its last status). */
  boundSensors: string[];
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
  /** Starts keeping the spikes of steps from .. to - 1 as "step:neuron" (the frames after this call bring them); a new network starts the same window afresh. Initially steps 0 .. FIRST_STEPS - 1. */
  watchSpikes(from: number, to: number): void;
  /** The spikes kept so far, and whether frames have covered the whole window. */
  watchedSpikes(): { complete: boolean; spikes: string[] };
  /** A hash (FNV-1a, hex) of the engine's complete state: equal digests, equal learned state. */
  stateDigest(): Promise<string>;
  /** Writes the autosave now, as hiding the page does. */
  flushAutosave(): Promise<void>;
}

/** Steps whose spikes every new network keeps until `watchSpikes` chooses another window: 0.5 s at dt 0.1 ms. */
export const FIRST_STEPS = 5000;

/** FNV-1a over the bytes of every array of a snapshot, in name order, with its step. */
function digest(snapshot: EngineSnapshot): string {
  let hash = 0x811c9dc5;
  const mix = (byte: number) => {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  };
  for (const byte of new TextEncoder().encode(String(snapshot.step))) mix(byte);
  for (const name of Object.keys(snapshot.arrays).sort()) {
    const array = snapshot.arrays[name];
    for (const byte of new Uint8Array(array.buffer, array.byteOffset, array.byteLength)) mix(byte);
  }
  return hash.toString(16).padStart(8, '0');
}

declare global {
  interface Window {
    __neuroplay?: NeuroplayHandle;
  }
}

export function installDebugHandle(client: EngineClient, store: AppStore, views: ViewRegistry, persistence: Promise<Persistence>): void {
  const stats = new RunStats();
  // From the start, the first FIRST_STEPS of every network grown (so a page opened on a link keeps its first spikes).
  let watch = { from: 0, to: FIRST_STEPS, end: 0, spikes: [] as string[] };
  client.onEvent((event) => {
    if (event.type === 'ready') watch = { ...watch, end: 0, spikes: [] };
  });
  client.onFrame((frame) => {
    watch.end = Math.max(watch.end, frame.stepEnd);
    // Past the watched steps (the run goes on for hours): nothing to look at in this frame.
    if (frame.stepEnd <= watch.from || frame.stepStart >= watch.to) return;
    for (let k = 0; k < frame.spikeStep.length; k++) {
      const step = frame.spikeStep[k];
      if (step >= watch.from && step < watch.to) watch.spikes.push(`${step}:${frame.spikeNeuron[k]}`);
    }
  });
  client.onEvent((event) => {
    if (event.type === 'ready') stats.reset(event.backend, event.populations);
    else if (event.type === 'engine') stats.setBackend(event.engine.backend);
  });
  client.onFrame((frame) => stats.add(frame));
  const handle: NeuroplayHandle = {
    stats: () => {
      const { runState, engine, simTimeMs, realTimeFactor, bindings } = store.getState();
      return { ...stats.snapshot(), runState, engine, simTimeMs, realTimeFactor, boundSensors: bindings.map((b) => b.sensor) };
    },
    load: (genome) => client.load(genome),
    loseDevice: () => client.loseDevice(),
    connectomeSlots: () => views.connectome?.drawnSlots() ?? [],
    watchSpikes: (from, to) => {
      watch = { from, to, end: 0, spikes: [] };
    },
    watchedSpikes: () => ({ complete: watch.end >= watch.to, spikes: [...watch.spikes] }),
    stateDigest: async () => digest((await client.snapshot()).snapshot),
    flushAutosave: async () => (await persistence).flushAutosave(),
  };
  Object.defineProperty(window, '__neuroplay', { value: Object.freeze(handle), writable: false, configurable: true });
}
