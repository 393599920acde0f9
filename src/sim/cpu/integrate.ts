/**
 * Stage `integrate`: every LIF and Izhikevich population in population order,
 * each through the loop specialised for its model, with its constants
 * hoisted. Spike sources belong to stage `inputs`.
 */
import { deliverySlotBase } from './deliver';
import { integrateIzhikevich } from './integrate-izhikevich';
import { integrateLifConductance, integrateLifCurrent } from './integrate-lif';
import { integrateLifAdaptive } from './integrate-lif-adaptive';
import type { PopulationConstants } from './params';
import type { CpuState, SpikeList } from './state';

export function integrate(state: CpuState, constants: readonly PopulationConstants[], step: number, spikes: SpikeList): void {
  const slotBase = deliverySlotBase(state, step);
  for (let p = 0; p < constants.length; p++) {
    const c = constants[p];
    switch (c.kind) {
      case 'lif':
        if (c.adaptive) integrateLifAdaptive(state, c, slotBase, spikes);
        else if (c.conductance) integrateLifConductance(state, c, slotBase, spikes);
        else integrateLifCurrent(state, c, slotBase, spikes);
        break;
      case 'izhikevich':
        integrateIzhikevich(state, c, slotBase, spikes);
        break;
      case 'spike_source':
        break;
    }
  }
}
