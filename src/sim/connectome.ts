/**
 * The grown network as structure-of-arrays: what the builder makes from a
 * genome and every engine consumes. Neurons are numbered globally, population
 * by population, each population owning `capacity` consecutive indices (the
 * first `size` alive at the start). Synapses live in padded rows (ELL-like):
 * one row of `rowCapacity` slots per presynaptic neuron per projection.
 */
import { RING_CHANNELS, type Genome } from '@/model';

/** Target of an empty synapse slot. */
export const EMPTY_SLOT = 0xffffffff;

/**
 * Synaptic input is accumulated in the delay ring as integers: weight x 2^16,
 * rounded half up (floor(x + 0.5)). Integer sums are order-independent, so a
 * GPU's atomic adds give the same result as the CPU's loop.
 */
export const FIXED_POINT_SCALE = 65536;

/** Which synaptic variable of the target a projection feeds. */
export const Channel = {
  /** Current-based excitatory: ge, mV. */
  excCurrent: 0,
  /** Current-based inhibitory: gi, mV (subtracted). */
  inhCurrent: 1,
  /** Conductance-based excitatory: gE, relative to the leak. */
  excConductance: 2,
  /** Conductance-based inhibitory: gI, relative to the leak. */
  inhConductance: 3,
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];
/** Channels of the delay ring, one per value of `Channel`. */
export const CHANNEL_COUNT = RING_CHANNELS;

export type NeuronKind = 'lif' | 'izhikevich' | 'spike_source';

export interface PopulationLayout {
  index: number;
  name: string;
  /** Global index of the population's first neuron. */
  start: number;
  /** Neurons alive at the start. */
  size: number;
  /** Neurons that can ever exist; indices start .. start + capacity - 1. */
  capacity: number;
  kind: NeuronKind;
  sign: 'excitatory' | 'inhibitory';
  role: 'sensor' | 'hidden' | 'output' | 'modulatory';
}

export interface ProjectionLayout {
  index: number;
  name: string;
  source: number;
  target: number;
  channel: Channel;
  rowCapacity: number;
  /** Global slot index of row 0 slot 0; row r starts at slotStart + r * rowCapacity. */
  slotStart: number;
  /** Global index of this projection's first row in `rowEnd`. */
  rowStart: number;
}

export interface SynapseArrays {
  /** Global index of the postsynaptic neuron, or EMPTY_SLOT. */
  target: Uint32Array;
  /** Efficacy (magnitude >= 0), mV or relative conductance by channel. */
  weight: Float32Array;
  /** Delay in whole steps, >= 1. */
  delaySteps: Uint16Array;
  /** Per row: one past the last slot in use (slots beyond are empty). */
  rowEnd: Uint32Array;
}

export interface Connectome {
  genome: Genome;
  neuronCount: number;
  populations: PopulationLayout[];
  projections: ProjectionLayout[];
  /** Population index of each neuron. */
  populationOf: Uint16Array;
  /** 1 where the neuron exists (alive), 0 in a population's unborn pool. */
  alive: Uint8Array;
  /** Layout position of each neuron in the unit square: x at 2i, y at 2i + 1. */
  position: Float32Array;
  /** Membrane potential each neuron starts from, mV. */
  initialV: Float32Array;
  synapses: SynapseArrays;
  /** Slots of the delay ring: the longest delay in steps plus one. */
  ringLength: number;
}
