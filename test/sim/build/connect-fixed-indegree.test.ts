import { describe, expect, it } from 'vitest';
import { buildConnectome } from '@/sim';
import { genome, lif, synapses } from './fixtures';

const constantWeight = { kind: 'constant', value: 1 } as const;

/** Sources of each target, sorted. */
function sourcesByTarget(all: { source: number; target: number }[], n: number): number[][] {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const x of all) lists[x.target].push(x.source);
  return lists.map((l) => l.sort((a, b) => a - b));
}

describe('fixed in-degree connectivity', () => {
  it('gives every alive target of A (30 of 40) exactly k = 7 distinct alive sources, never itself; the 10 unborn get none', () => {
    const c = buildConnectome(
      genome({
        populations: [{ name: 'A', size: 30, capacity: 40, neuron: lif, sign: 'excitatory' }],
        projections: [{ source: 'A', target: 'A', connectivity: { kind: 'fixed_indegree', k: 7 }, weight: constantWeight }],
      }),
    );
    const lists = sourcesByTarget(synapses(c, 0), 40);
    for (let t = 0; t < 30; t++) {
      expect(lists[t].length).toBe(7);
      expect(new Set(lists[t]).size).toBe(7);
      expect(lists[t].every((s) => s < 30 && s !== t)).toBe(true);
    }
    expect(lists.slice(30).every((l) => l.length === 0)).toBe(true);
  });

  it('picks sources uniformly: 2000 targets x k = 5 of 20 sources gives each source 500 synapses within 5 sd (19.4)', () => {
    const c = buildConnectome(
      genome({
        populations: [
          { name: 'S', size: 20, neuron: { model: 'spike_source' }, sign: 'excitatory' },
          { name: 'T', size: 2000, neuron: lif, sign: 'excitatory' },
        ],
        projections: [{ source: 'S', target: 'T', connectivity: { kind: 'fixed_indegree', k: 5 }, weight: constantWeight, row_capacity: 700 }],
      }),
    );
    const outDegree = new Array<number>(20).fill(0);
    for (const x of synapses(c, 0)) outDegree[x.source]++;
    const sd = Math.sqrt(2000 * 0.25 * 0.75);
    expect(outDegree.filter((k) => Math.abs(k - 500) >= 5 * sd)).toEqual([]);
  });

  it('with autapses and k = n = 6, connects every pair including i -> i (36 synapses)', () => {
    const c = buildConnectome(
      genome({
        populations: [{ name: 'A', size: 6, neuron: lif, sign: 'excitatory' }],
        projections: [{ source: 'A', target: 'A', connectivity: { kind: 'fixed_indegree', k: 6 }, autapses: true, weight: constantWeight }],
      }),
    );
    expect(sourcesByTarget(synapses(c, 0), 6)).toEqual(Array.from({ length: 6 }, () => [0, 1, 2, 3, 4, 5]));
  });

  it('refuses k = 8 when only 4 other sources are alive (size 5 of capacity 10)', () => {
    const g = genome({
      populations: [{ name: 'A', size: 5, capacity: 10, neuron: lif, sign: 'excitatory' }],
      projections: [{ source: 'A', target: 'A', connectivity: { kind: 'fixed_indegree', k: 8 }, weight: constantWeight }],
    });
    expect(() => buildConnectome(g)).toThrow('projections[0].connectivity.k: 8 exceeds the 4 alive sources');
  });

  it('names an overflowing row: 400 targets x k = 1 of 20 sources is 20 +- 4.4 a row; some row of 20 passes 21 (P(none) ~ 0.646^20 = 2e-4)', () => {
    const g = genome({
      populations: [
        { name: 'A', size: 20, neuron: lif, sign: 'excitatory' },
        { name: 'B', size: 400, neuron: lif, sign: 'excitatory' },
      ],
      projections: [{ source: 'A', target: 'B', connectivity: { kind: 'fixed_indegree', k: 1 }, weight: constantWeight, row_capacity: 21 }],
    });
    expect(() => buildConnectome(g)).toThrow(/^projections\[0\]\.row_capacity: source row (\d+) \(A\[\1\]\) needs \d\d slots but the row capacity is 21; raise row_capacity$/);
  });

  it('refuses up front when targets x k exceed all rows: 100 x 2 = 200 synapses, 5 rows x 10 slots = 50', () => {
    const g = genome({
      populations: [
        { name: 'A', size: 5, neuron: lif, sign: 'excitatory' },
        { name: 'B', size: 100, neuron: lif, sign: 'excitatory' },
      ],
      projections: [{ source: 'A', target: 'B', connectivity: { kind: 'fixed_indegree', k: 2 }, weight: constantWeight, row_capacity: 10 }],
    });
    expect(() => buildConnectome(g)).toThrow('projections[0].row_capacity: 100 targets x k = 2 make 200 synapses but 5 source rows of 10 slots hold 50; raise row_capacity');
  });
});
