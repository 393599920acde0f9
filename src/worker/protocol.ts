/**
 * Every message between the page and the engine worker, in one place. Both
 * sides switch over `type` exhaustively (a `never` default), so a message
 * added here fails to compile until each side handles it.
 */
import type { ModulatorName } from '@/model';
import type { Backend, PopulationLayout } from '@/sim';

/** Page -> worker. */
export type ToWorker =
  /** Validate and grow a genome (any JSON: the worker validates it), replacing the running network only if that succeeds. */
  | { type: 'load'; genome: unknown }
  | { type: 'run' }
  | { type: 'pause' }
  /** Advance by a number of time steps, paused or not, and report a frame. */
  | { type: 'step'; steps: number }
  /** Simulated ms per wall-clock ms the loop aims for; 1 is real time. */
  | { type: 'setSpeed'; speed: number }
  /** The page has handled a frame: the worker keeps at most a few frames unhandled. */
  | { type: 'frameHandled' }
  /** Destroys the WebGPU device as a lost GPU would: the browser tests' (and the console's) way to rehearse a failure. */
  | { type: 'loseDevice' }
  /** Reward (dopamine) or punishment (aversion): adds `amount` to the modulator's level, which then decays with its genome tau. */
  | { type: 'pulse'; modulator: ModulatorName; amount: number }
  /** Sensory deprivation: every sensor population goes silent (on) or gets its input back (off). */
  | { type: 'deprive'; on: boolean };

/** Which engine runs the network, in words a person reads, and why it is not WebGPU when it is not. */
export interface EngineReport {
  backend: Backend;
  /** E.g. "WebGPU (google swiftshader, software fallback)" or "CPU". */
  label: string;
  /** Why the network runs on the CPU engine although WebGPU was tried ("this browser has no WebGPU"); null when it runs on its engine of choice. */
  fallback: string | null;
  /** After a failure mid-run: the step of the last snapshot, where the run resumed on the CPU engine; null otherwise. */
  resumedAtStep: number | null;
}

/** Spikes and counts since the previous frame; the typed arrays are transferred, not copied. */
export interface FrameMessage {
  type: 'frame';
  /** The frame covers steps stepStart .. stepEnd - 1. */
  stepStart: number;
  stepEnd: number;
  /** Step (absolute) of each recorded spike, in emission order. */
  spikeStep: Uint32Array;
  /** Global neuron index of each recorded spike. */
  spikeNeuron: Uint32Array;
  /** Spikes per population over the frame. */
  populationSpikes: Float64Array;
}

/** Worker -> page. */
export type FromWorker =
  /** The engine a network runs on: sent before `ready`, and again when a failing engine hands the run to the CPU engine. */
  | { type: 'engine'; engine: EngineReport }
  /** A network is grown and loaded (paused until `run`). */
  | {
      type: 'ready';
      backend: Backend;
      genomeName: string;
      dtMs: number;
      /** Neurons alive at the start (capacity pools not counted). */
      neurons: number;
      /** Occupied synapse slots. */
      synapses: number;
      populations: PopulationLayout[];
    }
  | FrameMessage
  /** Sent a few times a second and on every change of run state. */
  | {
      type: 'status';
      running: boolean;
      /** Simulated ms per wall-clock ms the loop aims for. */
      speed: number;
      /** Steps simulated so far. */
      step: number;
      simTimeMs: number;
      /** Simulated time over wall-clock time since the previous status; 0 while paused. */
      realTimeFactor: number;
      /** Mean firing rate per population since the previous status, Hz. */
      ratesHz: number[];
      /** Modulator levels as of the last frame, in MODULATOR_NAMES order (dopamine, aversion). */
      modulators: number[];
      /** Every sensor is silenced (sensory deprivation). */
      deprived: boolean;
    }
  /** Something failed: a genome, a build, the loop or a message. The worker stays alive. */
  | { type: 'error'; phase: ErrorPhase; message: string };

/**
 * Where an error arose, so the page can say what still works: the worker
 * reports genome, build, run and message errors and keeps going; the client
 * adds `worker` (the worker died or a message could not be read) and `page`
 * (a frame subscriber threw).
 */
export type ErrorPhase = 'genome' | 'build' | 'run' | 'message' | 'worker' | 'page';

/** The typed arrays of a frame, listed for `postMessage`'s transfer list. */
export function frameTransfer(frame: FrameMessage): Transferable[] {
  return [frame.spikeStep.buffer, frame.spikeNeuron.buffer, frame.populationSpikes.buffer];
}

/** The message of anything thrown, for an `error` message. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
