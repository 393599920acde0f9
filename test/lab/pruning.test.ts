import { describe, expect, it } from 'vitest';
import { runPruning } from '@/lab/pruning';

describe('runPruning: the trained classifier keeps working on far fewer synapses (seed 1, 4 patterns, 8 outputs)', async () => {
  const result = await runPruning({ seed: 1 });

  it('learns the 4 patterns: accuracy 1.0 before pruning (measured; chance is 0.25)', () => {
    expect(result.accuracy_before).toBeGreaterThanOrEqual(0.75);
  });

  it('keeps under 50 % of its 256 input synapses (measured 20 %: 8 x 32 all-to-all, a pattern needs 8 per winner)', () => {
    expect(result.synapses_before).toBe(256);
    expect(result.synapses_left_fraction).toBeLessThan(0.5);
  });

  it('loses at most 0.25 of accuracy on them (measured 1.0 -> 1.0; one pattern of 4 is the stated margin)', () => {
    expect(result.accuracy_after).toBeGreaterThanOrEqual(result.accuracy_before - 0.25);
  });

  it('only prunes (grow_per_period 0): the pruned count rises to synapses_before - synapses_after, nothing grows', () => {
    const pruned = result.curve.map((p) => p.pruned);
    expect(pruned.every((n, i) => i === 0 || n >= pruned[i - 1])).toBe(true);
    expect(pruned[pruned.length - 1]).toBe(result.synapses_before - result.synapses_after);
    expect(result.curve.every((p) => p.grown === 0)).toBe(true);
  });
});
