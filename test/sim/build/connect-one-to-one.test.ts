import { describe, expect, it } from 'vitest';
import { buildConnectome } from '@/sim';
import { genome, lif, synapses } from './fixtures';

const constantWeight = { kind: 'constant', value: 1 } as const;

describe('one-to-one connectivity', () => {
  it('connects i -> i where both are alive: 5 synapses from A (5 of 8) to B (6 of 8)', () => {
    const c = buildConnectome(
      genome({
        populations: [
          { name: 'A', size: 5, capacity: 8, neuron: lif, sign: 'excitatory' },
          { name: 'B', size: 6, capacity: 8, neuron: lif, sign: 'excitatory' },
        ],
        projections: [{ source: 'A', target: 'B', connectivity: { kind: 'one_to_one' }, weight: constantWeight }],
      }),
    );
    expect(synapses(c, 0).map((x) => [x.source, x.target])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
  });

  it('onto its own population makes only autapses: none without autapses, 4 with them', () => {
    const build = (autapses: boolean) =>
      buildConnectome(
        genome({
          populations: [{ name: 'A', size: 4, neuron: lif, sign: 'excitatory' }],
          projections: [{ source: 'A', target: 'A', connectivity: { kind: 'one_to_one' }, autapses, weight: constantWeight }],
        }),
      );
    expect(synapses(build(false), 0)).toEqual([]);
    expect(synapses(build(true), 0).map((x) => [x.source, x.target])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
  });
});
