/**
 * Learning rules as data. Every rule is local: it reads the spike traces of
 * the two neurons a synapse joins, the synapse's own eligibility and a global
 * neuromodulator, never a gradient. The CPU engine (src/sim/cpu/plasticity*)
 * defines what each parameter does; the WebGPU engine mirrors it.
 */
import { z } from 'zod';
import { finite } from './finite';
import { MODULATOR_NAMES } from './modulators';
export { MODULATOR_NAMES, type ModulatorName } from './modulators';

const timeConstant = () => finite().gt(0, 'must be > 0 ms').max(1e8);

export const ModulatorSchema = z.strictObject({
  /** Decay time constant of the level after a pulse, ms. */
  tau_ms: timeConstant().default(200),
});

export const ModulatorsSchema = z
  .strictObject({ dopamine: ModulatorSchema.default({ tau_ms: 200 }), aversion: ModulatorSchema.default({ tau_ms: 200 }) })
  .default({ dopamine: { tau_ms: 200 }, aversion: { tau_ms: 200 } });

/** A spike trace per neuron: decays with tau, jumps at each spike (`add`: +1, all-to-all pairing; `set`: to 1, nearest spike). */
export const TraceSchema = z.strictObject({
  tau_ms: timeConstant().default(20),
  mode: z.enum(['add', 'set']).default('add'),
});

const weightBounds = {
  w_min: finite().min(0).default(0),
  w_max: finite().gt(0).default(1),
};

/**
 * Three-factor gating: STDP writes into a per-synapse eligibility trace
 * instead of the weight; the weight moves only by
 * learning_rate x eligibility x modulator level, each step.
 */
export const ModulationSchema = z.strictObject({
  modulator: z.enum(MODULATOR_NAMES),
  /** Decay of the eligibility trace, ms: how long a tagged synapse waits for the modulator. */
  tau_eligibility_ms: timeConstant().default(1000),
  /** Weight change per ms per unit of eligibility x modulator. */
  learning_rate: finite().min(0).max(10).default(0.01),
});

/**
 * Pair-based STDP on traces (Song, Miller & Abbott 2000; Morrison et al. 2008):
 * a post spike adds a_plus x pre trace, a pre spike subtracts a_minus x post
 * trace. `additive` scales by w_max; `multiplicative` (soft bounds) by
 * (w_max - w) for potentiation and (w - w_min) for depression.
 */
export const StdpSchema = z.strictObject({
  rule: z.literal('stdp'),
  form: z.enum(['additive', 'multiplicative']).default('additive'),
  a_plus: finite().min(0).max(1).default(0.01),
  a_minus: finite().min(0).max(1).default(0.0105),
  ...weightBounds,
  modulation: ModulationSchema.optional(),
});

/**
 * The presynaptic-trace rule with offset of Diehl & Cook (2015), Front.
 * Comput. Neurosci. 9:99, eq. 5: at each post spike
 * dw = eta_post (x_pre - x_tar) (w_max - w)^mu; a pre spike only moves its trace.
 * Inputs that rarely precede a post spike are depressed (x_pre < x_tar).
 */
export const DiehlCookSchema = z.strictObject({
  rule: z.literal('diehl_cook'),
  eta_post: finite().min(0).max(1).default(0.01),
  x_tar: finite().min(0).max(10).default(0.4),
  mu: finite().min(0).max(10).default(0.2),
  ...weightBounds,
  modulation: ModulationSchema.optional(),
});

/**
 * Inhibitory plasticity of Vogels et al. (2011), Science 334:1569: a pre spike
 * adds eta (x_post - alpha), a post spike adds eta x_pre, alpha = 2 rho0 tau,
 * which drives each target toward the rate rho0.
 */
export const VogelsSchema = z.strictObject({
  rule: z.literal('vogels'),
  eta: finite().min(0).max(1).default(0.001),
  target_rate_hz: finite().gt(0).max(1000).default(5),
  ...weightBounds,
});

export const PlasticitySchema = z.discriminatedUnion('rule', [StdpSchema, DiehlCookSchema, VogelsSchema]);

/** Keeps the sum of each target's incoming weights of a projection at `total`. */
export const NormalizationSchema = z.strictObject({
  total: finite().gt(0).max(1e6),
  /** How often, ms; 0 means only when a protocol asks (e.g. before each sample). */
  every_ms: finite().min(0).max(1e7).default(0),
});

/**
 * The connectome changes shape: weights are pulled toward zero (L1-like),
 * synapses below `prune_below` at a check are removed and their slot freed,
 * and free slots grow new synapses, preferring sources recently co-active with
 * the target.
 */
export const StructuralSchema = z.strictObject({
  /** How often pruning and growth run, ms. */
  period_ms: finite().gt(0).max(1e7).default(100),
  /** Weight lost per second by every synapse (L1 pull toward zero). */
  decay_per_s: finite().min(0).max(1e3).default(0),
  /** A synapse whose weight is below this at a check is pruned. */
  prune_below: finite().min(0).default(0),
  /** New synapses this projection may grow per period. */
  grow_per_period: z.int().min(0).max(1e6).default(0),
  /** Weight of a new synapse. */
  initial_weight: finite().min(0).default(0.1),
  /** A target grows only when its trace is at least this (it fired recently). */
  min_post_trace: finite().min(0).default(0.01),
});

/** Homeostatic threshold (Diehl & Cook 2015): +theta_plus_mV per spike, decay with tau_theta_ms. */
export const AdaptiveThresholdSchema = z.strictObject({
  theta_plus_mV: finite().min(0).max(100).default(0.05),
  tau_theta_ms: timeConstant().default(1e7),
});

/** Neurons born from the population's capacity pool. */
export const NeurogenesisSchema = z.strictObject({
  /** Births per second while the pool lasts. */
  rate_per_s: finite().min(0).max(1e4).default(0),
  /** Also give birth when the population's negative drive crosses its threshold. */
  on_negative_drive: z.boolean().default(false),
});

/**
 * Negative drive: aversion x the area's activity accumulates; past the
 * threshold the area grows synapses on its incoming projections (a new path
 * is sought) and the drive resets.
 */
export const NegativeDriveSchema = z.strictObject({
  threshold: finite().gt(0).max(1e9).default(1),
  tau_ms: timeConstant().default(1000),
  /** Synapses grown per incoming projection when the threshold is crossed. */
  grow: z.int().min(0).max(1e5).default(10),
});
