/**
 * The one contract both engines implement (cpu/ now, gpu/ later). A step
 * runs the fixed schedule of src/sim/schedule.ts; frames carry what happened
 * since the last frame; a snapshot holds the complete state.
 */
import type { ModulatorName } from '@/model';
import type { Connectome } from './connectome';

export type Backend = 'cpu' | 'webgpu';

/** Everything that happened between two `readFrame` calls. */
export interface Frame {
  /** First step covered; the frame covers steps stepStart .. stepEnd - 1. */
  stepStart: number;
  stepEnd: number;
  /** Recorded spikes in emission order: step (absolute) and global neuron index. Empty when recording is off. */
  spikeStep: Uint32Array;
  spikeNeuron: Uint32Array;
  /** Spikes per population over the frame, recorded or not. */
  populationSpikes: Float64Array;
  /** Synaptic events (spike deliveries through a synapse) over the frame. */
  synapticEvents: number;
  /** Modulator levels at stepEnd, in MODULATOR_NAMES order (dopamine, aversion). */
  modulators: Float32Array;
  /** Structural changes over the frame. */
  structure: StructuralEvents;
  /** The membrane of the neuron chosen by `setProbe` over the frame; null when none is probed. */
  probe: ProbeTrace | null;
}

/** Values a frame's probe trace holds at most (the last ones): a long frame cannot grow memory. */
export const PROBE_CAPACITY = 4096;

/**
 * One neuron's membrane potential after each step. A step's value is v as
 * the step leaves it (stage `record` takes it): after integrate, so a spike
 * shows as the reset value (LIF v_reset, Izhikevich c), never as the
 * crossing; a refractory LIF neuron reads v_reset; a neuron born in the step
 * reads its starting v.
 */
export interface ProbeTrace {
  /** Global index of the probed neuron. */
  neuron: number;
  /**
   * Membrane potential v (mV for LIF, Izhikevich's v) after each step, oldest
   * first: the frame's last v.length steps, i.e. steps stepEnd - v.length ..
   * stepEnd - 1, at most PROBE_CAPACITY; fewer when the probe was set during
   * the frame (it records from the first step after the call).
   */
  v: Float32Array;
}

/** What kind of structural change an event records. */
export const StructuralEventKind = { grown: 0, pruned: 1, born: 2 } as const;
export type StructuralEventKind = (typeof StructuralEventKind)[keyof typeof StructuralEventKind];

/**
 * Counts of every growth, pruning and birth, and a sample of them for the
 * connectome view: triples (kind, pre, post) of global neuron indices; a
 * birth has pre = post = the newborn.
 */
export interface StructuralEvents {
  grown: number;
  pruned: number;
  born: number;
  sample: Uint32Array;
}

/** The complete state of a run: restoring it and stepping equals never having stopped. */
export interface EngineSnapshot {
  format: 'neuroplay-state';
  version: 1;
  step: number;
  /** Every state array by name (neuron state, synapses, delay ring, input rates). */
  arrays: Record<string, Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>;
}

/** Structural events since step 0. */
export interface StructuralTotals {
  grown: number;
  pruned: number;
  born: number;
}

/** How `imprint` writes a key into a neuron's incoming weights. */
export interface ImprintOptions {
  /**
   * The key, one value per neuron of the source population's capacity, in
   * trace units (a source firing at r Hz has a mean trace of r tau_trace / 1000).
   * Default: the source neurons' traces now, which needs traces kept there.
   */
  key?: Float32Array;
  /** The key's trace-weighted input, sum w_s k_s; default: twice what reaches threshold. */
  gain?: number;
}

/** A neuron's synapses in one projection, for receptive fields and weight views: CSR over the neurons asked for. */
export interface IncomingWeights {
  /** offsets[k] .. offsets[k+1]-1 index neuron k's synapses (neurons.length + 1 entries). */
  offsets: Uint32Array;
  /** Source neuron of each synapse, local index within the projection's source population; ascending within a neuron. */
  source: Uint32Array;
  weight: Float32Array;
}

/** What a sample of synapse slots holds now, for the live connectome view. */
export interface SlotSample {
  /** Pre neuron (global) of each slot: its row's source, whether the slot is in use or not. */
  pre: Uint32Array;
  /** Post neuron (global) of each slot, EMPTY_SLOT when the slot is free. */
  post: Uint32Array;
  /** Weight of each slot, 0 when it is free. */
  weight: Float32Array;
}

/** A result an engine may give at once (CPU) or once the device has answered (WebGPU): callers await it. */
export type MaybePromise<T> = T | Promise<T>;

export interface EngineOptions {
  /** Keep every spike for frames (raster, runner); off for benchmarks. Default true. */
  recordSpikes?: boolean;
}

export interface Engine {
  readonly backend: Backend;
  readonly connectome: Connectome;
  /** Steps simulated so far. */
  readonly stepCount: number;
  /** Advance the simulation by `steps` time steps. */
  step(steps: number): void;
  /** Per-neuron rates (Hz) of a spike_source population, e.g. from a sensor; a number sets all. */
  setInputRates(population: number, rates: Float32Array | number): void;
  /** Sets a modulator's level; it then decays with the genome's tau for it. */
  setModulator(name: ModulatorName, level: number): void;
  /** Adds to a modulator's level: a reward (dopamine) or punishment (aversion) pulse. */
  pulseModulator(name: ModulatorName, amount: number): void;
  /** Scales each target's incoming weights in a projection with `normalization` to its total. */
  normalize(projection: number): void;
  /** Brings the next unborn neuron of a population to life, wired by its projections; -1 when the pool is empty. */
  birth(population: number): MaybePromise<number>;
  /** Synapses grown and pruned and neurons born since step 0. */
  structuralTotals(): MaybePromise<StructuralTotals>;
  /** One-shot memory: the pattern now arriving through `projection` becomes the neuron's key. Returns the synapses written. */
  imprint(neuron: number, projection: number, options?: ImprintOptions): MaybePromise<number>;
  /** The neuron's outgoing weights in `projection` become the value pattern it answers with. Returns the synapses written. */
  imprintValue(neuron: number, projection: number, values: Float32Array): MaybePromise<number>;
  /**
   * Records the membrane of global neuron `neuron` after every step from now
   * on, for frames (Frame.probe); null stops. Throws naming the neuron when
   * it is out of range or a spike source (a source has no membrane). An
   * unborn neuron of a pool may be probed: it holds its starting v until born.
   * A view, not state: snapshots do not carry it, and a restore keeps the
   * probed neuron but drops the values recorded before it.
   */
  setProbe(neuron: number | null): void;
  /**
   * The current synapses (after growth and pruning) of `projection` onto each
   * of `neurons` (global indices, each in the projection's target
   * population; a neuron may repeat), in ascending source order.
   */
  readIncoming(neurons: Uint32Array, projection: number): MaybePromise<IncomingWeights>;
  /** What the given global synapse slots hold now (pre, post or EMPTY_SLOT, weight); a slot out of range throws. */
  readSlots(slots: Uint32Array): MaybePromise<SlotSample>;
  /** Spikes and counts since the previous frame; the frame's arrays belong to the caller. */
  readFrame(): Promise<Frame>;
  snapshot(): Promise<EngineSnapshot>;
  restore(snapshot: EngineSnapshot): Promise<void>;
}
