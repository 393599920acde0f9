import { describe, expect, it } from 'vitest';
import { BRIAN2_CUBA_4000_MEAN_HZ, checkCubaRate, cubaRateToleranceHz, mean, sampleSd } from '@/cli/cuba-reference';

describe('cuba reference statistics', () => {
  it('computes mean 2 and sample sd 1 for 1, 2, 3', () => {
    expect(mean([1, 2, 3])).toBe(2);
    expect(sampleSd([1, 2, 3])).toBe(1);
  });

  it('allows 3 sd x sqrt(2) = 0.900 Hz against one Brian2 run and 0.652 Hz against the 20-seed mean', () => {
    expect(cubaRateToleranceHz(1)).toBeCloseTo(0.8999, 4);
    expect(cubaRateToleranceHz(20)).toBeCloseTo(0.6520, 4);
  });

  it('agrees at 0.65 Hz off the 20-seed mean and disagrees at 0.66 Hz, on either side', () => {
    expect(checkCubaRate(BRIAN2_CUBA_4000_MEAN_HZ + 0.65, BRIAN2_CUBA_4000_MEAN_HZ, 20).agrees).toBe(true);
    expect(checkCubaRate(BRIAN2_CUBA_4000_MEAN_HZ - 0.66, BRIAN2_CUBA_4000_MEAN_HZ, 20)).toMatchObject({ agrees: false });
    expect(checkCubaRate(BRIAN2_CUBA_4000_MEAN_HZ + 0.66, BRIAN2_CUBA_4000_MEAN_HZ, 20).differenceHz).toBeCloseTo(0.66, 12);
  });
});
