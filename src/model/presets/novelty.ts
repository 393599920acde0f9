/**
 * Novelty, habituation and partial match: "the first time, all neurons
 * activated by the input pass through, and this way the information is
 * stored in memory; when a partial collision is detected, negative responses
 * start to occur".
 *
 * - O (output) relays the retina one to one: what is new passes. Each relay
 *   neuron has an adaptive threshold that rises with its spikes and decays
 *   over tens of seconds, so an input that has been seen stops passing while
 *   a new one passes at once: stimulus-specific adaptation, the habituation
 *   of a repeat (Ulanovsky et al. 2003, Nat. Neurosci. 6:391).
 * - M (memory) hears the retina through fast Hebbian STDP, starting weak: it
 *   fires a little for anything and so, over a few showings, strengthens the
 *   inputs of what it is shown. That is the storage. A stored pattern drives
 *   M far above threshold, so half of it already drives M nearly as hard as
 *   all of it: M answers "part of this is known".
 * - V (novelty, inhibitory) hears O: it fires when some of the input is new.
 * - F (full match, inhibitory) hears M and is silenced by V: it fires when a
 *   known pattern comes back with nothing new in it.
 * - N (mismatch, inhibitory) hears M and is silenced by F: it fires when part
 *   of the input is known and part is new, the partial collision. A new
 *   pattern barely moves M; a whole repeat wakes F, which silences N.
 * The comparison is between recall (M) and novelty (V), as in match /
 * mismatch models of hippocampal CA1 (Lisman & Grace 2005, Neuron 46:703).
 */
import { GENOME_FORMAT, GENOME_VERSION, type GenomeInput } from '../schema';
import { poissonRetina, retinaSensor } from './retina';

/** Partial patterns the protocol shows; each needs half a pattern's worth of fresh retina inputs. */
export const NOVELTY_PARTIALS = 4;

export interface NoveltySize {
  /** Retina inputs a whole pattern lights; the retina (and O, one relay per input) holds two patterns and the fresh halves of the partial ones. */
  inputsPerPattern: number;
  memoryNeurons: number;
  /** Neurons of V, F and N each. */
  readoutNeurons: number;
}

export const NOVELTY_DEFAULT_SIZE: NoveltySize = { inputsPerPattern: 20, memoryNeurons: 20, readoutNeurons: 10 };

/** The constants of the preset, with the reason for each. */
export const NOVELTY = {
  dtMs: 0.5,
  stimulusRateHz: 40,
  /** Input -> relay, mV per spike: an input at 40 Hz drives a fresh relay 24 mV on average (40 Hz x 120 mV x 5 ms), 9 mV past threshold. */
  relayWeightMv: 120,
  /**
   * Relay threshold: +5 mV per spike, decaying over 30 s (longer than the
   * protocol), so the ten-odd spikes of a first showing close a relay for
   * the rest of the run: a seen input stops passing, a new one still does.
   */
  relayThetaPlusMv: 5,
  relayTauThetaMs: 30_000,
  /** A pattern's mean drive onto M before it is stored, mV; with the noise's 3 mV M sits just below threshold and fires a little, enough for STDP to start. */
  memoryDriveMv: 10,
  /**
   * Private Poisson noise for each neuron of M (mean 200 Hz x 3 mV x 5 ms =
   * 3 mV): every neuron of M hears every input, and would otherwise fire in
   * lockstep.
   */
  memoryNoiseRateHz: 200,
  memoryNoiseWeightMv: 3,
  /** Memory weights start spread +-20 % and may grow to this multiple of the initial mean: half a stored pattern (25 mV) with the new half and the noise drives M some 18 mV past threshold. */
  memorySpread: 0.2,
  memoryWMaxOverMean: 5,
  /**
   * Additive STDP: each causal pairing adds a_plus x w_max, so a pattern is
   * stored within three or four showings. a_minus = a_plus: pairings of
   * unrelated spikes cancel on average, so the 1 Hz background does not
   * creep into the memory (with a_minus at half of a_plus it did: a new
   * pattern after X drove M twice as hard as X had the first time), while
   * the inputs that make M fire gain from their causal pairings.
   */
  memoryAPlus: 0.1,
  memoryAMinus: 0.1,
  /**
   * V, F and N read rates: a slow synapse (20 ms) averages the spikes so
   * their thresholds see rates rather than Poisson jitter, and each hears a
   * random half of its source so its neurons do not fire in lockstep.
   */
  readoutTauEMs: 20,
  readoutConnectionP: 0.5,
  /**
   * Mean drive per Hz of the source population, mV / Hz, whatever its size:
   * O -> V, M -> F and M -> N excite; V -> F and F -> N inhibit (tau_i 10 ms).
   */
  relayToNoveltyMvPerHz: 5,
  memoryToFullMvPerHz: 0.25,
  memoryToMismatchMvPerHz: 0.3,
  noveltyToFullMvPerHz: 2,
  fullToMismatchMvPerHz: 2,
} as const;

