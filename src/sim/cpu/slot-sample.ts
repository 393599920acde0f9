/**
 * Engine.readSlots: what given synapse slots hold now, for the live
 * connectome view. A slot's pre neuron is fixed by the layout (its row's
 * source), so both engines work it out here; post and weight are state.
 */
import type { Connectome } from '../connectome';
import type { SlotSample } from '../engine';
import type { CpuState } from './state';
import { sourceOfSlot } from './synapse-slots';

/** Throws, naming the slot and the count, unless every slot is in range. */
export function checkSlots(connectome: Connectome, slots: Uint32Array): void {
  const count = connectome.synapses.target.length;
  for (let k = 0; k < slots.length; k++)
    if (slots[k] >= count) throw new RangeError(`readSlots: slot ${slots[k]} (slots[${k}]) is out of range: the network has ${count} synapse slots (0..${count - 1})`);
}

/** The pre neuron (global) of each (checked) slot: the source of the row it lies in. */
export function preOfSlots(connectome: Connectome, slots: Uint32Array): Uint32Array {
  // Projections own consecutive blocks of slots, in projection order.
  const blocks = connectome.projections.map((p) => {
    const source = connectome.populations[p.source];
    return { slotStart: p.slotStart, rowCapacity: p.rowCapacity, sourceStart: source.start, end: p.slotStart + source.capacity * p.rowCapacity };
  });
  return slots.map((slot) => sourceOfSlot(blocks.find((b) => slot < b.end)!, slot));
}

/** The CPU engine's slots (checked) as they stand. */
export function slotSample(connectome: Connectome, state: CpuState, slots: Uint32Array): SlotSample {
  const { target, weight } = state.synapses;
  return { pre: preOfSlots(connectome, slots), post: slots.map((s) => target[s]), weight: Float32Array.from(slots, (s) => weight[s]) };
}
