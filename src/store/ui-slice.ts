/** What the page shows about itself: the last error, until dismissed. */
import type { StateCreator } from 'zustand/vanilla';
import type { ErrorPhase } from '@/worker/protocol';
import type { AppState } from './store';

export interface ShownError {
  phase: ErrorPhase;
  message: string;
}

export interface UiSlice {
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
  showError: (error) => set({ error }),
  dismissError: () => set({ error: null }),
  inspect: (neuron) => set({ inspected: neuron }),
});
