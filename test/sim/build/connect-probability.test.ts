import { describe, expect, it } from 'vitest';
import { buildConnectome, philox4x32, Stream, toUniformOpenZero } from '@/sim';
import { genome, lif, rowTargets, synapses } from './fixtures';

const constantWeight = { kind: 'constant', value: 1 } as const;

function recurrent(n: number, p: number, autapses = false, seed = 7) {
  return genome({
    seed,
    populations: [{ name: 'A', size: n, neuron: lif, sign: 'excitatory' }],
    projections: [{ source: 'A', target: 'A', connectivity: { kind: 'probability', p }, autapses, weight: constantWeight }],
  });
}

describe('probability connectivity', () => {
  it('gives a mean out-degree of (n - 1) p = 19.95 for n = 400, p = 0.05, within 5 standard errors, and no autapses', () => {
    const c = buildConnectome(recurrent(400, 0.05));
    const all = synapses(c, 0);
    // Standard error of the mean out-degree: sqrt((n - 1) p (1 - p) / n) = 0.218.
    expect(Math.abs(all.length / 400 - 19.95)).toBeLessThan(5 * 0.218);
    expect(all.filter((x) => x.source === x.target)).toEqual([]);
  });

  it('keeps autapses when asked: mean out-degree n p = 20 and about n p = 20 self-synapses (sd 4.4)', () => {
    const all = synapses(buildConnectome(recurrent(400, 0.05, true)), 0);
    expect(Math.abs(all.length / 400 - 20)).toBeLessThan(5 * 0.218);
    const self = all.filter((x) => x.source === x.target).length;
    expect(Math.abs(self - 20)).toBeLessThan(5 * Math.sqrt(400 * 0.05 * 0.95));
  });

  it('leaves out pairs of equal index between partner populations with skip_same_index (Brian2 i != j): 5 x 4 = 20 synapses at p = 1', () => {
    const c = buildConnectome(
      genome({
        populations: [
          { name: 'A', size: 5, neuron: lif, sign: 'inhibitory' },
          { name: 'B', size: 5, neuron: lif, sign: 'excitatory' },
        ],
        projections: [{ source: 'A', target: 'B', connectivity: { kind: 'probability', p: 1 }, skip_same_index: true, weight: constantWeight }],
      }),
    );
    const all = synapses(c, 0);
    expect(all.length).toBe(20);
    expect(all.filter((s) => s.target === s.source)).toEqual([]);
  });

  it('favours no target: each of 50 targets gets 2000 x 0.3 = 600 sources within 5 sd (20.5), first and last included', () => {
    const c = buildConnectome(
      genome({
        populations: [
          { name: 'S', size: 2000, neuron: { model: 'spike_source' }, sign: 'excitatory' },
          { name: 'T', size: 50, neuron: lif, sign: 'excitatory' },
        ],
        projections: [{ source: 'S', target: 'T', connectivity: { kind: 'probability', p: 0.3 }, weight: constantWeight }],
      }),
    );
    const inDegree = new Array<number>(50).fill(0);
    for (const x of synapses(c, 0)) inDegree[x.target]++;
    const sd = Math.sqrt(2000 * 0.3 * 0.7);
    expect(inDegree.filter((k) => Math.abs(k - 600) >= 5 * sd)).toEqual([]);
  });

  it('connects every other alive neuron at p = 1 (9 of 10) and none at p = 0', () => {
    const full = buildConnectome(recurrent(10, 1));
    expect(rowTargets(full, 0, 3)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect(synapses(full, 0).length).toBe(90);
    expect(synapses(buildConnectome(recurrent(10, 0)), 0).length).toBe(0);
  });

  it('ends each row at p = 1e-20, where ln(1 - p) rounds to 0 (expects 1.6e-15 synapses, gets 0)', () => {
    expect(synapses(buildConnectome(recurrent(400, 1e-20)), 0).length).toBe(0);
  });

  it('follows the documented draws: gaps floor(ln u / ln(1 - p)) from counter (projection, source, call, 0), 4 words a call', () => {
    const p = 0.05;
    const c = buildConnectome(recurrent(400, p, true, 1234));
    const words = new Uint32Array(4);
    const expected: number[] = [];
    for (let call = 0, t = -1; t < 400; call++) {
      philox4x32(0, 3, call, 0, 1234, Stream.connect, words);
      for (let w = 0; w < 4 && t < 400; w++) {
        t += 1 + Math.floor(Math.log(toUniformOpenZero(words[w])) / Math.log(1 - p));
        if (t < 400) expected.push(t);
      }
    }
    expect(rowTargets(c, 0, 3)).toEqual(expected);
  });

  it('names the row that overflows: source row 0 of A needs 10 slots, the capacity is 5', () => {
    const g = genome({
      populations: [
        { name: 'A', size: 10, neuron: lif, sign: 'excitatory' },
        { name: 'B', size: 10, neuron: lif, sign: 'excitatory' },
      ],
      projections: [{ source: 'A', target: 'B', connectivity: { kind: 'probability', p: 1 }, weight: constantWeight, row_capacity: 5 }],
    });
    expect(() => buildConnectome(g)).toThrow('projections[0].row_capacity: source row 0 (A[0]) needs 10 slots but the row capacity is 5; raise row_capacity');
  });
});
