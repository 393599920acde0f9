/** The run as a person follows it: running or not, simulated time, speed, rates; refreshed a few times a second. */
import type { StateCreator } from 'zustand/vanilla';
import type { BindingStatus, StructureStatus } from '@/worker/protocol';
import type { AppState } from './store';

/**
 * `loading`: no network yet; `paused` / `running`: the loop's state;
 * `stopped`: the worker died, nothing more will run.
 */
export type RunState = 'loading' | 'paused' | 'running' | 'stopped';

export interface RunStatus {
  running: boolean;
  /** Simulated ms per wall-clock ms the loop aims for. */
  speed: number;
  simTimeMs: number;
  realTimeFactor: number;
  ratesHz: number[];
  /** Modulator levels, MODULATOR_NAMES order. */
  modulators: number[];
  deprived: boolean;
  bindings: BindingStatus[];
  structure: StructureStatus;
}

export interface RunSlice {
  runState: RunState;
  speed: number;
  simTimeMs: number;
  /** Simulated time over wall-clock time, last status window. */
  realTimeFactor: number;
  /** Mean rate per population, Hz, rounded to RATE_RESOLUTION_HZ. */
  ratesHz: number[];
  /** Dopamine and aversion levels (MODULATOR_NAMES order) as of the last frame. */
  modulators: number[];
  /** Sensory deprivation is on. */
  deprived: boolean;
  /** Per population, its rate (Hz) at each of the last RATE_HISTORY statuses of a running network, oldest first. */
  rateHistory: number[][];
  /** What each bound sensor shows. */
  bindings: BindingStatus[];
  /** Synapses now, grown, pruned and neurons born since the network was grown. */
  structure: StructureStatus;
  /** Synapse count at each of the last RATE_HISTORY statuses of a running network, oldest first. */
  synapseHistory: number[];
  applyStatus(status: RunStatus): void;
  /** A new network: its strips start empty. */
  clearRateHistory(): void;
  markStopped(): void;
}

/** Statuses a rate strip spans: about 30 s at four a second. */
export const RATE_HISTORY = 120;

/** `history` with this status's rates appended, at most RATE_HISTORY each; started afresh when the populations changed. */
function appendRates(history: number[][], ratesHz: number[]): number[][] {
  const fresh = history.length !== ratesHz.length;
  return ratesHz.map((rate, p) => [...(fresh ? [] : history[p].slice(-(RATE_HISTORY - 1))), rate]);
}

/** Rates are shown to 0.1 Hz: finer digits only flicker at four updates a second. */
export const RATE_RESOLUTION_HZ = 0.1;

export function roundRate(rateHz: number): number {
  return Math.round(rateHz / RATE_RESOLUTION_HZ) * RATE_RESOLUTION_HZ;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  runState: 'loading',
  speed: 1,
  simTimeMs: 0,
  realTimeFactor: 0,
  ratesHz: [],
  modulators: [],
  deprived: false,
  rateHistory: [],
  bindings: [],
  structure: { synapses: 0, grown: 0, pruned: 0, born: 0 },
  synapseHistory: [],
  applyStatus: (status) =>
    set((state) => ({
      runState: state.runState === 'stopped' ? 'stopped' : status.running ? 'running' : 'paused',
      speed: status.speed,
      simTimeMs: status.simTimeMs,
      realTimeFactor: status.realTimeFactor,
      ratesHz: status.ratesHz.map(roundRate),
      modulators: status.modulators,
      deprived: status.deprived,
      // A paused network's statuses carry no new rates: its strips hold still.
      rateHistory: status.running ? appendRates(state.rateHistory, status.ratesHz) : state.rateHistory,
      bindings: status.bindings,
      structure: status.structure,
      synapseHistory: status.running ? [...state.synapseHistory.slice(-(RATE_HISTORY - 1)), status.structure.synapses] : state.synapseHistory,
    })),
  clearRateHistory: () => set({ rateHistory: [], synapseHistory: [] }),
  markStopped: () => set({ runState: 'stopped', realTimeFactor: 0 }),
});
