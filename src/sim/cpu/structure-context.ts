/**
 * What the structural edits share while the engine lives: the state, the
 * constants, how many neurons of each population are alive, the event sink
 * and scratch lists allocated once, so no growth, pruning or birth allocates.
 */
import type { SampleCounter } from '../build/connect-probability';
import type { Connectome } from '../connectome';
import { Stream } from '../rng';
import type { PopulationConstants } from './params';
import type { CpuState } from './state';
import type { EventSink, StructureRecording } from './structure-events';
import type { StructureConstants } from './structure-params';

/** Source candidates a growth attempt draws; the most recently active one that can connect wins. */
export const SOURCE_CANDIDATES = 4;

export interface StructureContext {
  state: CpuState;
  constants: StructureConstants;
  populations: readonly PopulationConstants[];
  /** Alive neurons per population: always its first ones, since a birth takes the lowest unborn index. */
  aliveCount: Uint32Array;
  sink: EventSink;
  /** Membrane potential and layout position of every neuron (the connectome's), for a newborn. */
  initialV: Float32Array;
  position: Float32Array;
  seed: number;
  /** A list of up to one entry per neuron of the largest population: eligible targets, drawn sources. */
  list: Uint32Array;
  /** Floyd's marks for a newborn's fixed in-degree draw. */
  chosenBy: Int32Array;
  candidates: Uint32Array;
  /** Spikes of each population in the current step, for the negative drive. */
  spikesOf: Uint32Array;
  /** Scratch for Philox; the event sink has its own. */
  words: Uint32Array;
  /** The counter of a geometric sample, rewritten before each use. */
  counter: SampleCounter;
}

/** Alive neurons of each population, counted from the alive flags. */
export function countAlive(connectome: Connectome, alive: Uint8Array, out: Uint32Array): Uint32Array {
  for (const p of connectome.populations) {
    let n = 0;
    for (let i = p.start, end = p.start + p.capacity; i < end; i++) n += alive[i];
    out[p.index] = n;
  }
  return out;
}

export function createStructureContext(
  connectome: Connectome,
  state: CpuState,
  constants: StructureConstants,
  populations: readonly PopulationConstants[],
  recording: StructureRecording,
): StructureContext {
  const seed = connectome.genome.seed;
  return {
    state,
    constants,
    populations,
    aliveCount: countAlive(connectome, state.alive, new Uint32Array(connectome.populations.length)),
    sink: { recording, totals: state.structureTotals, seed, words: new Uint32Array(4) },
    initialV: connectome.initialV,
    position: connectome.position,
    seed,
    list: new Uint32Array(constants.maxCapacity),
    chosenBy: new Int32Array(constants.maxCapacity),
    candidates: new Uint32Array(SOURCE_CANDIDATES),
    spikesOf: new Uint32Array(connectome.populations.length),
    words: new Uint32Array(4),
    counter: { seed, stream: Stream.connect, c0: 0, c1: 0, tag: 0 },
  };
}
