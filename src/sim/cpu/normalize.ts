/**
 * Synaptic normalisation (as in Diehl & Cook 2015): each target's incoming
 * weights in a projection are scaled by one factor so that they sum to the
 * genome's `normalization.total`. Competition follows: a synapse grows only
 * at the expense of its neighbours onto the same target. Targets that
 * receive nothing (sum 0) are left alone. A plastic projection's weights are
 * then clipped to its bounds, which wins over the sum when they disagree.
 */
import { EMPTY_SLOT, type Connectome } from '../connectome';
import { clampWeight } from './plastic-projections';
import type { CpuState } from './state';

const f32 = Math.fround;

export interface NormalizationConstants {
  projection: number;
  slotStart: number;
  rowStart: number;
  rowCapacity: number;
  rowCount: number;
  /** Global index of the target population's first neuron, and its capacity. */
  targetStart: number;
  targetCount: number;
  /** Sum each target's incoming weights are scaled to. */
  total: number;
  /** round(every_ms / dt), at least 1: the stage normalises after every step t with (t + 1) % everySteps = 0; 0 for only on request. */
  everySteps: number;
  /** The projection's plasticity bounds; [0, Infinity) when it has none. */
  wMin: number;
  wMax: number;
}

/** Constants of each projection by index; undefined where it has no `normalization`. */
export function normalizationConstants(connectome: Connectome): (NormalizationConstants | undefined)[] {
  const { genome, populations } = connectome;
  return connectome.projections.map((layout) => {
    const projection = genome.projections[layout.index];
    const n = projection.normalization;
    if (!n) return undefined;
    const rule = projection.plasticity;
    return {
      projection: layout.index,
      slotStart: layout.slotStart,
      rowStart: layout.rowStart,
      rowCapacity: layout.rowCapacity,
      rowCount: populations[layout.source].capacity,
      targetStart: populations[layout.target].start,
      targetCount: populations[layout.target].capacity,
      total: f32(n.total),
      everySteps: n.every_ms > 0 ? Math.max(1, Math.round(n.every_ms / genome.dt_ms)) : 0,
      wMin: rule ? f32(rule.w_min) : 0,
      wMax: rule ? f32(rule.w_max) : Infinity,
    };
  });
}

/** Room for the per-target sums of the largest target population any normalisation serves. */
export function normalizationScratch(normalizations: readonly (NormalizationConstants | undefined)[]): Float64Array {
  return new Float64Array(Math.max(0, ...normalizations.map((n) => n?.targetCount ?? 0)));
}

/**
 * Two passes over the projection's rows: sum each target's weights (in f64,
 * in `scratch`), turn each sum into its factor total / sum (1 for a sum of
 * 0, leaving those weights as they are), then scale every weight.
 */
export function normalizeProjection(state: CpuState, c: NormalizationConstants, scratch: Float64Array): void {
  const { target, weight, rowEnd } = state.synapses;
  const { slotStart, rowStart, rowCapacity, rowCount, targetStart, targetCount, total, wMin, wMax } = c;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const empty = EMPTY_SLOT;
  const clamp = clampWeight;
  scratch.fill(0, 0, targetCount);
  for (let row = 0; row < rowCount; row++) {
    const first = slotStart + row * rowCapacity;
    const end = first + rowEnd[rowStart + row];
    for (let s = first; s < end; s++) if (target[s] !== empty) scratch[target[s] - targetStart] += weight[s];
  }
  for (let j = 0; j < targetCount; j++) scratch[j] = scratch[j] === 0 ? 1 : total / scratch[j];
  for (let row = 0; row < rowCount; row++) {
    const first = slotStart + row * rowCapacity;
    const end = first + rowEnd[rowStart + row];
    for (let s = first; s < end; s++) {
      const post = target[s];
      if (post !== empty) weight[s] = clamp(weight[s] * scratch[post - targetStart], wMin, wMax);
    }
  }
}
