import { describe, expect, it } from 'vitest';
import { assemblies, bestMatch, pearson, runDeprivation } from '@/lab/deprivation';

describe('replay statistics', () => {
  it('correlates an assembly with itself at 1 and a silent bin at NaN (Pearson r of equal vectors is 1; of a constant, undefined)', () => {
    const [a, b] = assemblies(2, 3);
    expect(pearson(a, a)).toBeCloseTo(1, 12);
    expect(pearson(a, b)).toBeCloseTo(-1, 12);
    expect(bestMatch(new Float32Array(6), [a, b])).toBeNaN();
  });
});

describe('runDeprivation: a silent network replays its learned assemblies (seed 1, 3 patterns x 10 neurons)', async () => {
  const result = await runDeprivation({ seed: 1 });

  it('silences the senses: the retina fires 13.8 Hz per input while patterns are shown (a third lit at 40 Hz) and 0 after', () => {
    expect(result.input_rate_before_hz).toBeGreaterThan(10);
    expect(result.input_rate_after_hz).toBe(0);
    expect(result.curve.every((p) => p.input_rate_hz === 0)).toBe(true);
  });

  it('stays active on its own: E at 10.8 Hz with the senses off (measured; bias + background noise)', () => {
    expect(result.spontaneous_rate_hz).toBeGreaterThan(2);
  });

  it('learned its assemblies: within-assembly weights 5.0 mV against 1.7 between (measured; start 0.3)', () => {
    expect(result.within_weight_mV).toBeGreaterThan(2 * result.between_weight_mV);
  });

  it('replays them: correlation 0.30 with a learned assembly against 0.19 with neuron labels shuffled (measured, ratio 1.6)', () => {
    expect(result.scored_bins).toBeGreaterThan(30);
    expect(result.replay_correlation).toBeGreaterThan(result.shuffled_correlation);
    expect(result.replay_ratio).toBeGreaterThan(1.25);
  });
});
