/**
 * Engine.readIncoming on the CPU engine (src/sim/cpu/incoming.ts): a
 * neuron's synapses in one projection, in ascending source order, from the
 * live rows, through the reverse index where the projection is plastic and
 * by walking the rows where it is not.
 */
import { describe, expect, it } from 'vitest';
import type { IncomingWeights } from '@/sim';
import { CpuEngine, learningConstants } from '@/sim/cpu';
import { twoWays } from './incoming-network';
import { livingNetwork } from './living-network';

/** Each neuron's (source, weight) pairs from an IncomingWeights. */
function perNeuron(incoming: IncomingWeights): [number, number][][] {
  return Array.from({ length: incoming.offsets.length - 1 }, (_, k) =>
    Array.from({ length: incoming.offsets[k + 1] - incoming.offsets[k] }, (_, e) => [incoming.source[incoming.offsets[k] + e], incoming.weight[incoming.offsets[k] + e]] as [number, number]),
  );
}

/** Every neuron's synapses in projection p, read slot by slot from the engine's rows: the reference. */
function fromRows(engine: CpuEngine, p: number, neurons: Uint32Array): [number, number][][] {
  const layout = engine.connectome.projections[p];
  const { target, weight } = engine.state.synapses;
  const end = layout.slotStart + engine.connectome.populations[layout.source].capacity * layout.rowCapacity;
  return Array.from(neurons, (i) => {
    const pairs: [number, number][] = [];
    for (let s = layout.slotStart; s < end; s++) if (target[s] === i) pairs.push([Math.floor((s - layout.slotStart) / layout.rowCapacity), weight[s]]);
    return pairs;
  });
}

const f32 = Math.fround;

describe('readIncoming on the CPU engine', () => {
  it.each([
    [0, 'static: walks the rows'],
    [1, 'plastic: reads the reverse index'],
  ])('gives projection %i (%s) E2 <- a0 0.1, a3 0.5; E0 <- a0 0.2, a1 0.3, a3 0.4; E1 and unborn E3 nothing; E0 again', (projection) => {
    const incoming = new CpuEngine(twoWays()).readIncoming(Uint32Array.of(10, 8, 9, 8, 11), projection);
    expect(Array.from(incoming.offsets)).toEqual([0, 2, 5, 5, 8, 8]);
    expect(Array.from(incoming.source)).toEqual([0, 3, 0, 1, 3, 0, 1, 3]);
    expect(Array.from(incoming.weight)).toEqual([0.1, 0.5, 0.2, 0.3, 0.4, 0.2, 0.3, 0.4].map(f32));
  });

  it('gives offsets [0] and no synapse for no neuron', () => {
    const incoming = new CpuEngine(twoWays()).readIncoming(new Uint32Array(0), 0);
    expect([Array.from(incoming.offsets), incoming.source.length, incoming.weight.length]).toEqual([[0], 0, 0]);
  });

  it('reads the synapses as they are after 1,500 steps of STDP, pruning, growth and births: the rows slot by slot, in ascending source order although the columns are not', () => {
    const engine = new CpuEngine(livingNetwork(3));
    engine.pulseModulator('aversion', 5);
    engine.step(1500);
    const totals = engine.structuralTotals();
    expect(Math.min(totals.grown, totals.pruned, totals.born)).toBeGreaterThan(5);
    const e = engine.connectome.populations[1];
    const all = Uint32Array.from({ length: e.capacity }, (_, j) => e.start + j);
    for (const p of [0, 1]) expect(perNeuron(engine.readIncoming(all, p)), engine.connectome.projections[p].name).toEqual(fromRows(engine, p, all));
    // Growth and pruning reorder the reverse index: some column of in -> E no longer lists its slots in ascending order.
    const c = learningConstants(engine.connectome).reverse.columns[0]!;
    const { reverseSlot, reverseCount } = engine.state;
    const unordered = Array.from({ length: c.columnCount }, (_, j) => {
      const column = reverseSlot.subarray(c.columnStart + j * c.columnCapacity, c.columnStart + j * c.columnCapacity + reverseCount[c.countStart + j]);
      return column.some((slot, k) => k > 0 && slot < column[k - 1]);
    });
    expect(unordered.some(Boolean)).toBe(true);
  });

  it('refuses, naming the neuron and the population, a neuron outside the target population, and a projection that does not exist', () => {
    const engine = new CpuEngine(twoWays());
    expect(() => engine.readIncoming(Uint32Array.of(8, 4), 1)).toThrow(
      'readIncoming: neuron 4 (neurons[1]) is not in population "E" (neurons 8..11), the target of projection 1 ("b->E")',
    );
    expect(() => engine.readIncoming(Uint32Array.of(8), 2)).toThrow('readIncoming: no projection 2 (the network has 2)');
  });
});
