/**
 * The presynaptic-trace rule of Diehl & Cook (2015), "Unsupervised learning
 * of digit recognition using spike-timing-dependent plasticity", Front.
 * Comput. Neurosci. 9:99, eq. 5: at each post spike
 * dw = eta_post (x_pre - x_tar) (w_max - w)^mu. Inputs that fired shortly
 * before (x_pre > x_tar) are potentiated, the others depressed, so each
 * neuron's weights drift toward the inputs that make it fire. A pre spike
 * changes nothing but its own trace, so there is no presynaptic walk.
 */
import { clampWeight, type DiehlCookConstants } from './plastic-projections';
import { columnFirst } from './reverse-index';
import type { CpuState } from './state';
import { sourceOfSlot } from './synapse-slots';

/** Post spike of neuron `post`: dw = eta_post (x_pre - x_tar) (w_max - w)^mu over its reverse column. */
export function diehlCookPost(c: DiehlCookConstants, state: CpuState, post: number): void {
  const { trace, eligibility, reverseSlot, reverseCount } = state;
  const { weight } = state.synapses;
  const { wMin, wMax, etaPost, xTar, mu, modulated } = c;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const clamp = clampWeight;
  const sourceOf = sourceOfSlot;
  const column = post - c.targetStart;
  const first = columnFirst(c, column);
  const end = first + reverseCount[c.countStart + column];
  for (let k = first; k < end; k++) {
    const s = reverseSlot[k];
    const xPre = trace[sourceOf(c, s)];
    const w = weight[s];
    // (w_max - w)^mu as exp(mu ln(w_max - w)), as WGSL's pow computes it and
    // about twice as fast as Math.pow here (the walk's main cost). w <= w_max
    // (clipped), so the base is >= 0; at 0, exp(-Infinity) = 0 = 0^mu for
    // mu > 0, and mu = 0 means no weight dependence (x^0 = 1).
    const dw = etaPost * (xPre - xTar) * (mu === 0 ? 1 : Math.exp(mu * Math.log(wMax - w)));
    if (modulated) eligibility[s] += dw;
    else weight[s] = clamp(w + dw, wMin, wMax);
  }
}
