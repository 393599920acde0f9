/**
 * The experiment the playground opens with: every sense and every kind of
 * plasticity in one small network, tuned to be watched. A 28x28 retina, a
 * 32-channel cochlea and four touch pads (a latency code) feed a cortex of
 * excitatory and inhibitory LIF neurons.
 *
 * - The senses idle at a low "dark" rate, so dropping a stimulus on one is
 *   seen at once and sensory deprivation has something to silence.
 * - Cortex fires a few Hz on its own (a bias half a mV below threshold plus
 *   recurrent excitation), so without input it keeps talking to itself.
 * - Retina -> cortex learns by STDP and changes shape: every weight is pulled
 *   toward zero, weak synapses are pruned and free slots grow new synapses
 *   onto recently active neurons, so the connectome view shows growth and
 *   death within seconds.
 * - Cortex -> cortex is three-factor STDP gated by dopamine: Reward confirms
 *   the paths that were just active. Inhibition learns to hold each neuron
 *   near a target rate (Vogels et al. 2011).
 * - Cortex has a pool of unborn neurons; one is born every few seconds.
 */
import { GENOME_FORMAT, GENOME_VERSION, type GenomeInput } from '../schema';
import { poissonRetina, retinaSensor } from './retina';

/** The constants of the preset, with the reason for each. */
export const PLAYGROUND = {
  /** Rate of an idle sensor, Hz: visible in the raster, too weak to drive cortex alone. */
  darkRateHz: 2,
  cortex: 400,
  /** Unborn neurons in cortex's pool and how often one is born. */
  pool: 100,
  birthsPerS: 0.5,
  inhibitory: 100,
  /** Bias as a shift of rest, mV: 14.5 mV leaves v at -50.5 mV, 0.5 mV under threshold, so noise and input fire it. */
  biasMv: 14.5,
  /** Retina synapses per cortex neuron, their weights (mV) and row headroom for growth. */
  retinaInDegree: 40,
  retinaWeightMv: { min: 0.5, max: 2.5 },
  retinaRowCapacity: 40,
  retinaMaxMv: 4,
  /** L1 pull and pruning: a synapse no STDP sustains loses 0.05 mV/s and is pruned below 0.1 mV (a 1 mV synapse in about 18 s). */
  decayPerS: 0.05,
  pruneBelowMv: 0.1,
  growPerPeriod: 20,
  initialWeightMv: 1,
} as const;

export function playgroundGenome(seed = 7): GenomeInput {
  const c = PLAYGROUND;
  const lif = { model: 'lif' as const, tau_m_ms: 20, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2, tau_e_ms: 5, tau_i_ms: 10 };
  const init_v_mV = { kind: 'uniform' as const, min: -65, max: -52 };
  const delay_ms = { kind: 'uniform' as const, min: 1, max: 3 };
  const dark = { model: 'spike_source' as const, process: 'poisson' as const, rate_hz: c.darkRateHz };
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    name: 'Playground: three senses and a cortex that grows',
    description: 'Drag a stimulus onto a sense, reward what the network does, switch the senses off; synapses grow, weaken, die and neurons are born as it runs.',
    seed,
    dt_ms: 0.1,
    populations: [
      poissonRetina(28, 28, { neuron: dark, trace: { tau_ms: 20, mode: 'add' } }),
      { name: 'cochlea', size: 32, neuron: dark, sign: 'excitatory', role: 'sensor', layout: { kind: 'line' } },
      { name: 'touch', size: 4, neuron: dark, sign: 'excitatory', role: 'sensor', layout: { kind: 'line' } },
      {
        name: 'cortex',
        size: c.cortex,
        capacity: c.cortex + c.pool,
        neuron: { ...lif, i_bias_mV: c.biasMv },
        sign: 'excitatory',
        init_v_mV,
        neurogenesis: { rate_per_s: c.birthsPerS },
      },
      { name: 'inhibition', size: c.inhibitory, neuron: { ...lif, i_bias_mV: c.biasMv }, sign: 'inhibitory', init_v_mV },
    ],
    projections: [
      {
        source: 'retina',
        target: 'cortex',
        connectivity: { kind: 'fixed_indegree', k: c.retinaInDegree },
        weight: { kind: 'uniform', ...c.retinaWeightMv },
        delay_ms,
        row_capacity: c.retinaRowCapacity,
        plasticity: { rule: 'stdp', form: 'multiplicative', a_plus: 0.02, a_minus: 0.021, w_min: 0, w_max: c.retinaMaxMv },
        structural: {
          period_ms: 100,
          decay_per_s: c.decayPerS,
          prune_below: c.pruneBelowMv,
          grow_per_period: c.growPerPeriod,
          initial_weight: c.initialWeightMv,
          min_post_trace: 0.05,
        },
      },
      { source: 'cochlea', target: 'cortex', connectivity: { kind: 'probability', p: 0.2 }, weight: { kind: 'uniform', min: 1, max: 3 }, delay_ms },
      { source: 'touch', target: 'cortex', connectivity: { kind: 'probability', p: 0.25 }, weight: { kind: 'constant', value: 6 }, delay_ms },
      {
        source: 'cortex',
        target: 'cortex',
        connectivity: { kind: 'fixed_indegree', k: 20 },
        weight: { kind: 'uniform', min: 0.2, max: 1 },
        delay_ms,
        plasticity: {
          rule: 'stdp',
          form: 'multiplicative',
          a_plus: 0.01,
          a_minus: 0.0105,
          w_min: 0,
          w_max: 2,
          modulation: { modulator: 'dopamine', tau_eligibility_ms: 1000, learning_rate: 0.05 },
        },
      },
      { source: 'cortex', target: 'inhibition', connectivity: { kind: 'fixed_indegree', k: 40 }, weight: { kind: 'constant', value: 0.8 }, delay_ms },
      {
        source: 'inhibition',
        target: 'cortex',
        connectivity: { kind: 'fixed_indegree', k: 20 },
        weight: { kind: 'constant', value: 2 },
        delay_ms,
        plasticity: { rule: 'vogels', eta: 0.001, target_rate_hz: 5, w_min: 0, w_max: 10 },
      },
    ],
    sensors: [
      retinaSensor(63.75),
      { name: 'cochlea', population: 'cochlea', kind: 'cochlea', encoding: 'rate', max_rate_hz: 100 },
      { name: 'touch', population: 'touch', kind: 'touch', encoding: 'latency', max_rate_hz: 1000 },
    ],
  };
}
