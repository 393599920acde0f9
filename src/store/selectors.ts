/** Narrow selectors: each returns one primitive (or a stable reference), so a component re-renders only when its value changes. */
import type { AppState } from './store';
import { engineLabel } from './format';

export const selectRunState = (s: AppState) => s.runState;
export const selectSpeed = (s: AppState) => s.speed;
export const selectSimTimeMs = (s: AppState) => s.simTimeMs;
export const selectRealTimeFactor = (s: AppState) => s.realTimeFactor;
export const selectRatesHz = (s: AppState) => s.ratesHz;
export const selectError = (s: AppState) => s.error;
export const selectPopulations = (s: AppState) => s.experiment?.populations;
export const selectDtMs = (s: AppState) => s.experiment?.dtMs;
export const selectNeurons = (s: AppState) => s.experiment?.neurons ?? 0;
export const selectSynapses = (s: AppState) => s.experiment?.synapses ?? 0;
export const selectGenomeName = (s: AppState) => s.experiment?.genomeName ?? '';
/** The worker's name for the engine ("WebGPU (google swiftshader, software fallback)", "CPU"), else the backend's; empty until a network is loaded. */
export const selectEngineLabel = (s: AppState) => s.engine?.label ?? (s.experiment ? engineLabel(s.experiment.backend) : '');
/** The engine report as the worker sent it (a stable reference: the notice derives its text from it). */
export const selectEngine = (s: AppState) => s.engine;
/** Commands make sense only with a network and a live worker. */
export const selectCanCommand = (s: AppState) => s.runState === 'paused' || s.runState === 'running';
export const selectGenome = (s: AppState) => s.experiment?.genome;
export const selectStructure = (s: AppState) => s.structure;
export const selectSynapseHistory = (s: AppState) => s.synapseHistory;
export const selectInspected = (s: AppState) => s.inspected;
export const selectDeprived = (s: AppState) => s.deprived;
export const selectPreset = (s: AppState) => s.preset;
export const selectBound = (s: AppState) => s.bound;
