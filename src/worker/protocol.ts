/**
 * Every message between the page and the engine worker, in one place. Both
 * sides switch over `type` exhaustively (a `never` default), so a message
 * added here fails to compile until each side handles it.
 */
import type { Genome, ModulatorName } from '@/model';
import type { Backend, EngineSnapshot, IncomingWeights, PopulationLayout, ProbeTrace, SlotSample, StructuralEvents } from '@/sim';
import type { StimulusProgram } from '@/stimuli';

/** Page -> worker. */
export type ToWorker =
  /**
   * Validate and grow a genome (any JSON: the worker validates it), replacing the running network only if that succeeds;
   * with `snapshot`, the grown network then takes that learned state (refused whole, keeping the running network, when it does not fit).
   */
  | { type: 'load'; genome: unknown; snapshot?: EngineSnapshot }
  /** Asks for the complete state (to save or export); answered by `snapshot` with the same id. */
  | { type: 'snapshot'; id: number }
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
  | { type: 'deprive'; on: boolean }
  /**
   * Binds a stimulus (one pattern held, or a stream of them) to a sensor of the genome, replacing what it had.
   * `fromStep`: the step its presentation started at (a reopened save's stimulus goes on in its phase); at most
   * the current step, which is the default.
   */
  | { type: 'bind'; sensor: string; program: StimulusProgram; fromStep?: number }
  /** The sensor goes back to its genome rate. */
  | { type: 'unbind'; sensor: string }
  /** Records one neuron's membrane potential at every step into the frames (null: none). */
  | { type: 'probe'; neuron: number | null }
  /** Asks for a neuron's incoming weights, per projection that ends on it; answered by `inspection` with the same id. */
  | { type: 'inspect'; id: number; neuron: number }
  /** Asks for the incoming weights of a projection's first `maxNeurons` targets; answered by `weights` with the same id. */
  | { type: 'weights'; id: number; projection: number; maxNeurons: number };

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

/** A source population's grid, for drawing weights from it as an image (a receptive field); null for a line. */
export type SourceGrid = { width: number; height: number } | null;

/** One projection's synapses onto the inspected neurons. */
export interface IncomingView {
  projection: number;
  name: string;
  /** Source population index and its grid. */
  source: number;
  grid: SourceGrid;
  weights: IncomingWeights;
}

/** What a sensor is showing, for the sensor board. */
export interface BindingStatus {
  sensor: string;
  label: string;
  /** Index of the pattern on now (streams), and how many there are. */
  showing: number;
  count: number;
}

/** Structural change since the network was grown. */
export interface StructureStatus {
  /** Occupied synapse slots now. */
  synapses: number;
  grown: number;
  pruned: number;
  born: number;
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
  /** Growth, pruning and births over the frame, with a sample for the connectome view. */
  structure: StructuralEvents;
  /** The probed neuron's membrane potential over the frame's last steps, or null. */
  probe: ProbeTrace | null;
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
      /** The validated genome the network grew from (every default filled in). */
      genome: Genome;
      dtMs: number;
      /** Neurons alive at the start (capacity pools not counted). */
      neurons: number;
      /** Occupied synapse slots. */
      synapses: number;
      populations: PopulationLayout[];
    }
  | FrameMessage
  /** The connectome view's fixed sample of synapse slots, read again a couple of times a second (arrays transferred). */
  | { type: 'synapses'; sample: SlotSample & { slots: Uint32Array } }
  | { type: 'inspection'; id: number; neuron: number; population: number; incoming: IncomingView[] }
  | { type: 'weights'; id: number; projection: number; neurons: Uint32Array; grid: SourceGrid; weights: IncomingWeights }
  /** `boundAt`: per bound sensor, the step its stimulus started at, so a save can carry the stimulus's phase. */
  | { type: 'snapshot'; id: number; snapshot: EngineSnapshot; boundAt: Record<string, number> }
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
      /** What each bound sensor is showing. */
      bindings: BindingStatus[];
      structure: StructureStatus;
    }
  /** Something failed: a genome, a build, the loop or a message. The worker stays alive. */
  | { type: 'error'; phase: ErrorPhase; message: string; /** Set when the error answers a request (inspect, weights): it fails that request. */ requestId?: number };

/**
 * Where an error arose, so the page can say what still works: the worker
 * reports genome, build, run and message errors and keeps going; the client
 * adds `worker` (the worker died or a message could not be read), the page
 * `page` (a frame subscriber threw, a view failed), `link` (a share link,
 * a saved experiment or a file could not be opened) and `save` (the
 * autosave or a save failed).
 */
export type ErrorPhase = 'genome' | 'build' | 'run' | 'message' | 'worker' | 'page' | 'link' | 'save';

/** The typed arrays of a frame, listed for `postMessage`'s transfer list. */
export function frameTransfer(frame: FrameMessage): Transferable[] {
  const arrays = [frame.spikeStep, frame.spikeNeuron, frame.populationSpikes, frame.structure.sample, ...(frame.probe ? [frame.probe.v] : [])];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

/** The message of anything thrown, for an `error` message. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
