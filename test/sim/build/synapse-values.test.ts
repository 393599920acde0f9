import { describe, expect, it } from 'vitest';
import type { Distribution } from '@/model';
import { buildConnectome, philox4x32, Stream, toUniform } from '@/sim';
import { genome, lif, synapses } from './fixtures';

/** 400 -> 400 one-to-one synapses (source i, target i) with the given weight and delay, dt 0.1 ms. */
function pairs(weight: Distribution, delay_ms: Distribution = { kind: 'constant', value: 1 }, seed = 7) {
  const c = buildConnectome(
    genome({
      seed,
      populations: [
        { name: 'A', size: 400, neuron: lif, sign: 'excitatory' },
        { name: 'B', size: 400, neuron: lif, sign: 'excitatory' },
      ],
      projections: [{ source: 'A', target: 'B', connectivity: { kind: 'one_to_one' }, weight, delay_ms }],
    }),
  );
  const slots = synapses(c, 0).map((x) => x.slot);
  return { c, weights: slots.map((s) => c.synapses.weight[s]), delays: slots.map((s) => c.synapses.delaySteps[s]) };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('synaptic delays', () => {
  it('rounds to whole steps of 0.1 ms: 0.26 ms -> 3, 0.14 ms -> 1, and 0.04 ms or 0 ms -> the one-step minimum', () => {
    const steps = [0.26, 0.14, 0.04, 0].map((ms) => pairs({ kind: 'constant', value: 1 }, { kind: 'constant', value: ms }).delays[0]);
    expect(steps).toEqual([3, 1, 1, 1]);
  });

  it('draws uniform 0.1..0.5 ms as 1..5 steps: the end steps get half a step of range (1/8 each), steps 2..4 a whole one (1/4), within 5 se', () => {
    const { delays } = pairs({ kind: 'constant', value: 1 }, { kind: 'uniform', min: 0.1, max: 0.5 });
    const share = (k: number) => delays.filter((d) => d === k).length / delays.length;
    const expected = [0.125, 0.25, 0.25, 0.25, 0.125];
    expected.forEach((q, i) => expect(Math.abs(share(i + 1) - q)).toBeLessThan(5 * Math.sqrt((q * (1 - q)) / 400)));
  });
});

describe('synaptic weights', () => {
  it('stores a constant weight and delay in every used slot (1.62 mV, 1 ms = 10 steps)', () => {
    const { weights, delays } = pairs({ kind: 'constant', value: 1.62 });
    expect(new Set(weights)).toEqual(new Set([Math.fround(1.62)]));
    expect(new Set(delays)).toEqual(new Set([10]));
  });

  it('keeps uniform 0.5..1.5 weights in bounds with mean 1 within 5 standard errors (se = 1 / sqrt(12 x 400) = 0.0144)', () => {
    const { weights } = pairs({ kind: 'uniform', min: 0.5, max: 1.5 });
    expect(weights.every((w) => w >= 0.5 && w <= 1.5)).toBe(true);
    expect(Math.abs(mean(weights) - 1)).toBeLessThan(5 * 0.0144);
  });

  it('clips normal(1, 1) weights to [0, 1.5]: P(Z < -1) = 0.159 sit at 0 and P(Z > 0.5) = 0.309 at 1.5 (5 se)', () => {
    const { weights } = pairs({ kind: 'normal', mean: 1, sd: 1, min: 0, max: 1.5 });
    expect(weights.every((w) => w >= 0 && w <= 1.5)).toBe(true);
    const atMin = weights.filter((w) => w === 0).length / weights.length;
    const atMax = weights.filter((w) => w === 1.5).length / weights.length;
    expect(Math.abs(atMin - 0.1587)).toBeLessThan(5 * Math.sqrt((0.1587 * 0.8413) / 400));
    expect(Math.abs(atMax - 0.3085)).toBeLessThan(5 * Math.sqrt((0.3085 * 0.6915) / 400));
  });

  it('draws from key (seed, Stream.synapse), counter (projection, source, slot, 1): weight word 0, delay word 2', () => {
    const { weights, delays } = pairs({ kind: 'uniform', min: 0.5, max: 1.5 }, { kind: 'uniform', min: 1, max: 3 }, 321);
    const words = new Uint32Array(4);
    const expectedWeights: number[] = [];
    const expectedDelays: number[] = [];
    for (let s = 0; s < 400; s++) {
      philox4x32(0, s, 0, 1, 321, Stream.synapse, words);
      expectedWeights.push(Math.fround(0.5 + toUniform(words[0])));
      expectedDelays.push(Math.max(1, Math.round((1 + 2 * toUniform(words[2])) / 0.1)));
    }
    expect(weights).toEqual(expectedWeights);
    expect(delays).toEqual(expectedDelays);
  });
});
