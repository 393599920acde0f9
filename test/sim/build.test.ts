import { describe, expect, it } from 'vitest';
import { GenomeError } from '@/model';
import { buildConnectome, Channel, EMPTY_SLOT, type Connectome } from '@/sim';
import { genome, lif, rowTargets } from './build/fixtures';

/** A genome that uses every connectivity rule and every kind of distribution. */
function mixed(seed: number) {
  return genome({
    seed,
    populations: [
      { name: 'retina', size: 36, neuron: { model: 'spike_source' }, sign: 'excitatory', role: 'sensor', layout: { kind: 'grid', width: 6, height: 6 } },
      { name: 'E', size: 80, capacity: 100, neuron: lif, sign: 'excitatory', init_v_mV: { kind: 'uniform', min: -65, max: -50 } },
      { name: 'I', size: 20, neuron: { model: 'izhikevich', preset: 'fast_spiking' }, sign: 'inhibitory', init_v_mV: { kind: 'normal', mean: -65, sd: 3, min: -70 } },
    ],
    projections: [
      { source: 'retina', target: 'E', connectivity: { kind: 'topographic', radius: 0.4, p: 0.5 }, weight: { kind: 'uniform', min: 0.5, max: 1.5 } },
      { source: 'E', target: 'E', connectivity: { kind: 'probability', p: 0.1 }, weight: { kind: 'normal', mean: 0.5, sd: 0.2, min: 0 }, delay_ms: { kind: 'uniform', min: 1, max: 3 } },
      { source: 'E', target: 'I', connectivity: { kind: 'fixed_indegree', k: 10 }, weight: { kind: 'constant', value: 0.5 }, synapse: 'conductance' },
      { source: 'I', target: 'E', connectivity: { kind: 'probability', p: 0.3 }, weight: { kind: 'constant', value: 2 } },
      { source: 'I', target: 'I', connectivity: { kind: 'one_to_one' }, autapses: true, weight: { kind: 'constant', value: 1 }, synapse: 'conductance' },
    ],
  });
}

