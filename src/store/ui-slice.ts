/** What the page shows about itself: the last error, until dismissed. */
import type { StateCreator } from 'zustand/vanilla';
import type { StimulusBinding } from '@/model/experiment';
import type { SaveMeta } from '@/persist';
import type { StimulusProgram } from '@/stimuli/program';
import type { ErrorPhase } from '@/worker/protocol';
import type { AppState } from './store';

export interface ShownError {
  phase: ErrorPhase;
  message: string;
}

/** What a sensor was given: shown on the sensor board, carried by share links and saves. */
export interface BoundStimulus {
  /** How a link names it; null for what a link cannot carry (an image of one's own). */
  binding: StimulusBinding | null;
  label: string;
  program: StimulusProgram;
}

export interface UiSlice {
  /** Stimuli bound to the running network's sensors, by sensor name; emptied when a new network is grown. */
  bound: Record<string, BoundStimulus>;
  setBound(sensor: string, stimulus: BoundStimulus | null): void;
  /** The autosave a reopened page offers to continue from, until the person answers. */
  resumeOffer: SaveMeta | null;
  offerResume(save: SaveMeta | null): void;
  error: ShownError | null;
  /** The neuron the inspector shows (global index), or null. */
  inspected: number | null;
  showError(error: ShownError): void;
  dismissError(): void;
  inspect(neuron: number | null): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  error: null,
  inspected: null,
  bound: {},
  resumeOffer: null,
  offerResume: (save) => set({ resumeOffer: save }),
  setBound: (sensor, stimulus) =>
    set((state) => {
      const { [sensor]: _, ...rest } = state.bound;
      return { bound: stimulus ? { ...rest, [sensor]: stimulus } : rest };
    }),
  showError: (error) => set({ error }),
  dismissError: () => set({ error: null }),
  inspect: (neuron) => set({ inspected: neuron }),
});
