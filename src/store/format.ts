/** What the control bar prints, as pure functions of store values. */
import type { Backend } from '@/sim';
import type { ErrorPhase } from '@/worker/protocol';

export function engineLabel(backend: Backend): string {
  switch (backend) {
    case 'cpu':
      return 'CPU';
    case 'webgpu':
      return 'WebGPU';
  }
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
  }
}
