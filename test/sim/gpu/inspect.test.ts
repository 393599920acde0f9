/**
 * readIncoming and readSlots on the GPU (src/sim/gpu/inspect.ts,
 * shaders/inspect.wgsl) against the CPU engine: after plasticity, pruning,
 * growth and births the two find the same synapses (sources and targets
 * exactly) with the same weights (to a relative 1e-6).
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_SLOT } from '@/sim/connectome';
import type { IncomingWeights } from '@/sim';
import { handConnectome, lif, sources } from '../cpu/fixtures';
import { twoWays } from '../cpu/incoming-network';
import { livingNetwork } from '../cpu/living-network';
import { device, enginePair, maxRelativeError } from './harness';

const f32 = Math.fround;

function expectSameIncoming(gpu: IncomingWeights, cpu: IncomingWeights, name: string): void {
  expect(Array.from(gpu.offsets), name).toEqual(Array.from(cpu.offsets));
  expect(Array.from(gpu.source), name).toEqual(Array.from(cpu.source));
  expect(maxRelativeError(gpu.weight, cpu.weight, 1e-3), name).toBeLessThan(1e-6);
}

describe.skipIf(!device)('reading synapses on the GPU against the CPU engine', () => {
  it('reads the hand network as the CPU: E2 <- 0, 3; E0 <- 0, 1, 3 (twice); E1 and unborn E3 nothing, static and plastic; slots 1, 3, 7, 9', async () => {
    const { cpu, gpu } = await enginePair(twoWays());
    const neurons = Uint32Array.of(10, 8, 9, 8, 11);
    for (const projection of [0, 1]) {
      const incoming = await gpu.readIncoming(neurons, projection);
      expect(Array.from(incoming.offsets)).toEqual([0, 2, 5, 5, 8, 8]);
      expect(Array.from(incoming.source)).toEqual([0, 3, 0, 1, 3, 0, 1, 3]);
      expect(Array.from(incoming.weight)).toEqual(Array.from(cpu.readIncoming(neurons, projection).weight));
    }
    const sample = await gpu.readSlots(Uint32Array.of(1, 3, 7, 9));
    expect([Array.from(sample.pre), Array.from(sample.post), Array.from(sample.weight)]).toEqual([[0, 1, 3, 4], [8, EMPTY_SLOT, 10, 8], [0.2, 0, 0.5, 0.2].map(f32)]);
    await expect(gpu.readSlots(Uint32Array.of(16))).rejects.toThrow('readSlots: slot 16 (slots[0]) is out of range: the network has 16 synapse slots (0..15)');
    await expect(gpu.readIncoming(Uint32Array.of(3), 0)).rejects.toThrow(/neuron 3 \(neurons\[0\]\) is not in population "E"/);
    gpu.destroy();
  });

  // Rows of one slot, every source onto E0: the first read makes room for the estimate of a static
  // projection, ceil(1 + 6 sqrt(63 / 64) + 2) = 9 synapses, finds 64 and reads again with room for them.
  it('reads again with room for all when a static projection has more synapses onto a neuron than estimated: 64 onto E0 against room for 9', async () => {
    const connectome = handConnectome({
      populations: [sources('in', 64, 'poisson', 0), lif('E', 64)],
      projections: [{ source: 'in', target: 'E', synapses: Array.from({ length: 64 }, (_, from) => ({ from, to: 0, weight: (from + 1) / 64, delaySteps: 1 })) }],
    });
    const { cpu, gpu } = await enginePair(connectome);
    const incoming = await gpu.readIncoming(Uint32Array.of(64, 65), 0);
    expect(Array.from(incoming.offsets)).toEqual([0, 64, 64]);
    expect(Array.from(incoming.source)).toEqual(Array.from({ length: 64 }, (_, k) => k));
    expect(Array.from(incoming.weight)).toEqual(Array.from({ length: 64 }, (_, k) => f32((k + 1) / 64)));
    expectSameIncoming(incoming, cpu.readIncoming(Uint32Array.of(64, 65), 0), 'in->E');
    gpu.destroy();
  });

  // livingNetwork: in 0-99, E 100-179 (50 alive at the start). Dopamine gates STDP on in -> E, aversion drives growth and births.
  it('finds the same synapses after 700 steps of dopamine-gated STDP, pruning, growth and births: every E neuron in both projections, and every slot', async () => {
    const connectome = livingNetwork(3);
    const { cpu, gpu } = await enginePair(connectome);
    for (const engine of [cpu, gpu]) {
      engine.pulseModulator('aversion', 5);
      engine.pulseModulator('dopamine', 2);
      engine.step(350);
      engine.pulseModulator('dopamine', 2);
      engine.step(350);
    }
    const totals = cpu.structuralTotals();
    expect(await gpu.structuralTotals()).toEqual(totals);
    // 87 grown, 70 pruned, 3 born.
    expect(Math.min(totals.grown, totals.pruned)).toBeGreaterThan(50);
    expect(totals.born).toBeGreaterThan(0);
    const e = connectome.populations[1];
    const all = Uint32Array.from({ length: e.capacity }, (_, j) => e.start + j);
    for (const p of [0, 1]) expectSameIncoming(await gpu.readIncoming(all, p), cpu.readIncoming(all, p), connectome.projections[p].name);
    // STDP moved weights off their built values (not only the structural pull).
    const built = connectome.synapses;
    const live = cpu.state.synapses;
    const moved = Array.from(built.target.keys()).filter((s) => built.target[s] !== EMPTY_SLOT && live.target[s] === built.target[s] && Math.abs(live.weight[s] - built.weight[s]) > 0.05);
    expect(moved.length).toBeGreaterThan(100);

    const slots = Uint32Array.from(built.target.keys());
    const [a, b] = [cpu.readSlots(slots), await gpu.readSlots(slots)];
    expect(Array.from(b.pre)).toEqual(Array.from(a.pre));
    expect(Array.from(b.post)).toEqual(Array.from(a.post));
    expect(maxRelativeError(b.weight, a.weight, 1e-3)).toBeLessThan(1e-6);
    // The sample holds slots grown since the build and slots pruned since.
    expect(slots.filter((s) => built.target[s] === EMPTY_SLOT && b.post[s] !== EMPTY_SLOT).length).toBeGreaterThan(5);
    expect(slots.filter((s) => built.target[s] !== EMPTY_SLOT && b.post[s] === EMPTY_SLOT).length).toBeGreaterThan(5);
    gpu.destroy();
  });
});
