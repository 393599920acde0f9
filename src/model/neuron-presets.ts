/**
 * Named neuron parameter sets. Izhikevich regimes are from Izhikevich (2003),
 * "Simple model of spiking neurons", IEEE Trans. Neural Networks 14:1569, Fig. 2.
 */

/** Izhikevich (a, b, c, d): a recovery rate /ms, b sensitivity of u to v, c reset mV, d reset jump of u. */
export interface IzhikevichAbcd {
  a: number;
  b: number;
  c: number;
  d: number;
}

export const IZHIKEVICH_PRESETS = {
  /** Cortical excitatory cell: tonic spiking whose interval lengthens (adaptation). */
  regular_spiking: { a: 0.02, b: 0.2, c: -65, d: 8 },
  /** Cortical excitatory cell: an initial burst, then tonic single spikes. */
  intrinsically_bursting: { a: 0.02, b: 0.2, c: -55, d: 4 },
  /** Cortical excitatory cell: repetitive fast bursts ("chattering"). */
  chattering: { a: 0.02, b: 0.2, c: -50, d: 2 },
  /** Cortical inhibitory interneuron: high-frequency tonic spiking without adaptation. */
  fast_spiking: { a: 0.1, b: 0.2, c: -65, d: 2 },
  /** Cortical inhibitory interneuron: low threshold, adapting, rebound spikes. */
  low_threshold: { a: 0.02, b: 0.25, c: -65, d: 2 },
  /**
   * Resting (silent) cell: regular-spiking dynamics at its stable rest point,
   * v = -70 mV, u = b v. Without input it never fires; it is the baseline a
   * stimulus must overcome.
   */
  resting: { a: 0.02, b: 0.2, c: -65, d: 8 },
} as const satisfies Record<string, IzhikevichAbcd>;

export type IzhikevichPresetName = keyof typeof IZHIKEVICH_PRESETS;
export const IZHIKEVICH_PRESET_NAMES = Object.keys(IZHIKEVICH_PRESETS) as IzhikevichPresetName[];
