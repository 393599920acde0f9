import { describe, expect, it } from 'vitest';
import { buildConnectome, type Connectome } from '@/sim';
import { genome, lif, synapses } from './fixtures';

const constantWeight = { kind: 'constant', value: 1 } as const;

function grids(side: number, radius: number, p: number) {
  return genome({
    populations: [
      { name: 'S', size: side * side, neuron: { model: 'spike_source' }, sign: 'excitatory', layout: { kind: 'grid', width: side, height: side } },
      { name: 'T', size: side * side, neuron: lif, sign: 'excitatory', layout: { kind: 'grid', width: side, height: side } },
    ],
    projections: [{ source: 'S', target: 'T', connectivity: { kind: 'topographic', radius, p }, weight: constantWeight, row_capacity: 100 }],
  });
}

/** Every (source, target) pair within `radius` on the stored positions, as "s->t". */
function inRadius(c: Connectome, radius: number): Set<string> {
  const [s, t] = c.populations;
  const pairs = new Set<string>();
  for (let i = 0; i < s.size; i++)
    for (let j = 0; j < t.size; j++) {
      const dx = c.position[2 * (t.start + j)] - c.position[2 * (s.start + i)];
      const dy = c.position[2 * (t.start + j) + 1] - c.position[2 * (s.start + i) + 1];
      if (dx * dx + dy * dy <= radius * radius) pairs.add(`${i}->${j}`);
    }
  return pairs;
}

describe('topographic connectivity', () => {
  it('at p = 1 connects exactly the pairs within radius 0.25 (inclusive) on a 5x5 grid: corner 0 reaches 0, 1 and 5', () => {
    const c = buildConnectome(grids(5, 0.25, 1));
    const made = synapses(c, 0).map((x) => `${x.source}->${x.target}`);
    // 25 own positions + 2 x 40 neighbour pairs at exactly 0.25 = 105.
    expect(made.length).toBe(105);
    expect(new Set(made)).toEqual(inRadius(c, 0.25));
    expect(made.filter((x) => x.startsWith('0->'))).toEqual(['0->0', '0->1', '0->5']);
  });

  it('skips i -> i onto its own population without autapses: 5x5 at radius 0.25 keeps the 80 neighbour pairs', () => {
    const c = buildConnectome(
      genome({
        populations: [{ name: 'A', size: 25, neuron: lif, sign: 'excitatory', layout: { kind: 'grid', width: 5, height: 5 } }],
        projections: [{ source: 'A', target: 'A', connectivity: { kind: 'topographic', radius: 0.25 }, weight: constantWeight }],
      }),
    );
    const made = synapses(c, 0);
    expect(made.length).toBe(80);
    expect(made.filter((x) => x.source === x.target)).toEqual([]);
  });

  it('at p = 0.4 keeps 40% of the in-radius pairs of a 20x20 grid (radius 0.12) within 5 standard errors, none outside', () => {
    const c = buildConnectome(grids(20, 0.12, 0.4));
    const pairs = inRadius(c, 0.12);
    const made = synapses(c, 0).map((x) => `${x.source}->${x.target}`);
    expect(made.every((x) => pairs.has(x))).toBe(true);
    const se = Math.sqrt((0.4 * 0.6) / pairs.size);
    expect(Math.abs(made.length / pairs.size - 0.4)).toBeLessThan(5 * se);
  });
});
