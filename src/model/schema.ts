/**
 * The one schema of an experiment ("genome"), version 1. Everything that can
 * grow a network passes through `GenomeSchema`; cross-field rules (names,
 * references, sizes) are checked in `checkGenome` so each message names the
 * field and the reason.
 */
import { z } from 'zod';
// Parse without compiling validators through `new Function`: the page's Content Security Policy allows no eval.
z.config({ jitless: true });
import { LIMITS } from './limits';
import { IZHIKEVICH_PRESET_NAMES } from './neuron-presets';
import {
  AdaptiveThresholdSchema,
  ModulatorsSchema,
  NegativeDriveSchema,
  NeurogenesisSchema,
  NormalizationSchema,
  PlasticitySchema,
  StructuralSchema,
  TraceSchema,
} from './plasticity';

export const GENOME_FORMAT = 'neuroplay-genome';
export const GENOME_VERSION = 1;

import { finite } from './finite';
const voltage = () => finite().min(-LIMITS.maxAbsVoltageMv).max(LIMITS.maxAbsVoltageMv);
const timeConstant = () => finite().gt(0, 'must be > 0 ms').max(LIMITS.maxTimeConstantMs);
const rate = () => finite().min(0, 'must be >= 0 Hz').max(LIMITS.maxRateHz, `must be <= ${LIMITS.maxRateHz} Hz`);
const count = (max: number) => z.int({ error: 'must be an integer' }).min(0, 'must be >= 0').max(max, `exceeds the limit ${max}`);
const identifier = () =>
  z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(LIMITS.maxNameLength, `is longer than ${LIMITS.maxNameLength} characters`)
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must start with a letter or _ and use letters, digits, _ or -');

/** A scalar drawn per neuron or per synapse. `normal` is clipped to [min, max] when given. */
export const DistributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: finite() }),
  z
    .strictObject({ kind: z.literal('uniform'), min: finite(), max: finite() })
    .refine((d) => d.min <= d.max, { message: 'min must be <= max', path: ['max'] }),
  z
    .strictObject({ kind: z.literal('normal'), mean: finite(), sd: finite().min(0), min: finite().optional(), max: finite().optional() })
    .refine((d) => d.min === undefined || d.max === undefined || d.min <= d.max, { message: 'min must be <= max', path: ['max'] }),
]);

const synapticTimeConstants = {
  /** Decay of the excitatory synaptic variable, ms. */
  tau_e_ms: timeConstant().default(5),
  /** Decay of the inhibitory synaptic variable, ms. */
  tau_i_ms: timeConstant().default(10),
  /** Reversal potentials, used by conductance-based projections only, mV. */
  e_exc_mV: voltage().default(0),
  e_inh_mV: voltage().default(-80),
};

/** Leaky integrate-and-fire: tau_m dv/dt = (v_rest - v) + I_syn + i_bias_mV. */
export const LifSchema = z
  .strictObject({
    model: z.literal('lif'),
    tau_m_ms: timeConstant().default(20),
    v_rest_mV: voltage().default(-65),
    v_reset_mV: voltage().default(-65),
    v_thresh_mV: voltage().default(-50),
    t_ref_ms: finite().min(0).max(1000).default(2),
    /** Constant drive expressed as the shift of the resting potential it causes, mV. */
    i_bias_mV: voltage().default(0),
    ...synapticTimeConstants,
  })
  .refine((p) => p.v_reset_mV < p.v_thresh_mV, { message: 'v_reset_mV must be below v_thresh_mV', path: ['v_reset_mV'] });

/**
 * Izhikevich (2003): dv/dt = 0.04 v^2 + 5 v + 140 - u + I, du/dt = a (b v - u);
 * v >= 30 mV -> v = c, u += d. `preset` names a regime; explicit a..d override it.
 */
export const IzhikevichSchema = z.strictObject({
  model: z.literal('izhikevich'),
  preset: z.enum(IZHIKEVICH_PRESET_NAMES).default('regular_spiking'),
  a: finite().optional(),
  b: finite().optional(),
  c: voltage().optional(),
  d: finite().optional(),
  /** Constant input current I (Izhikevich's dimensionless units). */
  i_bias: finite().min(-1000).max(1000).default(0),
  ...synapticTimeConstants,
});

/** A population of spike sources: each neuron fires at its own rate, Poisson or regular (rate-coded). */
export const SpikeSourceSchema = z.strictObject({
  model: z.literal('spike_source'),
  process: z.enum(['poisson', 'regular']).default('poisson'),
  /** Rate of every neuron until a sensor or the user sets per-neuron rates. */
  rate_hz: rate().default(0),
});

export const NeuronModelSchema = z.discriminatedUnion('model', [LifSchema, IzhikevichSchema, SpikeSourceSchema]);

export const LayoutSchema = z.discriminatedUnion('kind', [
  /** Neurons on a line, positions i / (n - 1) along x. */
  z.strictObject({ kind: z.literal('line') }),
  /** Neurons on a width x height grid, row-major, positions scaled to the unit square. */
  z.strictObject({ kind: z.literal('grid'), width: count(LIMITS.maxPopulationCapacity).min(1), height: count(LIMITS.maxPopulationCapacity).min(1) }),
]);

