/**
 * Stage `homeostasis`: the slow counterweights to Hebbian learning.
 * - Adaptive threshold (Diehl & Cook 2015): a LIF neuron fires at
 *   v_thresh + theta; each step theta decays by exp(-dt / tau_theta) and
 *   then gains theta_plus for a spike of this step, so a neuron that fires
 *   much becomes harder to fire and the others get their turn.
 * - Synaptic normalisation every `every_ms` (normalize.ts).
 */
import type { Connectome } from '../connectome';
import { normalizeProjection, type NormalizationConstants } from './normalize';
import type { CpuState, SpikeList } from './state';

const f32 = Math.fround;

/** A population with an adaptive threshold, hoisted for the decay loop. */
export interface ThresholdConstants {
  start: number;
  end: number;
  /** exp(-dt / tau_theta_ms): theta's decay over one step. */
  alpha: number;
  /** Rise of theta per spike, mV. */
  thetaPlusMv: number;
}

export interface Homeostasis {
  /** Populations with an adaptive threshold, in population order. */
  thresholds: ThresholdConstants[];
  /** By population: its threshold constants, or undefined. */
  thresholdOf: (ThresholdConstants | undefined)[];
  /** Projections normalised on a period (everySteps > 0). */
  periodic: NormalizationConstants[];
}

/**
 * Threshold constants per population; throws, naming the population, when
 * a non-LIF one asks for an adaptive threshold (only the LIF loops compare
 * against v_thresh + theta).
 */
export function homeostasisConstants(connectome: Connectome, normalizations: readonly (NormalizationConstants | undefined)[]): Homeostasis {
  const { genome } = connectome;
  const thresholdOf = connectome.populations.map((layout): ThresholdConstants | undefined => {
    const population = genome.populations[layout.index];
    const adaptive = population.adaptive_threshold;
    if (!adaptive) return undefined;
    if (population.neuron.model !== 'lif')
      throw new TypeError(`populations[${layout.index}].adaptive_threshold: "${population.name}" has ${population.neuron.model} neurons; an adaptive threshold needs LIF neurons`);
    return {
      start: layout.start,
      end: layout.start + layout.capacity,
      alpha: f32(Math.exp(-genome.dt_ms / adaptive.tau_theta_ms)),
      thetaPlusMv: f32(adaptive.theta_plus_mV),
    };
  });
  return {
    thresholds: thresholdOf.filter((c) => c !== undefined),
    thresholdOf,
    periodic: normalizations.filter((n): n is NormalizationConstants => n !== undefined && n.everySteps > 0),
  };
}

export function homeostasis(state: CpuState, h: Homeostasis, populationOf: Uint16Array, step: number, spikes: SpikeList, scratch: Float64Array): void {
  const { thresholds, thresholdOf, periodic } = h;
  if (thresholds.length > 0) {
    const { theta } = state;
    for (let p = 0; p < thresholds.length; p++) {
      const { start, end, alpha } = thresholds[p];
      for (let i = start; i < end; i++) theta[i] *= alpha;
    }
    const ids = spikes.neuron;
    for (let k = 0; k < spikes.count; k++) {
      const i = ids[k];
      const c = thresholdOf[populationOf[i]];
      if (c !== undefined) theta[i] += c.thetaPlusMv;
    }
  }
  for (let p = 0; p < periodic.length; p++) {
    const c = periodic[p];
    if ((step + 1) % c.everySteps === 0) normalizeProjection(state, c, scratch);
  }
}
