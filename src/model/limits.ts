/**
 * Hard bounds on an experiment. They are checked by the schema and by the size
 * estimate before anything is allocated, so a genome from a URL or a file can
 * never make the page (or Node) try to allocate more than these.
 */
export const LIMITS = {
  /** Sum of population capacities (neurons that can ever exist). */
  maxNeurons: 2_000_000,
  /** One population's capacity. */
  maxPopulationCapacity: 2_000_000,
  /** Total synapse slots (row capacity x source capacity, over all projections). */
  maxSynapseSlots: 160_000_000,
  /** Slots in one presynaptic row of one projection. */
  maxRowCapacity: 20_000,
  maxPopulations: 64,
  maxProjections: 256,
  maxSensors: 64,
  /** Longest synaptic delay; the delay ring holds this many steps plus one. */
  maxDelayMs: 100,
  maxDelaySteps: 1024,
  minDtMs: 0.01,
  maxDtMs: 1,
  maxRateHz: 1000,
  /** Absolute bound on any voltage-like parameter, mV. */
  maxAbsVoltageMv: 1000,
  maxTimeConstantMs: 100_000,
  maxNameLength: 64,
} as const;

/** Bytes one neuron costs the CPU engine (state arrays + delay ring per channel, see sim/cpu/state.ts). */
export const BYTES_PER_NEURON_STATE = 48;
/** Bytes one synapse slot costs the CPU engine: target u32 + weight f32 + delay u8. */
export const BYTES_PER_SYNAPSE_SLOT = 9;
