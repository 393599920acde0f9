/**
 * Pair STDP on traces (Song, Miller & Abbott 2000; Morrison et al. 2008,
 * Biol. Cybern. 98:459, "Phenomenological models of synaptic plasticity").
 * A post spike potentiates each incoming synapse by a_plus x_pre, a pre spike
 * depresses each outgoing one by a_minus x_post, scaled by
 * - additive: w_max for both, so the bounds are hard walls;
 * - multiplicative (soft bounds): (w_max - w) for potentiation and
 *   (w - w_min) for depression, so steps shrink near either bound.
 * The change goes to the weight (clipped) or, when the projection is
 * modulated, into the synapse's eligibility.
 */
import { EMPTY_SLOT } from '../connectome';
import { clampWeight, type StdpConstants } from './plastic-projections';
import { columnFirst } from './reverse-index';
import type { CpuState } from './state';
import { rowFirst, sourceOfSlot } from './synapse-slots';

/** Pre spike of neuron `pre`: dw = -a_minus (additive: w_max; multiplicative: w - w_min) x_post over its row. */
export function stdpPre(c: StdpConstants, state: CpuState, pre: number): void {
  const { trace, eligibility } = state;
  const { target, weight, rowEnd } = state.synapses;
  const { wMin, wMax, aMinus, multiplicative, modulated } = c;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const empty = EMPTY_SLOT;
  const clamp = clampWeight;
  const row = pre - c.sourceStart;
  const first = rowFirst(c, row);
  const end = first + rowEnd[c.rowStart + row];
  for (let s = first; s < end; s++) {
    const post = target[s];
    if (post === empty) continue;
    const xPost = trace[post];
    // No post trace, no change: skipping is exact and spares the write.
    if (xPost === 0) continue;
    const w = weight[s];
    const dw = -aMinus * (multiplicative ? w - wMin : wMax) * xPost;
    if (modulated) eligibility[s] += dw;
    else weight[s] = clamp(w + dw, wMin, wMax);
  }
}

/** Post spike of neuron `post`: dw = +a_plus (additive: w_max; multiplicative: w_max - w) x_pre over its reverse column. */
export function stdpPost(c: StdpConstants, state: CpuState, post: number): void {
  const { trace, eligibility, reverseSlot, reverseCount } = state;
  const { weight } = state.synapses;
  const { wMin, wMax, aPlus, multiplicative, modulated } = c;
  const clamp = clampWeight;
  const sourceOf = sourceOfSlot;
  const column = post - c.targetStart;
  const first = columnFirst(c, column);
  const end = first + reverseCount[c.countStart + column];
  for (let k = first; k < end; k++) {
    const s = reverseSlot[k];
    const xPre = trace[sourceOf(c, s)];
    if (xPre === 0) continue;
    const w = weight[s];
    const dw = aPlus * (multiplicative ? wMax - w : wMax) * xPre;
    if (modulated) eligibility[s] += dw;
    else weight[s] = clamp(w + dw, wMin, wMax);
  }
}
