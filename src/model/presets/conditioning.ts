/**
 * Reward conditioning with a three-factor rule: two stimuli light two groups
 * of a Poisson retina; two output populations A and B compete through
 * cross inhibition (A excites pool inhA, which inhibits B, and the mirror),
 * so one of them wins each trial. retina -> A and retina -> B are plastic:
 * pair STDP only tags synapses (eligibility), and the weight moves only
 * when dopamine arrives (Izhikevich 2007, Cereb. Cortex 17:2443, "Solving
 * the distal reward problem through linkage of STDP and dopamine
 * signaling"; Fremaux & Gerstner 2016, Front. Neural Circuits 9:85). The
 * protocol (src/lab/conditioning) rewards "stimulus 0 -> A, stimulus 1 -> B".
 */
import { GENOME_FORMAT, GENOME_VERSION, type GenomeInput } from '../schema';
import { poissonRetina, retinaSensor } from './retina';

/** How big the network is; the suite runs a smaller one than the runner. */
export interface ConditioningSize {
  /** Retina inputs lit by each stimulus; the retina holds two disjoint groups of this many. */
  inputsPerStimulus: number;
  /** Neurons of each output population, A and B. */
  outputNeurons: number;
  /** Neurons of each inhibitory pool, inhA and inhB. */
  poolNeurons: number;
}

export const CONDITIONING_DEFAULT_SIZE: ConditioningSize = { inputsPerStimulus: 20, outputNeurons: 20, poolNeurons: 10 };

/** The constants of the preset, with the reason for each. */
export const CONDITIONING = {
  /** 0.5 ms is fine for 5 ms synapses and a 20 ms membrane (Diehl & Cook 2015 use it too) and five times cheaper than 0.1 ms. */
  dtMs: 0.5,
  /** Rate of a lit input, Hz: a stimulus. */
  stimulusRateHz: 40,
  /**
   * Summed drive of one stimulus onto an output neuron at the mean initial
   * weight, mV: inputsPerStimulus x rate x w x tau_e. With the noise's 3 mV
   * (200 Hz x 3 mV x 5 ms) the mean input sits 2 mV past the 15 mV from rest
   * to threshold: both outputs fire at first and the cross inhibition picks
   * one.
   */
  initialDriveMv: 14,
  /**
   * Private Poisson noise for each output neuron (spontaneous activity):
   * A and B would otherwise receive the very same retina spikes and fire in
   * lockstep. Before learning the noise, not the wiring, picks the winner,
   * so the network starts at chance and explores both answers.
   */
  noiseRateHz: 200,
  noiseWeightMv: 3,
  /**
   * Initial weights spread +-10 % around the mean, the same distribution for
   * A and B: summed over a population the two differ by well under 1 %, so
   * no output is favoured (at +-40 % a seed could start at 0.9 right).
   */
  initialSpread: 0.1,
  /** The largest weight, as a multiple of the mean initial one: room to learn, and a bound on runaway potentiation. */
  wMaxOverMean: 2.5,
  /**
   * Pair STDP, additive, as tags: a_plus x w_max per causal pairing. a_minus
   * is a little smaller so that the causal pairings of a driven output
   * dominate its tag (Izhikevich 2007 used 1.0 and 1.5 with far stronger
   * causal drive; here the inputs are Poisson and only loosely locked to the
   * output spikes).
   */
  aPlus: 0.01,
  aMinus: 0.008,
  /** Eligibility decay, ms: long enough to reach the reward given at the end of a 200 ms trial, short against the 400 ms rest so a tag does not wait for the next trial's reward. */
  tauEligibilityMs: 200,
  /** Weight change per ms per unit of eligibility x dopamine. */
  learningRate: 0.0015,
  /** Dopamine decay, ms (Izhikevich 2007: 200 ms). */
  tauDopamineMs: 200,
  /** Output -> own pool and pool -> the other output, mV per spike: the output that fires first holds the other to a few spikes. */
  outputToPoolMv: 6,
  poolToOtherMv: 8,
} as const;

export function conditioningGenome(seed = 1, size: ConditioningSize = CONDITIONING_DEFAULT_SIZE): GenomeInput {
  const c = CONDITIONING;
  const k = size.inputsPerStimulus;
  const tauEMs = 5;
  // Every output neuron hears every input, so A and B are wired alike; w such that k inputs give the drive: k r w tau_e = drive.
  const wMean = c.initialDriveMv / (k * c.stimulusRateHz * (tauEMs / 1000));
  const wMax = c.wMaxOverMean * wMean;
  const lif = { model: 'lif' as const, tau_m_ms: 20, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2, tau_e_ms: tauEMs, tau_i_ms: 10 };
  const pool = { ...lif, tau_m_ms: 10 };
  const noise = { model: 'spike_source' as const, process: 'poisson' as const, rate_hz: c.noiseRateHz };
  const init_v_mV = { kind: 'uniform' as const, min: -65, max: -55 };
  const plastic = {
    connectivity: { kind: 'probability' as const, p: 1 },
    weight: { kind: 'uniform' as const, min: wMean * (1 - c.initialSpread), max: wMean * (1 + c.initialSpread) },
    plasticity: {
      rule: 'stdp' as const,
      form: 'additive' as const,
      a_plus: c.aPlus,
      a_minus: c.aMinus,
      w_min: 0,
      w_max: wMax,
      modulation: { modulator: 'dopamine' as const, tau_eligibility_ms: c.tauEligibilityMs, learning_rate: c.learningRate },
    },
  };
  const all = { kind: 'probability' as const, p: 1 };
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    name: 'Reward conditioning: two stimuli, two outputs, dopamine',
    description:
      'Stimulus 0 should make output A win, stimulus 1 output B. STDP tags retina -> output synapses; dopamine after a right answer (and a dip after a wrong one) turns the tags into weight.',
    seed,
    dt_ms: c.dtMs,
    populations: [
      poissonRetina(2 * k),
      { name: 'A', size: size.outputNeurons, neuron: lif, sign: 'excitatory', role: 'output', init_v_mV },
      { name: 'B', size: size.outputNeurons, neuron: lif, sign: 'excitatory', role: 'output', init_v_mV },
      { name: 'inhA', size: size.poolNeurons, neuron: pool, sign: 'inhibitory', init_v_mV },
      { name: 'inhB', size: size.poolNeurons, neuron: pool, sign: 'inhibitory', init_v_mV },
      { name: 'noiseA', size: size.outputNeurons, neuron: noise, sign: 'excitatory' },
      { name: 'noiseB', size: size.outputNeurons, neuron: noise, sign: 'excitatory' },
    ],
    projections: [
      { source: 'retina', target: 'A', ...plastic },
      { source: 'retina', target: 'B', ...plastic },
      { source: 'A', target: 'inhA', connectivity: all, weight: { kind: 'constant', value: c.outputToPoolMv } },
      { source: 'B', target: 'inhB', connectivity: all, weight: { kind: 'constant', value: c.outputToPoolMv } },
      { source: 'inhA', target: 'B', connectivity: all, weight: { kind: 'constant', value: c.poolToOtherMv } },
      { source: 'inhB', target: 'A', connectivity: all, weight: { kind: 'constant', value: c.poolToOtherMv } },
      { source: 'noiseA', target: 'A', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: c.noiseWeightMv } },
      { source: 'noiseB', target: 'B', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: c.noiseWeightMv } },
    ],
    sensors: [retinaSensor(c.stimulusRateHz)],
    modulators: { dopamine: { tau_ms: c.tauDopamineMs }, aversion: { tau_ms: 200 } },
  };
}
