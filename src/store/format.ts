/** What the control bar and the engine notice print, as pure functions of store values. */
import type { Backend } from '@/sim';
import type { EngineReport, ErrorPhase } from '@/worker/protocol';

export function engineLabel(backend: Backend): string {
  switch (backend) {
    case 'cpu':
      return 'CPU';
    case 'webgpu':
      return 'WebGPU';
  }
}

/** A notice's heading and its text. */
export interface Notice {
  title: string;
  detail: string;
}

/** What the page says when the network runs on the CPU engine although WebGPU was tried; null on the engine of choice. */
export function engineNotice(engine: EngineReport, dtMs: number): Notice | null {
  if (engine.fallback === null) return null;
  const reason = sentence(engine.fallback);
  if (engine.resumedAtStep === null) return { title: `Running on the ${engine.label} engine`, detail: reason };
  return {
    title: `WebGPU stopped: the run continues on the ${engine.label} engine`,
    detail: `${reason} Resumed from the last snapshot, at ${formatSimTime(engine.resumedAtStep * dtMs)} of simulated time.`,
  };
}

/** `text` as a sentence: capital first letter, full stop at the end. */
function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Simulated time in seconds, to 10 ms: "12.34 s". */
export function formatSimTime(simTimeMs: number): string {
  return `${(simTimeMs / 1000).toFixed(2)} s`;
}

/** Real-time factor with two significant digits below 10: "0.98×", "12×". */
export function formatFactor(factor: number): string {
  return `${factor >= 10 ? factor.toFixed(0) : factor.toFixed(2)}×`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en');
}

export function formatRate(rateHz: number): string {
  return `${rateHz.toFixed(1)} Hz`;
}

/** The banner's heading: what failed and what still works. */
export function errorTitle(phase: ErrorPhase): string {
  switch (phase) {
    case 'genome':
      return 'Invalid genome: the current network keeps running';
    case 'build':
      return 'The network could not be built: the current network keeps running';
    case 'run':
      return 'The simulation stopped';
    case 'message':
      return 'The engine rejected a command';
    case 'worker':
      return 'The engine worker died: reload the page to start again';
    case 'page':
      return 'The display failed';
    case 'link':
      return 'This experiment could not be opened';
    case 'save':
      return 'The experiment could not be saved: the run goes on, and the autosave tries again';
  }
}
