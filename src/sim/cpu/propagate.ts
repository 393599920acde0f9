/**
 * Stage `propagate`: every spike of step t walks its outgoing rows, one per
 * projection whose source population holds it, and adds each synapse's
 * weight into the delay ring at slot (t + delaySteps) % ringLength of the
 * target's channel. Weights go in as integers, floor(w 2^16 + 0.5), so the
 * sum a neuron receives does not depend on the order of the adds (the GPU's
 * atomics add in any order and get the same number).
 */
import { CHANNEL_COUNT, EMPTY_SLOT, FIXED_POINT_SCALE, type Connectome } from '../connectome';
import type { CpuState, SpikeList } from './state';

/** One projection's rows as seen from its source population, hoisted for the spike loop. */
export interface OutgoingRows {
  /** Global index of the source population's first neuron. */
  sourceStart: number;
  rowStart: number;
  slotStart: number;
  rowCapacity: number;
  /** channel * neuronCount: the channel's offset inside a ring slot. */
  channelOffset: number;
}

/** For each population, the projections leaving it. */
export function outgoingRows(connectome: Connectome): OutgoingRows[][] {
  return connectome.populations.map((population) =>
    connectome.projections
      .filter((p) => p.source === population.index)
      .map((p) => ({
        sourceStart: population.start,
        rowStart: p.rowStart,
        slotStart: p.slotStart,
        rowCapacity: p.rowCapacity,
        channelOffset: p.channel * connectome.neuronCount,
      })),
  );
}

/** Adds the step's spikes into the ring; returns the synaptic events (non-empty slots walked). */
export function propagate(state: CpuState, outgoing: readonly OutgoingRows[][], populationOf: Uint16Array, step: number, spikes: SpikeList): number {
  const { ring, ringLength } = state;
  const { target, weight, delaySteps, rowEnd } = state.synapses;
  const slotStride = CHANNEL_COUNT * state.neuronCount;
  const now = step % ringLength;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const empty = EMPTY_SLOT;
  const scale = FIXED_POINT_SCALE;
  const ids = spikes.neuron;
  let events = 0;
  for (let k = 0; k < spikes.count; k++) {
    const source = ids[k];
    const rows = outgoing[populationOf[source]];
    for (let p = 0; p < rows.length; p++) {
      const { sourceStart, rowStart, slotStart, rowCapacity, channelOffset } = rows[p];
      const local = source - sourceStart;
      const first = slotStart + local * rowCapacity;
      const end = first + rowEnd[rowStart + local];
      for (let s = first; s < end; s++) {
        const post = target[s];
        if (post === empty) continue;
        // 1 <= delaySteps < ringLength, so one subtraction wraps the slot.
        let slot = now + delaySteps[s];
        if (slot >= ringLength) slot -= ringLength;
        ring[slot * slotStride + channelOffset + post] += Math.floor(weight[s] * scale + 0.5);
        events++;
      }
    }
  }
  return events;
}
