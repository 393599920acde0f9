/** The experiment as loaded in the worker: what was grown, how big, on which engine. */
import type { StateCreator } from 'zustand/vanilla';
import type { Genome } from '@/model';
import type { Backend, PopulationLayout } from '@/sim';
import type { EngineReport } from '@/worker/protocol';
import type { AppState } from './store';

export interface ExperimentInfo {
  backend: Backend;
  genomeName: string;
  /** The genome as the worker validated it (every default filled in): what the editor and the sensor board read. */
  genome: Genome;
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
  /** The engine the network runs on, as the worker names it; it changes when a failing engine hands the run to the CPU. */
  engine: EngineReport | null;
  /** The preset the gallery grew (an edited genome keeps it: its protocol still applies); null before one is chosen. */
  preset: string | null;
  setExperiment(experiment: ExperimentInfo): void;
  choosePreset(preset: string | null): void;
  setEngine(engine: EngineReport): void;
}

export const createExperimentSlice: StateCreator<AppState, [], [], ExperimentSlice> = (set) => ({
  experiment: null,
  engine: null,
  preset: null,
  setExperiment: (experiment) => set({ experiment }),
  choosePreset: (preset) => set({ preset }),
  setEngine: (engine) => set({ engine }),
});
