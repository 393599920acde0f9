import { describe, expect, it } from 'vitest';
import { cubaGenome, GENOME_FORMAT, GENOME_VERSION, parseGenome } from '@/model';
import { buildConnectome, EMPTY_SLOT } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { learningConstants } from '@/sim/cpu/learning-params';
import { addReverseEntry, removeReverseEntry } from '@/sim/cpu/reverse-index';

/** in (50 sources) -> E (40, capacity 48) plastic at p = 0.2; E -> E static at p = 0.1; E -> E plastic again, fixed in-degree 5. */
function network() {
  return buildConnectome(
    parseGenome({
      format: GENOME_FORMAT,
      version: GENOME_VERSION,
      seed: 5,
      populations: [
        { name: 'in', size: 50, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 20 } },
        { name: 'E', size: 40, capacity: 48, sign: 'excitatory', neuron: { model: 'lif' } },
      ],
      projections: [
        { source: 'in', target: 'E', connectivity: { kind: 'probability', p: 0.2 }, weight: { kind: 'constant', value: 0.5 }, plasticity: { rule: 'diehl_cook' } },
        { name: 'static', source: 'E', target: 'E', connectivity: { kind: 'probability', p: 0.1 }, weight: { kind: 'constant', value: 0.5 } },
        { name: 'recurrent', source: 'E', target: 'E', connectivity: { kind: 'fixed_indegree', k: 5 }, weight: { kind: 'constant', value: 0.5 }, plasticity: { rule: 'stdp' } },
      ],
    }),
  );
}

describe('reverse index', () => {
  it('lists every non-empty slot of each plastic projection exactly once, in its target\'s column, in ascending slot order', () => {
    const connectome = network();
    const { columns } = learningConstants(connectome).reverse;
    const { reverseSlot, reverseCount } = new CpuEngine(connectome).state;
    const { target } = connectome.synapses;
    for (const p of connectome.projections) {
      const c = columns[p.index];
      if (p.name === 'static') {
        expect(c).toBeUndefined();
        continue;
      }
      const sources = connectome.populations[p.source].capacity;
      const expected = new Map<number, number[]>();
      for (let s = p.slotStart; s < p.slotStart + sources * p.rowCapacity; s++) if (target[s] !== EMPTY_SLOT) expected.set(target[s], [...(expected.get(target[s]) ?? []), s]);
      expect(c!.columnCount).toBe(48);
      for (let j = 0; j < 48; j++) {
        const count = reverseCount[c!.countStart + j];
        expect(count).toBeLessThanOrEqual(c!.columnCapacity);
        const first = c!.columnStart + j * c!.columnCapacity;
        expect(Array.from(reverseSlot.subarray(first, first + count))).toEqual(expected.get(c!.targetStart + j) ?? []);
      }
    }
  });

  // fixed_indegree k = 5: every alive target has 5 entries, the 8 unborn none.
  it('counts each target\'s in-degree: 5 for the 40 alive targets of a fixed in-degree 5 projection, 0 for the 8 unborn', () => {
    const connectome = network();
    const c = learningConstants(connectome).reverse.columns[2]!;
    const { reverseCount } = new CpuEngine(connectome).state;
    const counts = Array.from(reverseCount.subarray(c.countStart, c.countStart + 48));
    expect(counts).toEqual([...new Array(40).fill(5), ...new Array(8).fill(0)]);
  });

  // Slots if every row were full (50 x rowCapacity) spread over 48 targets, plus 6 sd, at most one per source (50).
  it('pads each column to the full-row in-degree plus six standard deviations, capped at one entry per source (50)', () => {
    const connectome = network();
    const p = connectome.projections[0];
    const c = learningConstants(connectome).reverse.columns[0]!;
    const full = (50 * p.rowCapacity) / 48;
    expect(c.columnCapacity).toBe(Math.min(50, Math.ceil(full + 6 * Math.sqrt(full * (1 - full / 50)) + 2)));
  });

  it('is empty, as is eligibility, for a network without plasticity (CUBA, N = 1,000)', () => {
    const { state } = new CpuEngine(buildConnectome(parseGenome(cubaGenome(1000, 1))));
    expect([state.reverseSlot.length, state.reverseCount.length, state.eligibility.length]).toEqual([0, 0, 0]);
  });
});

describe('reverse index edits', () => {
  const column = { targetStart: 0, columnCount: 2, columnCapacity: 3, columnStart: 0, countStart: 0 };

  it('adds at the end of a column and refuses a fourth entry in a column of 3, writing nothing', () => {
    const index = { reverseSlot: new Uint32Array(6), reverseCount: new Uint32Array(2) };
    expect([10, 11, 12, 13].map((slot) => addReverseEntry(index, column, 1, slot))).toEqual([true, true, true, false]);
    expect(Array.from(index.reverseSlot)).toEqual([0, 0, 0, 10, 11, 12]);
    expect(Array.from(index.reverseCount)).toEqual([0, 3]);
  });

  it('removes an entry by moving the column\'s last one into its place: [10, 11, 12] without 10 is [12, 11]', () => {
    const index = { reverseSlot: Uint32Array.of(10, 11, 12, 0, 0, 0), reverseCount: Uint32Array.of(3, 0) };
    expect(removeReverseEntry(index, column, 0, 10)).toBe(true);
    expect(Array.from(index.reverseSlot.subarray(0, 3))).toEqual([12, 11, 0]);
    expect(index.reverseCount[0]).toBe(2);
    expect(removeReverseEntry(index, column, 0, 10)).toBe(false);
  });
});