export function noveltyGenome(seed = 1, size: NoveltySize = NOVELTY_DEFAULT_SIZE): GenomeInput {
  const c = NOVELTY;
  const k = size.inputsPerPattern;
  const retinaInputs = 2 * k + NOVELTY_PARTIALS * (k - Math.floor(k / 2));
  const tauEMs = 5;
  const tauIMs = 10;
  const wMemory = c.memoryDriveMv / (k * c.stimulusRateHz * (tauEMs / 1000));
  /**
   * Weight giving `mvPerHz` of mean drive per Hz of a source population of
   * `neurons`, each target hearing a fraction p of them through a synapse of
   * time constant tau: drive = p neurons rate w tau.
   */
  const perHz = (mvPerHz: number, neurons: number, tauMs: number) => ({
    kind: 'constant' as const,
    value: mvPerHz / (c.readoutConnectionP * neurons * (tauMs / 1000)),
  });
  const lif = { model: 'lif' as const, tau_m_ms: 20, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2, tau_e_ms: tauEMs, tau_i_ms: tauIMs };
  const readout = { ...lif, tau_m_ms: 10, tau_e_ms: c.readoutTauEMs };
  const init_v_mV = { kind: 'uniform' as const, min: -65, max: -55 };
  const half = { kind: 'probability' as const, p: c.readoutConnectionP };
  const r = size.readoutNeurons;
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    name: 'Novelty: new patterns pass, repeats habituate, partial matches drive a negative response',
    description:
      'O relays the retina and habituates input by input; M stores patterns by fast STDP; V fires for new input, F for a whole known pattern, N for a partly known one.',
    seed,
    dt_ms: c.dtMs,
    populations: [
      poissonRetina(retinaInputs),
      {
        name: 'O',
        size: retinaInputs,
        neuron: lif,
        sign: 'excitatory',
        role: 'output',
        init_v_mV,
        adaptive_threshold: { theta_plus_mV: c.relayThetaPlusMv, tau_theta_ms: c.relayTauThetaMs },
      },
      { name: 'M', size: size.memoryNeurons, neuron: lif, sign: 'excitatory', init_v_mV },
      { name: 'V', size: r, neuron: readout, sign: 'inhibitory', init_v_mV },
      { name: 'F', size: r, neuron: readout, sign: 'inhibitory', init_v_mV },
      { name: 'N', size: r, neuron: readout, sign: 'inhibitory', role: 'modulatory', init_v_mV },
      { name: 'noiseM', size: size.memoryNeurons, neuron: { model: 'spike_source', process: 'poisson', rate_hz: c.memoryNoiseRateHz }, sign: 'excitatory' },
    ],
    projections: [
      { source: 'retina', target: 'O', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: c.relayWeightMv } },
      {
        source: 'retina',
        target: 'M',
        connectivity: { kind: 'probability', p: 1 },
        weight: { kind: 'uniform', min: wMemory * (1 - c.memorySpread), max: wMemory * (1 + c.memorySpread) },
        plasticity: { rule: 'stdp', form: 'additive', a_plus: c.memoryAPlus, a_minus: c.memoryAMinus, w_min: 0, w_max: c.memoryWMaxOverMean * wMemory },
      },
      { source: 'noiseM', target: 'M', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: c.memoryNoiseWeightMv } },
      { source: 'O', target: 'V', connectivity: half, weight: perHz(c.relayToNoveltyMvPerHz, retinaInputs, c.readoutTauEMs) },
      { source: 'M', target: 'F', connectivity: half, weight: perHz(c.memoryToFullMvPerHz, size.memoryNeurons, c.readoutTauEMs) },
      { source: 'M', target: 'N', connectivity: half, weight: perHz(c.memoryToMismatchMvPerHz, size.memoryNeurons, c.readoutTauEMs) },
      { source: 'V', target: 'F', connectivity: half, weight: perHz(c.noveltyToFullMvPerHz, r, tauIMs) },
      { source: 'F', target: 'N', connectivity: half, weight: perHz(c.fullToMismatchMvPerHz, r, tauIMs) },
    ],
    sensors: [retinaSensor(c.stimulusRateHz)],
  };
}
