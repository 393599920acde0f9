/**
 * Punishment through an aversion population: "negative lessons are stored in
 * their own categories that only give negative feedback". Two stimuli, P
 * (punished) and U (unpunished), light two groups of a Poisson retina and
 * both drive the output O through fixed synapses. An inhibitory population
 * `aversion` hears the retina through STDP gated by the aversion modulator
 * (the three-factor rule of Izhikevich 2007, Cereb. Cortex 17:2443, with a
 * punishment signal for the third factor) and inhibits O. Its input starts
 * weak: it fires a little for any stimulus, enough to tag the synapses of
 * whatever is shown. The protocol (src/lab/punishment) pulses aversion after
 * each showing of P, so only P's tags become weight: later P drives the
 * aversion population, which silences O, while U keeps its response.
 */
import { GENOME_FORMAT, GENOME_VERSION, type GenomeInput } from '../schema';
import { poissonRetina, retinaSensor } from './retina';

export interface PunishmentSize {
  /** Retina inputs lit by each stimulus; the retina holds two disjoint groups of this many (P first, then U). */
  inputsPerStimulus: number;
  /** Neurons of the output O. */
  outputNeurons: number;
  /** Neurons of the aversion population. */
  aversionNeurons: number;
}

export const PUNISHMENT_DEFAULT_SIZE: PunishmentSize = { inputsPerStimulus: 20, outputNeurons: 20, aversionNeurons: 20 };

/** The constants of the preset, with the reason for each. */
export const PUNISHMENT = {
  /** As in the conditioning preset: fine for 5 ms synapses, five times cheaper than 0.1 ms. */
  dtMs: 0.5,
  stimulusRateHz: 40,
  /**
   * Each neuron of O hears a random half of the retina, so O's neurons do
   * not fire in lockstep; a stimulus drives it by this much on average, mV:
   * 5 mV past the 15 mV from rest to threshold, a brisk answer to either.
   */
  outputConnectionP: 0.5,
  outputDriveMv: 20,
  /**
   * Each aversion neuron hears a random half of the retina, so its neurons do
   * not fire in lockstep; the initial drive of a stimulus, mV, sits near
   * threshold: a few spikes per showing, enough to tag, too few to silence O.
   */
  aversionConnectionP: 0.5,
  aversionDriveMv: 12,
  /** Initial aversion weights spread +-20 % around the mean. */
  initialSpread: 0.2,
  /** Largest aversion weight, as a multiple of the mean initial one: a fully punished stimulus drives the aversion population at about 50 Hz. */
  wMaxOverMean: 4,
  /** Pair STDP as tags; a_minus below a_plus so the causal pairings of a driven aversion neuron dominate its tag. */
  aPlus: 0.01,
  aMinus: 0.008,
  /**
   * Eligibility decay, ms: P's tags reach the punishment given at the end of
   * its 200 ms showing, while U's tags have decayed by e^-5 when the next
   * punishment comes (800 ms of rest and a 200 ms showing later).
   */
  tauEligibilityMs: 200,
  /** Weight change per ms per unit of eligibility x aversion: O's answer to P halves by about the 10th punishment (seed 1). */
  learningRate: 0.01,
  tauAversionMs: 200,
  /**
   * aversion -> O is set so that the whole aversion population firing at
   * this rate inhibits O by this much, mV: as much as a stimulus excites it,
   * so a fully learned aversion silences O (20 neurons: 2 mV per spike).
   */
  silencingRateHz: 50,
  silencingMv: 20,
} as const;

export function punishmentGenome(seed = 1, size: PunishmentSize = PUNISHMENT_DEFAULT_SIZE): GenomeInput {
  const c = PUNISHMENT;
  const k = size.inputsPerStimulus;
  const tauEMs = 5;
  const tauIMs = 10;
  // A drive of D mV from n inputs at the stimulus rate: n r w tau_e = D.
  const weightFor = (driveMv: number, inputs: number) => driveMv / (inputs * c.stimulusRateHz * (tauEMs / 1000));
  const wOutput = weightFor(c.outputDriveMv, c.outputConnectionP * k);
  const wAversion = weightFor(c.aversionDriveMv, c.aversionConnectionP * k);
  const wInhibition = c.silencingMv / (size.aversionNeurons * c.silencingRateHz * (tauIMs / 1000));
  const lif = { model: 'lif' as const, tau_m_ms: 20, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2, tau_e_ms: tauEMs, tau_i_ms: tauIMs };
  const init_v_mV = { kind: 'uniform' as const, min: -65, max: -55 };
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    name: 'Punishment: an aversion population learns to silence a punished stimulus',
    description:
      'Stimuli P and U both drive the output O. After each showing of P an aversion pulse turns the tags of retina -> aversion into weight; the inhibitory aversion population then suppresses O for P only.',
    seed,
    dt_ms: c.dtMs,
    populations: [
      poissonRetina(2 * k),
      { name: 'O', size: size.outputNeurons, neuron: lif, sign: 'excitatory', role: 'output', init_v_mV },
      { name: 'aversion', size: size.aversionNeurons, neuron: lif, sign: 'inhibitory', role: 'modulatory', init_v_mV },
    ],
    projections: [
      { source: 'retina', target: 'O', connectivity: { kind: 'probability', p: c.outputConnectionP }, weight: { kind: 'constant', value: wOutput } },
      {
        source: 'retina',
        target: 'aversion',
        connectivity: { kind: 'probability', p: c.aversionConnectionP },
        weight: { kind: 'uniform', min: wAversion * (1 - c.initialSpread), max: wAversion * (1 + c.initialSpread) },
        plasticity: {
          rule: 'stdp',
          form: 'additive',
          a_plus: c.aPlus,
          a_minus: c.aMinus,
          w_min: 0,
          w_max: c.wMaxOverMean * wAversion,
          modulation: { modulator: 'aversion', tau_eligibility_ms: c.tauEligibilityMs, learning_rate: c.learningRate },
        },
      },
      { source: 'aversion', target: 'O', connectivity: { kind: 'probability', p: 1 }, weight: { kind: 'constant', value: wInhibition } },
    ],
    sensors: [retinaSensor(c.stimulusRateHz)],
    modulators: { dopamine: { tau_ms: 200 }, aversion: { tau_ms: c.tauAversionMs } },
  };
}
