/**
 * Engine.readSlots on the CPU engine (src/sim/cpu/slot-sample.ts): each
 * slot's pre neuron from the layout, its post neuron (EMPTY_SLOT when free)
 * and weight from the live rows, so pruning and growth show at once.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_SLOT } from '@/sim/connectome';
import { CpuEngine } from '@/sim/cpu';
import { twoWays } from './incoming-network';
import { livingNetwork } from './living-network';
import { pruningConnectome, PULL } from './pruning-network';

const f32 = Math.fround;

describe('readSlots on the CPU engine', () => {
  it('reads slot 1 (a0 -> E0 0.2), free slot 3 (row a1), slot 7 (a3 -> E2 0.5) and slot 9 (b0 -> E0 0.2 of the second projection)', () => {
    const sample = new CpuEngine(twoWays()).readSlots(Uint32Array.of(1, 3, 7, 9));
    expect(Array.from(sample.pre)).toEqual([0, 1, 3, 4]);
    expect(Array.from(sample.post)).toEqual([8, EMPTY_SLOT, 10, 8]);
    expect(Array.from(sample.weight)).toEqual([0.2, 0, 0.5, 0.2].map(f32));
  });

  // The pruning network's rows: slot 0 (in0 -> E0, 0.05) and slot 4 (in1 -> E3, 0.08) fall below 0.1 at the first pull, after step 99.
  it('reads a pruned slot as EMPTY_SLOT with weight 0 from the step it is pruned: slots 0 and 4 after step 99, slot 1 (0.5) kept at 0.48', () => {
    const engine = new CpuEngine(pruningConnectome({ period_ms: 10, decay_per_s: 2, prune_below: 0.1 }));
    const slots = Uint32Array.of(0, 4, 1);
    engine.step(99);
    expect(Array.from(engine.readSlots(slots).post)).toEqual([3, 6, 4]);
    engine.step(1);
    const after = engine.readSlots(slots);
    expect(Array.from(after.pre)).toEqual([0, 1, 0]);
    expect(Array.from(after.post)).toEqual([EMPTY_SLOT, EMPTY_SLOT, 4]);
    expect(Array.from(after.weight)).toEqual([0, 0, f32(f32(0.5) - PULL)]);
  });

  it('reads every slot of a living network after 1,500 steps as its rows hold it, grown and pruned slots included', () => {
    const connectome = livingNetwork(3);
    const engine = new CpuEngine(connectome);
    engine.pulseModulator('aversion', 5);
    engine.step(1500);
    const all = Uint32Array.from(connectome.synapses.target.keys());
    const sample = engine.readSlots(all);
    const { target, weight } = engine.state.synapses;
    const built = connectome.synapses.target;
    // Slots that changed hands: empty when built and in use now (grown), and the reverse (pruned).
    expect(all.filter((s) => built[s] === EMPTY_SLOT && target[s] !== EMPTY_SLOT).length).toBeGreaterThan(5);
    expect(all.filter((s) => built[s] !== EMPTY_SLOT && target[s] === EMPTY_SLOT).length).toBeGreaterThan(5);
    expect(Array.from(sample.post)).toEqual(Array.from(target));
    expect(Array.from(sample.weight)).toEqual(Array.from(weight));
    // Row r of a projection belongs to its source population's neuron r.
    const pre = connectome.projections.flatMap((p) => {
      const source = connectome.populations[p.source];
      return Array.from({ length: source.capacity * p.rowCapacity }, (_, k) => source.start + Math.floor(k / p.rowCapacity));
    });
    expect(Array.from(sample.pre)).toEqual(pre);
  });

  it('refuses, naming the slot and the count, a slot out of range', () => {
    expect(() => new CpuEngine(twoWays()).readSlots(Uint32Array.of(15, 16))).toThrow('readSlots: slot 16 (slots[1]) is out of range: the network has 16 synapse slots (0..15)');
  });
});
