/**
 * Unsupervised digit recognition of Diehl & Cook (2015), "Unsupervised
 * learning of digit recognition using spike-timing-dependent plasticity",
 * Front. Comput. Neurosci. 9:99, with the constants of the authors' code
 * (github.com/peter-u-diehl/stdp-mnist, Diehl&Cook_spiking_MNIST.py): a
 * Poisson retina drives an excitatory layer through plastic conductance
 * synapses; each excitatory neuron excites one inhibitory partner, which
 * inhibits every other excitatory neuron (winner-take-all); an adaptive
 * threshold keeps any one neuron from winning every digit.
 */
import { GENOME_FORMAT, GENOME_VERSION, type GenomeInput } from '../schema';
import { poissonRetina, retinaSensor } from './retina';

export const DIGITS_DEFAULT_NEURONS = 100;

/** The paper's (and its code's) parameters, with the place each comes from. */
export const DIEHL_COOK_2015 = {
  cites: 'Diehl & Cook (2015), Front. Comput. Neurosci. 9:99; code: github.com/peter-u-diehl/stdp-mnist',
  /** Integration step, ms (code: defaultclock dt = 0.5 ms). */
  dtMs: 0.5,
  /** Each image is shown for 350 ms, then the input is silent for 150 ms so the variables relax (paper 2.5). */
  presentationMs: 350,
  restMs: 150,
  /** Pixel intensity (0..255) / 4 Hz: 63.75 Hz at full intensity (paper 2.5; code: x / 8 * input_intensity, input_intensity = 2). */
  maxRateHz: 63.75,
  /** Fewer excitatory spikes than this in a presentation: raise the input and show the image again (paper 2.5). */
  minSpikes: 5,
  /** Each repeat adds 255 / 8 Hz at full intensity (code: input_intensity += 1 with rates x / 8 * input_intensity). */
  intensityStepHz: 255 / 8,
  excitatory: {
    v_rest_mV: -65,
    v_reset_mV: -65,
    /** v_thresh_e = -52 mV; the code's threshold is theta - offset + v_thresh_e with theta starting at offset = 20 mV, so -52 mV at the start. */
    v_thresh_mV: -52,
    tau_m_ms: 100,
    t_ref_ms: 5,
    tau_e_ms: 1,
    tau_i_ms: 2,
    e_exc_mV: 0,
    e_inh_mV: -100,
    /** Code: v_rest_e - 40 mV. */
    init_v_mV: -105,
    theta_plus_mV: 0.05,
    tau_theta_ms: 1e7,
  },
  inhibitory: {
    v_rest_mV: -60,
    v_reset_mV: -45,
    v_thresh_mV: -40,
    tau_m_ms: 10,
    t_ref_ms: 2,
    tau_e_ms: 1,
    tau_i_ms: 2,
    e_exc_mV: 0,
    e_inh_mV: -85,
    /** Code: v_rest_i - 40 mV. */
    init_v_mV: -100,
  },
  input: {
    /** Code (random_conn_generator): uniform weights scaled by 0.3. */
    weightMax: 0.3,
    /** Code: delay['ee_input'] = (0 ms, 10 ms). */
    delayMaxMs: 10,
    /** Each excitatory neuron's incoming input weights sum to 78 (code: weight['ee_input'] = 78, normalize_weights before each image). */
    normalizationTotal: 78,
    /** Pixels of the 28 x 28 MNIST image the total of 78 was set for. */
    normalizationPixels: 784,
    /** Presynaptic trace decay, ms (code: tc_pre_ee = 20 ms). */
    traceTauMs: 20,
    /** Paper eq. 5: dw = eta_post (x_pre - x_tar) (w_max - w)^mu at each postsynaptic spike. */
    eta_post: 0.01,
    /** Code: STDP_offset = 0.4. */
    x_tar: 0.4,
    /** Code: exp_ee_pre = exp_ee_post = 0.2. */
    mu: 0.2,
    w_max: 1,
  },
  /** Ae -> Ai, one to one (code: random/AeAi.npy holds 10.4 on the diagonal). */
  excToInhWeight: 10.4,
  /** Ai -> Ae, every pair but the neuron's own partner (code: random/AiAe.npy holds 17 off the diagonal). */
  inhToExcWeight: 17,
} as const;

