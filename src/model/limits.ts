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
  maxSynapseSlots: 200_000_000,
  /** Slots in one presynaptic row of one projection. */
  maxRowCapacity: 20_000,
  maxPopulations: 64,
  maxProjections: 256,
  maxSensors: 64,
  /** Longest synaptic delay; the delay ring holds this many steps plus one. */
  maxDelayMs: 100,
  maxDelaySteps: 1024,
  /** Bytes of the delay ring (steps x channels x neurons x 4): long delays on a big network add up. */
  maxDelayRingBytes: 1 << 30,
  minDtMs: 0.01,
  maxDtMs: 1,
  maxRateHz: 1000,
  /** Absolute bound on any voltage-like parameter, mV. */
  maxAbsVoltageMv: 1000,
  maxTimeConstantMs: 100_000,
  maxNameLength: 64,
} as const;

/** Synaptic channels of the delay ring: excitatory and inhibitory, current and conductance. */
export const RING_CHANNELS = 4;
