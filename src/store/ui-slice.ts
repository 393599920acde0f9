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
  showError(error: ShownError): void;
  dismissError(): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  error: null,
  showError: (error) => set({ error }),
  dismissError: () => set({ error: null }),
});
