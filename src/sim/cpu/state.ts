/**
 * The CPU engine's complete state as a structure of arrays: one typed array
 * per model variable, index = global neuron id, allocated once when the
 * engine is built. Nothing here is reallocated while the network runs.
 */
import { CHANNEL_COUNT, type Connectome, type SynapseArrays } from '../connectome';
import { MODULATOR_NAMES } from '@/model';
import { philox4x32, Stream, toUniform } from '../rng';
import type { LearningConstants } from './learning-params';
import type { PopulationConstants } from './params';
import { createReverseIndex, type ReverseIndex } from './reverse-index';
import { TOTALS_LENGTH } from './structure-events';
import { ringLengthFor } from './structure-params';

export interface NeuronState {
  /** Membrane potential, mV. */
  v: Float32Array;
  /** Izhikevich recovery variable (0 for other models). */
  u: Float32Array;
  /** Current-based synaptic input, mV: excitatory ge, inhibitory gi (subtracted). */
  ge: Float32Array;
  gi: Float32Array;
  /** Conductances relative to the leak: excitatory gE, inhibitory gI. */
  gE: Float32Array;
  gI: Float32Array;
  /** Steps of refractoriness left (LIF); while it is above 0 after its decrement the neuron is held at reset. */
  refractory: Int32Array;
  /** Firing rate of each spike source, Hz (0 for other models). */
  rate_hz: Float32Array;
  /** Regular sources: fraction of the way to the next spike, [0, 1). */
  phase: Float32Array;
  /** 1 where the neuron exists; dead neurons are skipped by every stage. */
  alive: Uint8Array;
  /** Spike trace x (trace.ts): decays with the population's trace tau, jumps at each spike; kept only where a rule reads it, else 0. */
  trace: Float32Array;
  /** Adaptive threshold, mV: LIF populations with `adaptive_threshold` fire at v_thresh + theta; 0 elsewhere. */
  theta: Float32Array;
}

export interface CpuState extends NeuronState, ReverseIndex {
  neuronCount: number;
  /** The engine's own copies of the synapse rows: plasticity mutates them. */
  synapses: SynapseArrays;
  ringLength: number;
  /**
   * Delay ring of fixed-point input, index ((slot * CHANNEL_COUNT) + channel) * neuronCount + neuron.
   * Slot t % ringLength holds what arrives at step t; a neuron's entries for one
   * channel are contiguous over neurons, so delivery reads them in order.
   */
  ring: Int32Array;
  /** Per synapse slot, the three-factor rules' tag waiting for a modulator; empty when no projection is modulated. */
  eligibility: Float32Array;
  /** Level of each modulator, in MODULATOR_NAMES order. */
  modulators: Float32Array;
  /** Negative drive of each population (negative-drive.ts); 0 where it has none. */
  negativeDrive: Float32Array;
  /** Structural events since the start: (low, high) u32 words of grown, pruned, born (structure-events.ts). */
  structureTotals: Uint32Array;
}

/** The spikes of the current step, in emission order; `neuron` has room for every neuron. */
export interface SpikeList {
  count: number;
  neuron: Uint32Array;
}

export function createSpikeList(neuronCount: number): SpikeList {
  return { count: 0, neuron: new Uint32Array(neuronCount) };
}

function copySynapses(s: SynapseArrays): SynapseArrays {
  return { target: s.target.slice(), weight: s.weight.slice(), delaySteps: s.delaySteps.slice(), rowEnd: s.rowEnd.slice() };
}

/**
 * A regular source's starting phase: key (seed, Stream.init), counter
 * (population, neuron within it, 1, 0), so regular sources do not all fire
 * in lockstep. The same at the start and at a birth.
 */
export function initialPhase(population: number, local: number, seed: number, words: Uint32Array): number {
  return toUniform(philox4x32(population, local, 1, 0, seed, Stream.init, words)[0]);
}

/**
 * Initial state: v from the connectome, Izhikevich u = b v (the rest point's
 * recovery), rates from each source population's genome, and each regular
 * source's initialPhase. The delay ring is as long as ringLengthFor says:
 * the builder's, or more for synapses that may grow later.
 */
export function createState(connectome: Connectome, constants: PopulationConstants[], learning: LearningConstants): CpuState {
  const n = connectome.neuronCount;
  const ringLength = ringLengthFor(connectome);
  const state: CpuState = {
    neuronCount: n,
    v: Float32Array.from(connectome.initialV),
    u: new Float32Array(n),
    ge: new Float32Array(n),
    gi: new Float32Array(n),
    gE: new Float32Array(n),
    gI: new Float32Array(n),
    refractory: new Int32Array(n),
    rate_hz: new Float32Array(n),
    phase: new Float32Array(n),
    alive: connectome.alive.slice(),
    trace: new Float32Array(n),
    theta: new Float32Array(n),
    synapses: copySynapses(connectome.synapses),
    ringLength,
    ring: new Int32Array(ringLength * CHANNEL_COUNT * n),
    eligibility: new Float32Array(learning.plastic.modulated.length > 0 ? connectome.synapses.target.length : 0),
    modulators: new Float32Array(MODULATOR_NAMES.length),
    negativeDrive: new Float32Array(connectome.populations.length),
    structureTotals: new Uint32Array(TOTALS_LENGTH),
    ...createReverseIndex(connectome, learning.reverse),
  };
  const words = new Uint32Array(4);
  const seed = connectome.genome.seed;
  for (const c of constants) {
    if (c.kind === 'izhikevich') {
      for (let i = c.start; i < c.end; i++) state.u[i] = c.b * state.v[i];
    } else if (c.kind === 'spike_source') {
      state.rate_hz.fill(c.rateHz, c.start, c.end);
      if (c.process === 'regular') {
        for (let i = c.start; i < c.end; i++) state.phase[i] = initialPhase(c.population, i - c.start, seed, words);
      }
    }
  }
  return state;
}

/** Every state array by name, as snapshots store them (synapse arrays under their SynapseArrays names). */
export function stateArrays(state: CpuState): Record<string, Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array> {
  const { v, u, ge, gi, gE, gI, refractory, rate_hz, phase, alive, trace, theta, ring, eligibility, modulators, reverseSlot, reverseCount, negativeDrive, structureTotals } = state;
  const { target, weight, delaySteps, rowEnd } = state.synapses;
  return {
    v, u, ge, gi, gE, gI, refractory, rate_hz, phase, alive, trace, theta,
    target, weight, delaySteps, rowEnd, ring, eligibility, modulators, reverseSlot, reverseCount,
    negativeDrive, structureTotals,
  };
}