const arrays = (c: Connectome) => [c.populationOf, c.alive, c.position, c.initialV, c.synapses.target, c.synapses.weight, c.synapses.delaySteps, c.synapses.rowEnd];
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('buildConnectome', () => {
  it('grows byte-identical arrays from the same genome and seed (all 8 arrays equal)', () => {
    const a = arrays(buildConnectome(mixed(11)));
    const b = arrays(buildConnectome(mixed(11)));
    expect(a.map((x, i) => bytes(x).equals(bytes(b[i])))).toEqual([true, true, true, true, true, true, true, true]);
  });

  it('grows a different network from a different seed (targets, weights and initial V all differ)', () => {
    const a = buildConnectome(mixed(11));
    const b = buildConnectome(mixed(12));
    expect(bytes(a.synapses.target).equals(bytes(b.synapses.target))).toBe(false);
    expect(bytes(a.synapses.weight).equals(bytes(b.synapses.weight))).toBe(false);
    expect(bytes(a.initialV).equals(bytes(b.initialV))).toBe(false);
  });

  it('numbers neurons population by population: 36 + 100 + 20 = 156 with the E pool at 116..135', () => {
    const c = buildConnectome(mixed(1));
    expect(c.neuronCount).toBe(156);
    expect(c.populations.map((p) => [p.name, p.start, p.size, p.capacity, p.kind])).toEqual([
      ['retina', 0, 36, 36, 'spike_source'],
      ['E', 36, 80, 100, 'lif'],
      ['I', 136, 20, 20, 'izhikevich'],
    ]);
    expect([c.populationOf[35], c.populationOf[36], c.populationOf[135], c.populationOf[136]]).toEqual([0, 1, 1, 2]);
    expect([c.alive[115], c.alive[116], c.alive[135], c.alive[136]]).toEqual([1, 0, 0, 1]);
    expect(c.alive.reduce((n, x) => n + x, 0)).toBe(136);
  });

  it('lays out rows per projection in genome order: slotStart and rowStart accumulate source capacity x row capacity', () => {
    const c = buildConnectome(mixed(1));
    let slot = 0;
    let row = 0;
    for (const p of c.projections) {
      expect([p.slotStart, p.rowStart]).toEqual([slot, row]);
      slot += c.populations[p.source].capacity * p.rowCapacity;
      row += c.populations[p.source].capacity;
    }
    expect([c.synapses.target.length, c.synapses.rowEnd.length]).toEqual([slot, row]);
  });

  it('picks the channel from the source sign and the synapse kind', () => {
    const c = buildConnectome(mixed(1));
    expect(c.projections.map((p) => p.channel)).toEqual([Channel.excCurrent, Channel.excCurrent, Channel.excConductance, Channel.inhCurrent, Channel.inhConductance]);
  });

  it('packs rows from slot 0 in strictly ascending target order and leaves the rest empty (EMPTY_SLOT, weight 0, delay 0)', () => {
    const c = buildConnectome(mixed(3));
    const { target, weight, delaySteps } = c.synapses;
    for (const p of c.projections) {
      for (let s = 0; s < c.populations[p.source].capacity; s++) {
        const row = rowTargets(c, p.index, s);
        expect(row.every((t, i) => i === 0 || t > row[i - 1])).toBe(true);
        const base = p.slotStart + s * p.rowCapacity;
        for (let k = row.length; k < p.rowCapacity; k++) expect([target[base + k], weight[base + k], delaySteps[base + k]]).toEqual([EMPTY_SLOT, 0, 0]);
      }
    }
  });

  it('gives unborn neurons (E 80..99) no synapses, in or out', () => {
    const c = buildConnectome(mixed(5));
    const unborn = (g: number) => g >= 116 && g < 136;
    const e = c.populations[1];
    for (const p of c.projections) {
      if (p.source === e.index) for (let s = e.size; s < e.capacity; s++) expect(c.synapses.rowEnd[p.rowStart + s]).toBe(0);
    }
    expect(c.synapses.target.some((t) => t !== EMPTY_SLOT && unborn(t))).toBe(false);
  });

  it('sets the ring to the longest delay plus one: uniform 1..3 ms at dt 0.1 ms reaches 30 steps, ring 31', () => {
    const c = buildConnectome(mixed(1));
    expect(Math.max(...c.synapses.delaySteps)).toBe(30);
    expect(c.ringLength).toBe(31);
  });

  it('keeps a ring of 2 when nothing connects (the minimum)', () => {
    const c = buildConnectome(genome({ populations: [{ name: 'A', size: 3, neuron: lif, sign: 'excitatory' }] }));
    expect(c.ringLength).toBe(2);
  });

  it('refuses 1,500,000 neurons and 150,000,000 slots over a 100,000 / 1,000,000 budget before growing anything (< 200 ms)', () => {
    const big = genome({
      populations: [{ name: 'A', size: 1_500_000, neuron: lif, sign: 'excitatory' }],
      projections: [{ source: 'A', target: 'A', connectivity: { kind: 'probability', p: 0.00005 }, weight: { kind: 'constant', value: 1 }, row_capacity: 100 }],
    });
    const t0 = performance.now();
    let error: unknown;
    try {
      buildConnectome(big, { maxNeurons: 100_000, maxSynapseSlots: 1_000_000 });
    } catch (e) {
      error = e;
    }
    expect(performance.now() - t0).toBeLessThan(200);
    expect(error).toBeInstanceOf(GenomeError);
    expect((error as GenomeError).errors).toEqual([
      { path: 'populations', message: '1,500,000 neurons in all exceed the build budget of 100,000' },
      { path: 'projections', message: '150,000,000 synapse slots in all exceed the build budget of 1,000,000' },
    ]);
  });

  it('caps a budget above LIMITS at LIMITS.maxNeurons = 2,000,000', () => {
    const big = genome({ populations: [{ name: 'A', size: 1_500_000, neuron: lif, sign: 'excitatory' }] });
    expect(buildConnectome(big, { maxNeurons: 5_000_000 }).neuronCount).toBe(1_500_000);
    // A genome that skipped validation: the builder still holds it to LIMITS.
    const tooBig = { ...big, populations: [{ ...big.populations[0], size: 2_500_000 }] };
    expect(() => buildConnectome(tooBig, { maxNeurons: 5_000_000 })).toThrow('populations: 2,500,000 neurons in all exceed the limit of 2,000,000');
  });
});
