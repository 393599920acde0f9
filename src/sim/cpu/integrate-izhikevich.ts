/**
 * Stage `integrate` for Izhikevich (2003) neurons, "Simple model of spiking
 * neurons", IEEE Trans. Neural Networks 14:1569:
 * dv/dt = 0.04 v^2 + 5 v + 140 - u + I, du/dt = a (b v - u); v >= 30 mV -> v = c, u += d.
 *
 * Forward Euler in ms, both updates from the old (v, u): one formula per
 * variable that any engine evaluates the same way (the paper's own code takes
 * two half steps for v and updates u from the new v). The synaptic input
 * I = ge - gi + i_bias + gE (e_exc - v) + gI (e_inh - v) is held over the step.
 */
import { Channel } from '../connectome';
import { discardInput, FROM_FIXED_POINT, takeInput } from './deliver';
import type { IzhikevichConstants } from './params';
import type { CpuState, SpikeList } from './state';

/** Spike cutoff of the model, mV: the upstroke is cut here and v is reset to c. */
const V_PEAK_MV = 30;

export function integrateIzhikevich(state: CpuState, c: IzhikevichConstants, slotBase: number, spikes: SpikeList): void {
  const { v, u, ge, gi, gE, gI, alive, ring, neuronCount: n } = state;
  const { end, a, b, cMv, d, iBias, alphaE, alphaI, eExcMv, eInhMv, dtMs } = c;
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
    const vOld = v[i];
    const uOld = u[i];
    const current = e - inh + iBias + gExc * (eExcMv - vOld) + gInh * (eInhMv - vOld);
    const vNext = Math.fround(vOld + dtMs * (0.04 * vOld * vOld + 5 * vOld + 140 - uOld + current));
    const uNext = uOld + dtMs * a * (b * vOld - uOld);
    if (vNext >= V_PEAK_MV) {
      v[i] = cMv;
      u[i] = uNext + d;
      ids[count++] = i;
    } else {
      v[i] = vNext;
      u[i] = uNext;
    }
    ge[i] = e * alphaE;
    gi[i] = inh * alphaI;
    gE[i] = gExc * alphaE;
    gI[i] = gInh * alphaI;
  }
  spikes.count = count;
}
