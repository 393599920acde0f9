/**
 * Sensory deprivation and replay. A retina lights one of a few assemblies of
 * an excitatory layer E at a time (one relay per input); E's recurrent
 * synapses learn by Hebbian STDP, so neurons of the same assembly, which
 * fire together, wire together (Hebb 1949; Song, Miller & Abbott 2000).
 * When the senses go silent, a private background noise that is no sensor
 * keeps E spontaneously active; a spontaneous spike now recruits its own
 * assembly, so the silent network replays what it learned, as cortex does
 * in sleep and at rest (Wilson & McNaughton 1994, Science 265:676; Kenet et
 * al. 2003, Nature 425:954). An adaptive threshold ends each replay event
 * so an assembly does not lock on forever; inhibition keeps two assemblies
 * from igniting each other.
 */
import { GENOME_FORMAT, GENOME_VERSION, type GenomeInput } from '../schema';
import { poissonRetina, retinaSensor } from './retina';

export interface DeprivationSize {
  /** Learned patterns, each lighting its own assembly. */
  patterns: number;
  /** Retina inputs (and E neurons) per pattern. */
  neuronsPerPattern: number;
}

export const DEPRIVATION_DEFAULT_SIZE: DeprivationSize = { patterns: 3, neuronsPerPattern: 10 };

/** The constants of the preset, with the reason for each. */
export const DEPRIVATION = {
  dtMs: 0.5,
  /** Rate of a lit retina input, Hz. */
  stimulusRateHz: 40,
  /**
   * Input -> relay, mV per spike. A current-based synapse gives a mean drive
   * of rate x w x tau_e: 40 Hz x 125 mV x 5 ms = 25 mV, 10 mV past threshold,
   * so a lit input drives its E neuron hard.
   */
  relayWeightMv: 125,
  /** Recurrent E -> E weights start weak and equal: before learning no assembly exists. */
  recurrentInitialMv: 0.3,
  /**
   * A learned synapse, mV. One spike of weight w peaks at 0.16 w in v
   * (tau_e 5 ms into tau_m 20 ms), so a volley of the 9 other members of an
   * assembly lifts a neuron 9 x 0.16 x 7 = 10 mV: a few spontaneous spikes
   * ignite their assembly.
   */
  recurrentMaxMv: 7,
  /**
   * Additive STDP, potentiation ahead of depression: members of an assembly
   * fire together at random (Poisson) times, so causal and acausal pairings
   * come equally often and a_plus > a_minus makes their net Hebbian.
   */
  aPlus: 0.03,
  aMinus: 0.025,
  /**
   * Spontaneous drive of E, not a sensor: a constant bias of 10 mV plus one
   * private Poisson source per neuron, 100 Hz x 8 mV x 5 ms = 4 mV on
   * average in 1.3 mV kicks, which puts v near threshold (-51 mV) so that
   * fluctuations fire it now and then.
   */
  biasMv: 10,
  noiseRateHz: 100,
  noiseWeightMv: 8,
  /** +1 mV per spike, decaying in 100 ms: a replay burst tires its assembly and stops. */
  thetaPlusMv: 1,
  tauThetaMs: 100,
  /** Inhibitory pool, as a fraction of E, and its weights, mV. */
  inhibitoryFraction: 0.25,
  excToInhMv: 5,
  inhToExcMv: 4,
} as const;

export function deprivationGenome(seed = 1, size: DeprivationSize = DEPRIVATION_DEFAULT_SIZE): GenomeInput {
  const c = DEPRIVATION;
  const n = size.patterns * size.neuronsPerPattern;
  const inhibitory = Math.max(1, Math.round(n * c.inhibitoryFraction));
  const lif = { model: 'lif' as const, tau_m_ms: 20, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2, tau_e_ms: 5, tau_i_ms: 10 };
  const init_v_mV = { kind: 'uniform' as const, min: -65, max: -55 };
  const all = { kind: 'probability' as const, p: 1 };
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    name: 'Sensory deprivation: a silent network replays what it learned',
    description: 'E learns assemblies from retina patterns by recurrent STDP; with the retina silent, background noise makes E replay them.',
    seed,
    dt_ms: c.dtMs,
    populations: [
      poissonRetina(n),
      {
        name: 'E',
        size: n,
        neuron: { ...lif, i_bias_mV: c.biasMv },
        sign: 'excitatory',
        role: 'output',
        init_v_mV,
        adaptive_threshold: { theta_plus_mV: c.thetaPlusMv, tau_theta_ms: c.tauThetaMs },
      },
      { name: 'I', size: inhibitory, neuron: { ...lif, tau_m_ms: 10 }, sign: 'inhibitory', init_v_mV },
      { name: 'noise', size: n, neuron: { model: 'spike_source', process: 'poisson', rate_hz: c.noiseRateHz }, sign: 'excitatory' },
    ],
    projections: [
      { source: 'retina', target: 'E', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: c.relayWeightMv } },
      {
        source: 'E',
        target: 'E',
        connectivity: all,
        weight: { kind: 'constant', value: c.recurrentInitialMv },
        plasticity: { rule: 'stdp', form: 'additive', a_plus: c.aPlus, a_minus: c.aMinus, w_min: 0, w_max: c.recurrentMaxMv },
      },
      { source: 'noise', target: 'E', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: c.noiseWeightMv } },
      { source: 'E', target: 'I', connectivity: all, weight: { kind: 'constant', value: c.excToInhMv } },
      { source: 'I', target: 'E', connectivity: all, weight: { kind: 'constant', value: c.inhToExcMv } },
    ],
    sensors: [retinaSensor(c.stimulusRateHz)],
  };
}
