import { describe, expect, it } from 'vitest';
import { buildConnectome } from '@/sim';
import { genome, lif } from './fixtures';

describe('layout positions', () => {
  it('places a 3x2 grid row-major: neuron 4 is column 1, row 1 -> (0.5, 1)', () => {
    const c = buildConnectome(genome({ populations: [{ name: 'G', size: 6, neuron: lif, sign: 'excitatory', layout: { kind: 'grid', width: 3, height: 2 } }] }));
    expect(Array.from(c.position)).toEqual([0, 0, 0.5, 0, 1, 0, 0, 1, 0.5, 1, 1, 1]);
  });

  it('centres a single grid column at x = 0.5 and spreads its 3 rows over y = 0, 0.5, 1', () => {
    const c = buildConnectome(genome({ populations: [{ name: 'G', size: 3, neuron: lif, sign: 'excitatory', layout: { kind: 'grid', width: 1, height: 3 } }] }));
    expect(Array.from(c.position)).toEqual([0.5, 0, 0.5, 0.5, 0.5, 1]);
  });

  it('spreads a line of 5 over x = i / 4 at y = 0.5, pool included, and centres a lone neuron at (0.5, 0.5)', () => {
    const c = buildConnectome(
      genome({
        populations: [
          { name: 'L', size: 3, capacity: 5, neuron: lif, sign: 'excitatory' },
          { name: 'One', size: 1, neuron: lif, sign: 'excitatory' },
        ],
      }),
    );
    expect(Array.from(c.position)).toEqual([0, 0.5, 0.25, 0.5, 0.5, 0.5, 0.75, 0.5, 1, 0.5, 0.5, 0.5]);
  });
});
