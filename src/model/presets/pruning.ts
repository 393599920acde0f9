/**
 * Pruning: a network learns to tell a few retina patterns apart, then
 * structural plasticity pulls every input weight toward zero and removes
 * the synapses that fall below a threshold. Synapses that carry a learned
 * pattern are held up by Hebbian STDP at each showing; the others decay
 * and die, so the classifier keeps working on a fraction of its synapses,
 * as synaptic pruning in development removes about half of the synapses
 * without loss of function (Huttenlocher 1979, Brain Res. 163:195; Navlakha
 * et al. 2015, PLoS Comput. Biol. 11:e1004347).
 *
 * The retina drives an output layer O through plastic synapses; each O
 * neuron excites one inhibitory partner in I, which inhibits every other O
 * neuron (winner-take-all, as in Diehl & Cook 2015); an adaptive threshold
 * keeps one neuron from winning every pattern.
 */
import { GENOME_FORMAT, GENOME_VERSION, type GenomeInput } from '../schema';
import { poissonRetina, retinaSensor } from './retina';

export interface PruningSize {
  patterns: number;
  /** Retina inputs each pattern lights (patterns do not overlap). */
  inputsPerPattern: number;
  outputNeurons: number;
}

export const PRUNING_DEFAULT_SIZE: PruningSize = { patterns: 4, inputsPerPattern: 8, outputNeurons: 8 };

/** Which phase the genome is grown for: its projections and their slots are the same in all three, so snapshots move between them. */
export type PruningPhase = 'train' | 'prune' | 'frozen';

/** The constants of the preset, with the reason for each. */
export const PRUNING = {
  dtMs: 0.5,
  stimulusRateHz: 40,
  /** Input weights start uniform in [2, 8] mV: a pattern's 8 inputs at 40 Hz give 8 x 40 x 5 x 5 ms = 8 mV on average, with the bias just enough to fire. */
  inputMinMv: 2,
  inputMaxMv: 8,
  /** A learned weight may reach 16 mV: a pattern then drives its neuron 8 x 40 x 16 x 5 ms = 26 mV, far past threshold. */
  inputWMaxMv: 16,
  /** Constant drive of O, mV: 8 mV below the 15 mV to threshold. */
  biasMv: 8,
  /** Additive STDP, potentiation ahead: inputs that fire with a neuron's pattern win; at a_minus 0.021 nothing was left for the pull to spare. */
  aPlus: 0.02,
  aMinus: 0.015,
  /** O -> I fires the partner at once (one spike peaks near 100 x 0.2 = 20 mV); I -> O holds the other O neurons down for tens of ms. */
  excToInhMv: 100,
  inhToExcMv: 30,
  /** +1 mV per spike, decaying in 2 s: a neuron that has just won many times steps back. */
  thetaPlusMv: 1,
  tauThetaMs: 2000,
  /**
   * Structural plasticity in the prune phase: every 100 ms each input
   * weight loses 0.5 mV/s x 0.1 s = 0.05 mV; below 1 mV it is removed. An
   * unused weight (at most 8 mV at the start) is gone within 14 s; a used
   * one gains more from STDP at each showing than it loses (at 2 mV/s the
   * pull beat STDP and every synapse died within 7 s). Nothing grows: the
   * count only falls.
   */
  periodMs: 100,
  decayPerS: 0.5,
  pruneBelowMv: 1,
} as const;

export function pruningGenome(seed = 1, phase: PruningPhase = 'train', size: PruningSize = PRUNING_DEFAULT_SIZE): GenomeInput {
  const c = PRUNING;
  const inputs = size.patterns * size.inputsPerPattern;
  const n = size.outputNeurons;
  const lif = { model: 'lif' as const, tau_m_ms: 20, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2, tau_e_ms: 5, tau_i_ms: 10 };
  const init_v_mV = { kind: 'uniform' as const, min: -65, max: -55 };
  // Frozen: the same STDP projection (so the state has the same arrays) with zero amplitudes: nothing learns while accuracy is measured.
  const learning = phase === 'frozen' ? 0 : 1;
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    name: 'Pruning: a classifier keeps working on far fewer synapses',
    description: 'Retina patterns -> O (STDP, winner-take-all); then weak input synapses decay and are removed while the patterns keep being shown.',
    seed,
    dt_ms: c.dtMs,
    populations: [
      poissonRetina(inputs),
      {
        name: 'O',
        size: n,
        neuron: { ...lif, i_bias_mV: c.biasMv },
        sign: 'excitatory',
        role: 'output',
        init_v_mV,
        adaptive_threshold: { theta_plus_mV: c.thetaPlusMv, tau_theta_ms: c.tauThetaMs },
      },
      { name: 'I', size: n, neuron: { ...lif, tau_m_ms: 10 }, sign: 'inhibitory', init_v_mV },
    ],
    projections: [
      {
        source: 'retina',
        target: 'O',
        connectivity: { kind: 'probability', p: 1 },
        weight: { kind: 'uniform', min: c.inputMinMv, max: c.inputMaxMv },
        plasticity: { rule: 'stdp', form: 'additive', a_plus: c.aPlus * learning, a_minus: c.aMinus * learning, w_min: 0, w_max: c.inputWMaxMv },
        ...(phase === 'prune' ? { structural: { period_ms: c.periodMs, decay_per_s: c.decayPerS, prune_below: c.pruneBelowMv, grow_per_period: 0 } } : {}),
      },
      { source: 'O', target: 'I', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: c.excToInhMv } },
      { source: 'I', target: 'O', connectivity: { kind: 'probability', p: 1 }, skip_same_index: true, weight: { kind: 'constant', value: c.inhToExcMv } },
    ],
    sensors: [retinaSensor(c.stimulusRateHz)],
  };
}
