/**
 * Stage `integrate` for leaky integrate-and-fire neurons:
 * tau_m dv/dt = (v_rest - v) + ge - gi + i_bias + gE (e_exc - v) + gI (e_inh - v).
 *
 * The inputs are held constant over the step, so the step is integrated
 * exactly: v relaxes toward v_inf by the factor exp(-dt g / tau_m). Each loop
 * delivers the ring's slot for the step, integrates, thresholds, resets, and
 * decays the synaptic variables, in one pass over the neurons. Populations
 * with an adaptive threshold have their own loop (integrate-lif-adaptive.ts),
 * so these two never read theta.
 */
import { Channel } from '../connectome';
import type { LifConstants } from './params';
import { discardInput, FROM_FIXED_POINT, takeInput } from './deliver';
import type { CpuState, SpikeList } from './state';

/**
 * Refractoriness as Brian2's `refractory`: a spike at step s sets the
 * countdown to refSteps; each step decrements it first, and while it is still
 * above 0 the neuron is held at v_reset, so it integrates again at step
 * s + refSteps. Synaptic variables keep receiving and decaying while it is held.
 * Returns whether neuron i is held this step.
 */
export function refractoryHolds(refractory: Int32Array, i: number): boolean {
  const r = refractory[i];
  if (r === 0) return false;
  refractory[i] = r - 1;
  return r > 1;
}

/** Populations with current-based input only: v_inf = v_rest + ge - gi + i_bias, factor exp(-dt / tau_m). */
export function integrateLifCurrent(state: CpuState, c: LifConstants, slotBase: number, spikes: SpikeList): void {
  const { v, ge, gi, refractory, alive, ring, neuronCount: n } = state;
  const { end, alphaM, alphaE, alphaI, vResetMv, vThreshMv, refSteps } = c;
  const vDrive = c.vRestMv + c.iBiasMv;
  const excAt = slotBase + Channel.excCurrent * n;
  const inhAt = slotBase + Channel.inhCurrent * n;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const fromFixed = FROM_FIXED_POINT;
  const take = takeInput;
  const ids = spikes.neuron;
  let count = spikes.count;
  for (let i = c.start; i < end; i++) {
    if (alive[i] === 0) {
      discardInput(ring, slotBase, n, i);
      continue;
    }
    const e = ge[i] + take(ring, excAt + i) * fromFixed;
    const inh = gi[i] + take(ring, inhAt + i) * fromFixed;
    if (refractoryHolds(refractory, i)) {
      v[i] = vResetMv;
    } else {
      const vInf = vDrive + e - inh;
      // Thresholded after rounding to f32: the value the state holds is the value that fires.
      const vNext = Math.fround(vInf + (v[i] - vInf) * alphaM);
      if (vNext >= vThreshMv) {
        v[i] = vResetMv;
        refractory[i] = refSteps;
        ids[count++] = i;
      } else {
        v[i] = vNext;
      }
    }
    ge[i] = e * alphaE;
    gi[i] = inh * alphaI;
  }
  spikes.count = count;
}

/**
 * Populations that receive a conductance-based projection: with g = 1 + gE + gI
 * (in units of the leak), v_inf = (v_rest + ge - gi + i_bias + gE e_exc + gI e_inh) / g
 * and the step's factor is exp(-dt g / tau_m).
 */
export function integrateLifConductance(state: CpuState, c: LifConstants, slotBase: number, spikes: SpikeList): void {
  const { v, ge, gi, gE, gI, refractory, alive, ring, neuronCount: n } = state;
  const { end, dtOverTauM, alphaE, alphaI, eExcMv, eInhMv, vResetMv, vThreshMv, refSteps } = c;
  const vDrive = c.vRestMv + c.iBiasMv;
  const excAt = slotBase + Channel.excCurrent * n;
  const inhAt = slotBase + Channel.inhCurrent * n;
  const excGAt = slotBase + Channel.excConductance * n;
  const inhGAt = slotBase + Channel.inhConductance * n;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const fromFixed = FROM_FIXED_POINT;
  const take = takeInput;
  const ids = spikes.neuron;
  let count = spikes.count;
  for (let i = c.start; i < end; i++) {
    if (alive[i] === 0) {
      discardInput(ring, slotBase, n, i);
      continue;
    }
    const e = ge[i] + take(ring, excAt + i) * fromFixed;
    const inh = gi[i] + take(ring, inhAt + i) * fromFixed;
    const gExc = gE[i] + take(ring, excGAt + i) * fromFixed;
    const gInh = gI[i] + take(ring, inhGAt + i) * fromFixed;
    if (refractoryHolds(refractory, i)) {
      v[i] = vResetMv;
    } else {
      const g = 1 + gExc + gInh;
      const vInf = (vDrive + e - inh + gExc * eExcMv + gInh * eInhMv) / g;
      const vNext = Math.fround(vInf + (v[i] - vInf) * Math.exp(-dtOverTauM * g));
      if (vNext >= vThreshMv) {
        v[i] = vResetMv;
        refractory[i] = refSteps;
        ids[count++] = i;
      } else {
        v[i] = vNext;
      }
    }
    ge[i] = e * alphaE;
    gi[i] = inh * alphaI;
    gE[i] = gExc * alphaE;
    gI[i] = gInh * alphaI;
  }
  spikes.count = count;
}