/** Width and height of the input image: the retina is a grid of that size. */
export interface DigitsInput {
  width: number;
  height: number;
}

/**
 * The Diehl & Cook network with `neurons` excitatory and as many inhibitory
 * neurons. `input` sizes the retina (28 x 28 for MNIST); the normalisation
 * total scales with the pixel count so each pixel's mean weight stays
 * 78 / 784.
 */
export function digitsGenome(neurons = DIGITS_DEFAULT_NEURONS, seed = 1, input: DigitsInput = { width: 28, height: 28 }): GenomeInput {
  const p = DIEHL_COOK_2015;
  const pixels = input.width * input.height;
  const e = p.excitatory;
  const i = p.inhibitory;
  const oneStep = { kind: 'constant' as const, value: p.dtMs };
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    name: `Unsupervised digits (Diehl & Cook 2015), ${neurons} excitatory neurons`,
    description:
      'Poisson retina -> excitatory layer with STDP (paper eq. 5), adaptive thresholds and winner-take-all inhibition; neurons are labelled by the class they answer most.',
    seed,
    dt_ms: p.dtMs,
    populations: [
      poissonRetina(input.width, input.height, { trace: { tau_ms: p.input.traceTauMs, mode: 'add' } }),
      {
        name: 'Ae',
        size: neurons,
        neuron: {
          model: 'lif',
          tau_m_ms: e.tau_m_ms,
          v_rest_mV: e.v_rest_mV,
          v_reset_mV: e.v_reset_mV,
          v_thresh_mV: e.v_thresh_mV,
          t_ref_ms: e.t_ref_ms,
          tau_e_ms: e.tau_e_ms,
          tau_i_ms: e.tau_i_ms,
          e_exc_mV: e.e_exc_mV,
          e_inh_mV: e.e_inh_mV,
        },
        sign: 'excitatory',
        role: 'output',
        init_v_mV: { kind: 'constant', value: e.init_v_mV },
        adaptive_threshold: { theta_plus_mV: e.theta_plus_mV, tau_theta_ms: e.tau_theta_ms },
      },
      {
        name: 'Ai',
        size: neurons,
        neuron: {
          model: 'lif',
          tau_m_ms: i.tau_m_ms,
          v_rest_mV: i.v_rest_mV,
          v_reset_mV: i.v_reset_mV,
          v_thresh_mV: i.v_thresh_mV,
          t_ref_ms: i.t_ref_ms,
          tau_e_ms: i.tau_e_ms,
          tau_i_ms: i.tau_i_ms,
          e_exc_mV: i.e_exc_mV,
          e_inh_mV: i.e_inh_mV,
        },
        sign: 'inhibitory',
        init_v_mV: { kind: 'constant', value: i.init_v_mV },
      },
    ],
    projections: [
      {
        source: 'retina',
        target: 'Ae',
        connectivity: { kind: 'probability', p: 1 },
        weight: { kind: 'uniform', min: 0, max: p.input.weightMax },
        delay_ms: { kind: 'uniform', min: 0, max: p.input.delayMaxMs },
        synapse: 'conductance',
        plasticity: { rule: 'diehl_cook', eta_post: p.input.eta_post, x_tar: p.input.x_tar, mu: p.input.mu, w_min: 0, w_max: p.input.w_max },
        normalization: { total: (p.input.normalizationTotal * pixels) / p.input.normalizationPixels, every_ms: 0 },
      },
      {
        source: 'Ae',
        target: 'Ai',
        connectivity: { kind: 'one_to_one' },
        weight: { kind: 'constant', value: p.excToInhWeight },
        delay_ms: oneStep,
        synapse: 'conductance',
      },
      {
        source: 'Ai',
        target: 'Ae',
        connectivity: { kind: 'probability', p: 1 },
        skip_same_index: true,
        weight: { kind: 'constant', value: p.inhToExcWeight },
        delay_ms: oneStep,
        synapse: 'conductance',
      },
    ],
    sensors: [retinaSensor(p.maxRateHz)],
  };
}
