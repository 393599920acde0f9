import { describe, expect, it } from 'vitest';
import { buildConnectome, philox4x32, Stream, toUniform } from '@/sim';
import { genome, lif } from './fixtures';

describe('initial membrane potential', () => {
  it('starts LIF at v_rest (-70 mV here), Izhikevich at -65 mV and spike sources at 0 without init_v_mV', () => {
    const c = buildConnectome(
      genome({
        populations: [
          { name: 'L', size: 2, neuron: { model: 'lif', v_rest_mV: -70 }, sign: 'excitatory' },
          { name: 'Z', size: 2, neuron: { model: 'izhikevich' }, sign: 'excitatory' },
          { name: 'S', size: 2, neuron: { model: 'spike_source' }, sign: 'excitatory' },
        ],
      }),
    );
    expect(Array.from(c.initialV)).toEqual([-70, -70, -65, -65, 0, 0]);
  });

  it('draws uniform -65..-50 mV from key (seed, Stream.init), counter (population 1, neuron, 0, 0), pool included', () => {
    const g = genome({
      seed: 99,
      populations: [
        { name: 'A', size: 1, neuron: lif, sign: 'excitatory' },
        { name: 'B', size: 50, capacity: 60, neuron: lif, sign: 'excitatory', init_v_mV: { kind: 'uniform', min: -65, max: -50 } },
      ],
    });
    const c = buildConnectome(g);
    const words = new Uint32Array(4);
    const expected = Array.from({ length: 60 }, (_, i) => Math.fround(-65 + 15 * toUniform(philox4x32(1, i, 0, 0, 99, Stream.init, words)[0])));
    expect(Array.from(c.initialV.subarray(1))).toEqual(expected);
    expect(expected.every((v) => v >= -65 && v < -50)).toBe(true);
  });

  it('clips a normal init (mean -60, sd 10) to [-62, -58]: about 84% of 2,000 draws sit on a bound (P(|Z| > 0.2) = 0.8415)', () => {
    const c = buildConnectome(
      genome({ populations: [{ name: 'A', size: 2000, neuron: lif, sign: 'excitatory', init_v_mV: { kind: 'normal', mean: -60, sd: 10, min: -62, max: -58 } }] }),
    );
    const v = Array.from(c.initialV);
    expect(v.every((x) => x >= -62 && x <= -58)).toBe(true);
    const onBound = v.filter((x) => x === -62 || x === -58).length / v.length;
    // Standard error sqrt(0.8415 x 0.1585 / 2000) = 0.0082; allow 5 of them.
    expect(Math.abs(onBound - 0.8415)).toBeLessThan(0.041);
  });
});
