/**
 * Engine.readIncoming: the synapses of one projection that now end on given
 * neurons, for receptive fields and weight views. Both engines find the
 * synapses in the live rows (the CPU through the reverse index where the
 * projection has one, else by walking its rows; the GPU with a kernel) and
 * hand them to incomingWeightsOf, which orders them by slot: within a
 * projection rows are laid out source by source, so that is ascending source.
 */
import type { Connectome, ProjectionLayout } from '../connectome';
import type { IncomingWeights } from '../engine';
import { columnFirst, type ReverseColumns } from './reverse-index';
import type { CpuState } from './state';
import { rowFirst, sourceOfSlot } from './synapse-slots';

/** Synapses found onto the neurons asked for, in any order: slot, its post neuron (global) and weight. */
export interface FoundSynapses {
  slot: Uint32Array;
  post: Uint32Array;
  weight: Float32Array;
}

/** Throws, naming the neuron or projection and why, unless every neuron is in the projection's target population. */
export function checkIncomingRequest(connectome: Connectome, neurons: Uint32Array, projection: number): ProjectionLayout {
  const layout = connectome.projections[projection];
  if (!layout) throw new RangeError(`readIncoming: no projection ${projection} (the network has ${connectome.projections.length})`);
  const target = connectome.populations[layout.target];
  for (let k = 0; k < neurons.length; k++) {
    const i = neurons[k];
    if (i < target.start || i >= target.start + target.capacity)
      throw new RangeError(
        `readIncoming: neuron ${i} (neurons[${k}]) is not in population "${target.name}" (neurons ${target.start}..${target.start + target.capacity - 1}), the target of projection ${projection} ("${layout.name}")`,
      );
  }
  return layout;
}

/** The incoming weights of each of `neurons` (checked) from the synapses found onto them, each neuron's in ascending slot order. */
export function incomingWeightsOf(layout: ProjectionLayout, neurons: Uint32Array, found: FoundSynapses): IncomingWeights {
  const order = Uint32Array.from(found.slot.keys()).sort((a, b) => found.post[a] - found.post[b] || found.slot[a] - found.slot[b]);
  // Each post neuron's run in `order`: [first, end).
  const runs = new Map<number, [number, number]>();
  for (let r = 0; r < order.length; ) {
    const post = found.post[order[r]];
    const first = r;
    while (r < order.length && found.post[order[r]] === post) r++;
    runs.set(post, [first, r]);
  }
  const offsets = new Uint32Array(neurons.length + 1);
  for (let k = 0; k < neurons.length; k++) {
    const [first, end] = runs.get(neurons[k]) ?? [0, 0];
    offsets[k + 1] = offsets[k] + end - first;
  }
  const source = new Uint32Array(offsets[neurons.length]);
  const weight = new Float32Array(source.length);
  // Sources local to their population: a slot's row.
  const localRows = { slotStart: layout.slotStart, rowCapacity: layout.rowCapacity, sourceStart: 0 };
  for (let k = 0; k < neurons.length; k++) {
    const [first, end] = runs.get(neurons[k]) ?? [0, 0];
    for (let r = first, at = offsets[k]; r < end; r++, at++) {
      const e = order[r];
      source[at] = sourceOfSlot(localRows, found.slot[e]);
      weight[at] = found.weight[e];
    }
  }
  return { offsets, source, weight };
}

/**
 * The CPU engine's live synapses of `layout` onto `neurons` (checked): each
 * distinct neuron's reverse-index column when the projection has columns,
 * else a walk over the projection's rows.
 */
export function incomingWeights(connectome: Connectome, state: CpuState, layout: ProjectionLayout, columns: ReverseColumns | undefined, neurons: Uint32Array): IncomingWeights {
  const { target, weight } = state.synapses;
  const targetStart = connectome.populations[layout.target].start;
  const slots: number[] = [];
  if (columns) {
    for (const i of new Set(neurons)) {
      const first = columnFirst(columns, i - targetStart);
      const count = state.reverseCount[columns.countStart + i - targetStart];
      for (let e = first; e < first + count; e++) slots.push(state.reverseSlot[e]);
    }
  } else {
    const wanted = new Set(neurons);
    const { rowEnd } = state.synapses;
    for (let row = 0; row < connectome.populations[layout.source].capacity; row++) {
      const first = rowFirst(layout, row);
      for (let s = first, end = first + rowEnd[layout.rowStart + row]; s < end; s++) if (wanted.has(target[s])) slots.push(s);
    }
  }
  const slot = Uint32Array.from(slots);
  return incomingWeightsOf(layout, neurons, { slot, post: slot.map((s) => target[s]), weight: Float32Array.from(slot, (s) => weight[s]) });
}
