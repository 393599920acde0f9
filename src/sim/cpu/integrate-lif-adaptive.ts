/**
 * Stage `integrate` for LIF populations with an adaptive threshold (Diehl &
 * Cook 2015): the same integration as integrate-lif.ts, current- or
 * conductance-based, but a neuron fires at v_thresh + theta (theta kept by
 * stage homeostasis). A loop of its own, so the loops of populations without
 * one stay exactly as fast as before theta existed (measured on CUBA,
 * N = 4,000: reading theta in the shared loop cost 3 to 6 %).
 */
import { Channel } from '../connectome';
import { discardInput, FROM_FIXED_POINT, takeInput } from './deliver';
import { refractoryHolds } from './integrate-lif';
import type { LifConstants } from './params';
import type { CpuState, SpikeList } from './state';

export function integrateLifAdaptive(state: CpuState, c: LifConstants, slotBase: number, spikes: SpikeList): void {
  const { v, ge, gi, gE, gI, theta, refractory, alive, ring, neuronCount: n } = state;
  const { end, conductance, alphaM, dtOverTauM, alphaE, alphaI, eExcMv, eInhMv, vResetMv, vThreshMv, refSteps } = c;
  const vDrive = c.vRestMv + c.iBiasMv;
  const excAt = slotBase + Channel.excCurrent * n;
  const inhAt = slotBase + Channel.inhCurrent * n;
  const excGAt = slotBase + Channel.excConductance * n;
  const inhGAt = slotBase + Channel.inhConductance * n;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const fromFixed = FROM_FIXED_POINT;
  const take = takeInput;
  const holds = refractoryHolds;
  const f32 = Math.fround;
  const ids = spikes.neuron;
  let count = spikes.count;
  for (let i = c.start; i < end; i++) {
    if (alive[i] === 0) {
      discardInput(ring, slotBase, n, i);
      continue;
    }
    const e = ge[i] + take(ring, excAt + i) * fromFixed;
    const inh = gi[i] + take(ring, inhAt + i) * fromFixed;
    // A current-based population receives no conductance input: its gE, gI stay 0 (as integrateLifCurrent never reads them).
    const gExc = conductance ? gE[i] + take(ring, excGAt + i) * fromFixed : 0;
    const gInh = conductance ? gI[i] + take(ring, inhGAt + i) * fromFixed : 0;
    if (holds(refractory, i)) {
      v[i] = vResetMv;
    } else {
      const g = 1 + gExc + gInh;
      const vInf = conductance ? (vDrive + e - inh + gExc * eExcMv + gInh * eInhMv) / g : vDrive + e - inh;
      const vNext = f32(vInf + (v[i] - vInf) * (conductance ? Math.exp(-dtOverTauM * g) : alphaM));
      // The threshold summed in f32, as the GPU adds two f32 values.
      if (vNext >= f32(vThreshMv + theta[i])) {
        v[i] = vResetMv;
        refractory[i] = refSteps;
        ids[count++] = i;
      } else {
        v[i] = vNext;
      }
    }
    ge[i] = e * alphaE;
    gi[i] = inh * alphaI;
    if (conductance) {
      gE[i] = gExc * alphaE;
      gI[i] = gInh * alphaI;
    }
  }
  spikes.count = count;
}
