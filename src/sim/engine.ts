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
  /** Spikes and counts since the previous frame; the frame's arrays belong to the caller. */
  readFrame(): Promise<Frame>;
  snapshot(): Promise<EngineSnapshot>;
  restore(snapshot: EngineSnapshot): Promise<void>;
}
