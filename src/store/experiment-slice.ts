/** The experiment as loaded in the worker: what was grown, how big, on which engine. */
import type { StateCreator } from 'zustand/vanilla';
import type { Backend, PopulationLayout } from '@/sim';
import type { AppState } from './store';

export interface ExperimentInfo {
  backend: Backend;
  genomeName: string;
  /** Simulated ms per step. */
  dtMs: number;
  /** Neurons alive at the start. */
  neurons: number;
  /** Occupied synapse slots. */
  synapses: number;
  populations: PopulationLayout[];
}

export interface ExperimentSlice {
  /** Null until the worker reports a grown network. */
  experiment: ExperimentInfo | null;
  setExperiment(experiment: ExperimentInfo): void;
}

export const createExperimentSlice: StateCreator<AppState, [], [], ExperimentSlice> = (set) => ({
  experiment: null,
  setExperiment: (experiment) => set({ experiment }),
});
