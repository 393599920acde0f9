/**
 * Inhibitory plasticity of Vogels, Sprekeler, Zenke, Clopath & Gerstner
 * (2011), "Inhibitory plasticity balances excitation and inhibition in
 * sensory pathways and memory networks", Science 334:1569: a pre spike adds
 * eta (x_post - alpha), a post spike adds eta x_pre, alpha = 2 rho0 tau_post.
 * With traces of mean rho tau, the mean drift is
 * eta rho_pre (2 rho_post tau - alpha) when pre and post traces share tau:
 * inhibition grows while the target fires above rho0 and shrinks below it,
 * so the target settles at rho0.
 */
import { EMPTY_SLOT } from '../connectome';
import { clampWeight, type VogelsConstants } from './plastic-projections';
import { columnFirst } from './reverse-index';
import type { CpuState } from './state';
import { rowFirst, sourceOfSlot } from './synapse-slots';

/** Pre spike of neuron `pre`: dw = eta (x_post - alpha) over its row. */
export function vogelsPre(c: VogelsConstants, state: CpuState, pre: number): void {
  const { trace } = state;
  const { target, weight, rowEnd } = state.synapses;
  const { wMin, wMax, eta, alpha } = c;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const empty = EMPTY_SLOT;
  const clamp = clampWeight;
  const row = pre - c.sourceStart;
  const first = rowFirst(c, row);
  const end = first + rowEnd[c.rowStart + row];
  for (let s = first; s < end; s++) {
    const post = target[s];
    if (post === empty) continue;
    weight[s] = clamp(weight[s] + eta * (trace[post] - alpha), wMin, wMax);
  }
}

/** Post spike of neuron `post`: dw = eta x_pre over its reverse column. */
export function vogelsPost(c: VogelsConstants, state: CpuState, post: number): void {
  const { trace, reverseSlot, reverseCount } = state;
  const { weight } = state.synapses;
  const { wMin, wMax, eta } = c;
  const clamp = clampWeight;
  const sourceOf = sourceOfSlot;
  const column = post - c.targetStart;
  const first = columnFirst(c, column);
  const end = first + reverseCount[c.countStart + column];
  for (let k = first; k < end; k++) {
    const s = reverseSlot[k];
    const xPre = trace[sourceOf(c, s)];
    if (xPre === 0) continue;
    weight[s] = clamp(weight[s] + eta * xPre, wMin, wMax);
  }
}
