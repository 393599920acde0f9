import { describe, expect, it } from 'vitest';
import { median, runOurCuba } from '@/cli/bench-cuba';

describe('median', () => {
  it('is the middle of 3, 1, 2 (2) and the mean of the middle pair of 4, 1, 3, 2 (2.5)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('runOurCuba', () => {
  it('times each repeat of the same run: 2 repeats of 50 ms at 400 neurons, about 80 synapses per neuron', async () => {
    const r = await runOurCuba(400, 0.05, 1, 2);
    expect(r.runS).toHaveLength(2);
    expect(r.medianRunS).toBe(median(r.runS));
    expect(r.simulatedS).toBeCloseTo(0.05, 12);
    // Binomial(400 x 400, 0.2): 32,000 +- 5 sd (sd 160).
    expect(Math.abs(r.synapses - 32_000)).toBeLessThan(5 * 160);
    expect(r.meanRateHz).toBeCloseTo(r.spikes / (400 * 0.05), 12);
  });
});