export const PopulationSchema = z.strictObject({
  name: identifier(),
  /** Neurons alive at the start. */
  size: count(LIMITS.maxPopulationCapacity),
  /** Neurons that can ever exist (size plus the pool neurogenesis draws from). Defaults to size. */
  capacity: count(LIMITS.maxPopulationCapacity).optional(),
  neuron: NeuronModelSchema,
  sign: z.enum(['excitatory', 'inhibitory']),
  role: z.enum(['sensor', 'hidden', 'output', 'modulatory']).default('hidden'),
  layout: LayoutSchema.default({ kind: 'line' }),
  /** Initial membrane potential, mV (LIF and Izhikevich). Defaults to the resting potential. */
  init_v_mV: DistributionSchema.optional(),
  /** Each neuron's spike trace, read by the plasticity of every projection it takes part in. */
  trace: TraceSchema.default({ tau_ms: 20, mode: 'add' }),
  adaptive_threshold: AdaptiveThresholdSchema.optional(),
  neurogenesis: NeurogenesisSchema.optional(),
  negative_drive: NegativeDriveSchema.optional(),
});

export const ConnectivitySchema = z.discriminatedUnion('kind', [
  /** Each (source, target) pair is connected with probability p. */
  z.strictObject({ kind: z.literal('probability'), p: finite().min(0).max(1) }),
  /** Each target receives exactly k synapses from distinct random sources. */
  z.strictObject({ kind: z.literal('fixed_indegree'), k: count(LIMITS.maxRowCapacity) }),
  /** Source i connects to target i. */
  z.strictObject({ kind: z.literal('one_to_one') }),
  /** Pairs whose layout positions lie within `radius` (unit-square units) connect with probability p. */
  z.strictObject({ kind: z.literal('topographic'), radius: finite().gt(0).max(2), p: finite().min(0).max(1).default(1) }),
]);

export const ProjectionSchema = z.strictObject({
  /** Defaults to "source->target". */
  name: z.string().max(LIMITS.maxNameLength).optional(),
  source: identifier(),
  target: identifier(),
  connectivity: ConnectivitySchema,
  /** Whether a neuron may connect to itself when source = target. */
  autapses: z.boolean().default(false),
  /**
   * Leave out every pair with equal local indices (Brian2's condition i != j),
   * e.g. an inhibitory partner that inhibits every excitatory neuron but its own.
   */
  skip_same_index: z.boolean().default(false),
  /**
   * Synaptic efficacy, a magnitude >= 0: mV for current-based synapses,
   * conductance relative to the leak for conductance-based ones. The source's
   * sign picks the excitatory or inhibitory channel.
   */
  weight: DistributionSchema,
  /** Axonal + synaptic delay, ms; rounded to whole steps, at least one step. */
  delay_ms: DistributionSchema.default({ kind: 'constant', value: 1 }),
  synapse: z.enum(['current', 'conductance']).default('current'),
  /** Slots per presynaptic row (growth headroom included). Defaults to what the connectivity needs. */
  row_capacity: count(LIMITS.maxRowCapacity).min(1).optional(),
  plasticity: PlasticitySchema.optional(),
  normalization: NormalizationSchema.optional(),
  structural: StructuralSchema.optional(),
  /**
   * Name of the forward projection this one is the feedback path of (its
   * source is that one's target and vice versa). Its weights are its own,
   * never the transpose: feedback alignment.
   */
  feedback_of: z.string().max(LIMITS.maxNameLength).optional(),
});

export const SensorSchema = z.strictObject({
  name: identifier(),
  /** A spike_source population the sensor drives. */
  population: identifier(),
  kind: z.enum(['retina', 'cochlea', 'touch']),
  /** Rate: intensity -> firing rate. Latency: intensity -> time of a single spike per presentation. */
  encoding: z.enum(['rate', 'latency']).default('rate'),
  max_rate_hz: rate().default(63.75),
});

export const GenomeSchema = z.strictObject({
  format: z.literal(GENOME_FORMAT, { error: `must be "${GENOME_FORMAT}"` }),
  version: z.literal(GENOME_VERSION, { error: `must be ${GENOME_VERSION}` }),
  name: z.string().max(200).default('untitled'),
  description: z.string().max(4000).optional(),
  /** Seed of every random draw: connectome, initial state, input spikes. */
  seed: z.int().min(0).max(0xffffffff, 'must fit in 32 bits'),
  dt_ms: finite().min(LIMITS.minDtMs, `must be >= ${LIMITS.minDtMs} ms`).max(LIMITS.maxDtMs, `must be <= ${LIMITS.maxDtMs} ms`).default(0.1),
  populations: z.array(PopulationSchema).min(1, 'needs at least one population').max(LIMITS.maxPopulations),
  projections: z.array(ProjectionSchema).max(LIMITS.maxProjections).default([]),
  sensors: z.array(SensorSchema).max(LIMITS.maxSensors).default([]),
  modulators: ModulatorsSchema,
});

/** A genome as written by a person or a URL (defaults may be missing). */
export type GenomeInput = z.input<typeof GenomeSchema>;
/** A validated genome with every default filled in. */
export type Genome = z.output<typeof GenomeSchema>;
export type Population = Genome['populations'][number];
export type Projection = Genome['projections'][number];
export type Sensor = Genome['sensors'][number];
export type NeuronModel = Population['neuron'];
export type LifParams = z.output<typeof LifSchema>;
export type IzhikevichParams = z.output<typeof IzhikevichSchema>;
export type SpikeSourceParams = z.output<typeof SpikeSourceSchema>;
export type Distribution = z.output<typeof DistributionSchema>;
export type Connectivity = z.output<typeof ConnectivitySchema>;
export type Layout = z.output<typeof LayoutSchema>;
export type Plasticity = NonNullable<Projection['plasticity']>;
export type Structural = NonNullable<Projection['structural']>;
