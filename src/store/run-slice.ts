/** The run as a person follows it: running or not, simulated time, speed, rates; refreshed a few times a second. */
import type { StateCreator } from 'zustand/vanilla';
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
  applyStatus(status: RunStatus): void;
  markStopped(): void;
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
  applyStatus: (status) =>
    set((state) => ({
      runState: state.runState === 'stopped' ? 'stopped' : status.running ? 'running' : 'paused',
      speed: status.speed,
      simTimeMs: status.simTimeMs,
      realTimeFactor: status.realTimeFactor,
      ratesHz: status.ratesHz.map(roundRate),
      modulators: status.modulators,
      deprived: status.deprived,
    })),
  markStopped: () => set({ runState: 'stopped', realTimeFactor: 0 }),
});
